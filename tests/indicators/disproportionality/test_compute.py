"""Disproportionality, hand-worked: children not offences, shares and gaps, rates, the RRI and its
interval, the count threshold, unknown ethnicity, a zero White count, and the JSON contract."""

from __future__ import annotations

import json
import math
from io import StringIO
from statistics import NormalDist

import pytest
from django.core.management import call_command

from openyj.indicators.disproportionality import compute as dp
from openyj.indicators.disproportionality.method import rri_interval
from openyj.indicators.engine import tables_for
from openyj.indicators.periods import Period

from .. import factories as f

Q1 = Period.quarter(2024, 1)
AREA = "E08000901"
CENSUS = {"white": 10000, "mixed": 1000, "asian": 2000, "black": 500, "other": 500}  # 14,000 known


def kid(service, eth, *, sex="male", dob="2008-06-15", **kw):
    return f.child(service, ethnicity=eth, sex=sex, dob=dob, **kw)


@pytest.fixture
def custody_q1(service_a):
    """Custody in Q1 2024: 5 White children, 6 Black (one sentenced twice), 2 Mixed, one not stated,
    one not known; one Black child aged 18 on the day (not counted); one sentenced the day after Q1."""
    f.census(AREA, "census_2021", CENSUS)
    for i in range(5):
        f.outcome(kid(service_a, "white_british", ref=f"W{i}"), "2024-02-01", "detention_training_order")
    black = [kid(service_a, "black_african" if i % 2 else "black_caribbean", ref=f"B{i}") for i in range(6)]
    for c in black:
        f.outcome(c, "2024-02-01", "detention_training_order")
    b0 = black[0]
    f.outcome(b0, "2023-01-01", "fine")  # before the period
    f.outcome(b0, "2024-03-01", "section_250")  # a second custodial sentence: still one child
    f.outcome(b0, "2024-01-10", "youth_caution")  # and a caution: counted at that stage too
    for i in range(2):
        f.outcome(kid(service_a, "mixed_white_black_caribbean", ref=f"M{i}"), "2024-03-31", "section_254")
    f.outcome(kid(service_a, "not_stated", ref="NS"), "2024-01-01", "detention_training_order")
    f.outcome(kid(service_a, "not_known", ref="NK"), "2024-01-01", "detention_training_order")
    f.outcome(kid(service_a, "black_african", ref="OLD", dob="2006-01-01"), "2024-02-01", "detention_training_order")
    f.outcome(kid(service_a, "white_british", ref="LATE"), "2024-04-01", "detention_training_order")


def run(service, period=Q1, options=None, backend="duckdb"):
    t = tables_for([service], backend=backend)
    return dp.compute(t, period, options)[service.pk]


def test_custody_stage_hand_worked(custody_q1, service_a):
    r = run(service_a)
    custody = r["stages"]["custody"]
    g = custody["groups"]
    assert {k: v["count"] for k, v in g.items()} == {"white": 5, "mixed": 2, "asian": 0, "black": 6, "other": 0}
    # not stated and not known: one count, shown beside the groups, never in their shares
    assert custody["not_known"] == 2 and custody["not_known_ids"] == ["NK", "NS"]
    assert (custody["not_stated_only"], custody["not_known_only"]) == (1, 1)  # apart on the page
    assert custody["known"] == 13
    # shares of the 13 of known ethnicity; the population's of 14,000
    assert [g[k]["share"] for k in dp.GROUP_KEYS] == [38.5, 15.4, 0.0, 46.2, 0.0]
    assert [g[k]["population_share"] for k in dp.GROUP_KEYS] == [71.4, 7.1, 14.3, 3.6, 3.6]
    assert [g[k]["gap_pp"] for k in dp.GROUP_KEYS] == [-32.9, 8.3, -14.3, 42.6, -3.6]
    assert [g[k]["population"] for k in dp.GROUP_KEYS] == [10000, 1000, 2000, 500, 500]
    # rates per 1,000 of each group: 5/10,000, 2/1,000, 0/2,000, 6/500, 0/500
    assert [g[k]["rate_per_1000"] for k in dp.GROUP_KEYS] == [0.5, 2.0, 0.0, 12.0, 0.0]
    # RRI: White is the reference; Black 12 ÷ 0.5 = 24; Mixed and the zero groups below 5: no index
    assert g["white"]["rri"] == 1.0 and g["white"]["ci_low"] is None and g["white"]["significant"] is False
    assert (g["black"]["rri"], g["black"]["ci_low"], g["black"]["ci_high"], g["black"]["significant"]) == \
        (24.0, 7.35, 78.37, True)
    for k in ("mixed", "asian", "other"):
        assert (g[k]["rri"], g[k]["ci_low"], g[k]["ci_high"], g[k]["significant"]) == (None, None, None, False)
    assert g["black"]["ids"] == ["B0", "B1", "B2", "B3", "B4", "B5"]


def test_a_child_at_two_stages_counts_at_both(custody_q1, service_a):
    r = run(service_a)
    assert r["stages"]["caution"]["groups"]["black"]["ids"] == ["B0"]
    assert "B0" in r["stages"]["custody"]["groups"]["black"]["ids"]
    # the court stage counts each child once across first tier, community and custody
    assert r["stages"]["court"]["known"] == 13


def test_interval_against_an_independent_computation():
    z = NormalDist().inv_cdf(0.975)
    for a, n1, b, n2 in [(6, 500, 5, 10000), (17, 3210, 40, 41000), (5, 90, 9, 12)]:
        p1, p2 = a / n1, b / n2
        log_rr = math.log(p1) - math.log(p2)
        se = math.sqrt((1 - p1) / a + (1 - p2) / b)  # the same variance written as (1 − p)/count
        iv = rri_interval(a, n1, b, n2)
        assert iv.rri == pytest.approx(p1 / p2)
        assert iv.low == pytest.approx(math.exp(log_rr - z * se))
        assert iv.high == pytest.approx(math.exp(log_rr + z * se))
    assert rri_interval(6, 500, 5, 10000).significant
    assert not rri_interval(5, 1000, 5, 1100).significant  # an interval that spans 1


def test_zero_white_count_gives_no_index_at_all(service_a):
    f.census(AREA, "census_2021", CENSUS)
    for i in range(7):
        f.outcome(kid(service_a, "black_african", ref=f"B{i}"), "2024-02-01", "youth_rehabilitation_order")
    g = run(service_a)["stages"]["community"]["groups"]
    assert g["white"]["count"] == 0 and g["white"]["share"] == 0.0 and g["white"]["rate_per_1000"] == 0.0
    assert g["black"]["share"] == 100.0 and g["black"]["rate_per_1000"] == 14.0
    assert all(row["rri"] is None and row["ci_low"] is None for row in g.values())


def test_count_threshold_for_an_index(service_a):
    f.census(AREA, "census_2021", CENSUS)
    for i in range(5):
        f.outcome(kid(service_a, "white_irish", ref=f"W{i}"), "2024-02-01", "referral_order")
    for i in range(4):
        f.outcome(kid(service_a, "asian_pakistani", ref=f"A{i}"), "2024-02-01", "referral_order")
    for i in range(5):
        f.outcome(kid(service_a, "other_arab", ref=f"O{i}"), "2024-02-01", "referral_order")
    g = run(service_a)["stages"]["first_tier"]["groups"]
    assert g["asian"]["rri"] is None  # 4 is below 5
    assert g["other"]["rri"] == 20.0  # (5/500) ÷ (5/10,000): exactly 5 is enough
    g3 = run(service_a, options=dp.Options(threshold=4))["stages"]["first_tier"]["groups"]
    assert g3["asian"]["rri"] == 4.0  # (4/2,000) ÷ (5/10,000), with the service's threshold of 4


def test_no_census_no_population_figures(service_a):
    f.outcome(kid(service_a, "white_british"), "2024-02-01", "fine")
    g = run(service_a)["stages"]["first_tier"]["groups"]
    assert g["white"]["share"] == 100.0
    assert (g["white"]["population"], g["white"]["population_share"], g["white"]["gap_pp"],
            g["white"]["rate_per_1000"], g["white"]["rri"]) == (None, None, None, None, None)


def test_every_stage(service_a):
    f.census(AREA, "census_2021", CENSUS)
    c = kid(service_a, "asian_indian", ref="X", prior=False)
    f.outcome(c, "2024-01-05", "community_resolution")
    f.outcome(c, "2024-01-20", "youth_conditional_caution")  # also their first substantive outcome: FTE
    f.remand(c, "2024-02-01", "2024-02-20")
    f.remand(kid(service_a, "white_british", ref="BAIL"), "2024-02-01", remand_type="bail_support")
    f.offence(c, "2024-03-01", category="breach_of_bail")
    f.intervention(c, "2024-03-05")
    r = run(service_a)
    for stage in ("informal", "caution", "remand_yda", "breach", "fte", "cohort"):
        assert r["stages"][stage]["groups"]["asian"]["ids"] == ["X"], stage
    assert r["stages"]["remand_yda"]["known"] == 1


def test_population_from_detailed_rows_and_lines(service_a):
    """A group with no total row is the sum of its detailed rows; GRT is a reporting line."""
    f.census(AREA, "census_2021", {"white_british": 900, "white_roma": 60, "white_gypsy_irish_traveller": 40,
                                   "mixed": 100, "asian": 200, "black": 100, "other": 100, "not_stated": 77})
    for i in range(3):
        f.outcome(kid(service_a, "white_roma", ref=f"R{i}"), "2024-02-01", "fine")
    f.outcome(kid(service_a, "white_british", ref="W"), "2024-02-01", "fine")
    r = run(service_a)
    t = r["stages"]["first_tier"]
    assert t["groups"]["white"]["population"] == 1000 and t["groups"]["white"]["population_share"] == 66.7
    assert r["census"]["not_known"] == 77  # left out of the shares, reported
    assert t["lines"]["grt"]["count"] == 3 and t["lines"]["grt"]["population"] == 100
    assert t["lines"]["grt"]["share"] == 75.0 and t["lines"]["grt"]["population_share"] == 6.7
    assert t["lines"]["grt"]["gap_pp"] == 68.3
    assert t["detailed"]["white_roma"]["count"] == 3 and t["detailed"]["white_roma"]["population"] == 60
    assert t["detailed"]["asian_indian"]["population"] is None  # the source has no row for it


def test_indicators_json_carries_the_contract(custody_q1, service_a):
    out = StringIO()
    call_command("indicators", "--service", "NORTHDALE", "--from", "2024-01-01", "--to", "2024-03-31", "--json",
                 stdout=out)
    d = json.loads(out.getvalue())["indicators"]["disproportionality"]
    assert list(d["stages"]) == ["informal", "caution", "first_tier", "community", "custody", "remand_yda",
                                 "breach", "fte", "cohort"]
    for stage in d["stages"].values():
        assert list(stage["groups"]) == ["white", "mixed", "asian", "black", "other"]
        assert set(stage) == {"groups", "not_known"}
        for row in stage["groups"].values():
            assert list(row) == ["count", "population", "share", "population_share", "gap_pp", "rate_per_1000",
                                 "rri", "ci_low", "ci_high", "significant"]
    assert d["stages"]["custody"]["not_known"] == 2
    assert d["stages"]["custody"]["groups"]["black"] == {
        "count": 6, "population": 500, "share": 46.2, "population_share": 3.6, "gap_pp": 42.6,
        "rate_per_1000": 12.0, "rri": 24.0, "ci_low": 7.35, "ci_high": 78.37, "significant": True}
    assert d["stages"]["custody"]["groups"]["white"]["rri"] == 1.0
    assert d["stages"]["caution"]["groups"]["black"]["count"] == 1
    assert d["stages"]["informal"]["groups"]["white"]["share"] is None  # no children at the stage


def test_lenses_and_stage_to_stage(custody_q1, service_a):
    r = run(service_a)
    girls = r["lenses"]["sex"]["female"]["custody"]
    boys = r["lenses"]["sex"]["male"]["custody"]
    assert girls["known"] == 0 and boys["known"] == 13
    assert boys["groups"]["black"]["rate_per_1000"] is None  # no population by sex: no rate
    assert boys["groups"]["black"]["rri"] == 24.0  # the population's size cancels in the index
    s2s = r["stage_to_stage"]["custody"]
    assert s2s["before"] == "court" and s2s["groups"]["black"]["gap_pp"] == 0.0  # every court outcome was custody


def test_duckdb_and_postgres_agree(custody_q1, service_a):
    """The same definition in DuckDB and in PostgreSQL (run with DATABASE_URL set to PostgreSQL)."""
    from django.db import connection

    on_duck = run(service_a)
    assert on_duck["stages"]["custody"]["known"] == 13
    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL comparison runs when DATABASE_URL is PostgreSQL")
    on_pg = run(service_a, backend="postgres")
    assert on_pg["stages"] == on_duck["stages"] and on_pg["lenses"] == on_duck["lenses"]


def test_stages_agree_with_the_indicators_they_reuse(custody_q1, service_a):
    """The custody, FTE and cohort stages count exactly the children of those indicators."""
    from openyj.indicators.suite import compute_suite

    f.intervention(f.child(service_a, ref="WORKED", ethnicity="asian_other"), "2024-01-01")
    suite = compute_suite(tables_for([service_a]), Q1)[service_a.pk]
    r = run(service_a)

    def ids(stage):
        t = r["stages"][stage]
        return sorted([i for g in t["groups"].values() for i in g["ids"]] + t["not_known_ids"])

    assert ids("custody") == suite["custody"].child_ids and len(ids("custody")) == 15
    assert ids("fte") == suite["fte"].ids
    assert ids("cohort") == suite["profile"].ids == ["WORKED"]


def test_compiles_for_trino(db):
    import ibis

    from tests.indicators.test_backends import _spark_tables

    sql = ibis.to_sql(dp.stage_children(_spark_tables(), Q1), dialect="trino")
    assert "UNION" in sql.upper() and "SELECT" in sql.upper()
