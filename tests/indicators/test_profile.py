"""Cohort profile: hand-worked shares, the population comparison, GRT, looked-after status, offences."""

from __future__ import annotations

import logging

import pytest

from openyj.indicators import profile, tables
from openyj.indicators.periods import Period
from openyj.indicators.results import shares

from . import factories as f

Q1 = Period.quarter(2024, 1)
AREA = "E08000901"  # service A's area


@pytest.fixture
def cohort(service_a, service_b):
    """Eight children worked with in Q1 2024 (1 January – 31 March), and one who is not."""
    def kid(ref, sex, eth, dob, start="2023-12-01", end=None, **kw):
        c = f.child(service_a, ref=ref, sex=sex, ethnicity=eth, dob=dob, **kw)
        f.intervention(c, start, end)
        return c

    a = kid("A", "female", "black_african", "2012-01-01", send_status="ehcp")
    b = kid("B", "male", "not_known", "2006-02-01", start="2024-03-01")  # 18 when first worked with in Q1
    c = kid("C", "male", "white_british", "2008-06-01", start="2023-01-01", end="2024-01-01")
    d = kid("D", "male", "white_roma", "2010-05-01", send_status="sen_support")
    kid("E", "female", "white_gypsy_irish_traveller", "2009-02-01")
    kid("F", "male", "asian_pakistani", "2007-01-15")
    g = kid("G", "male", "white_irish", "2008-01-01")
    kid("H", "female", "not_stated", "2009-09-09")
    z = kid("Z", "male", "black_caribbean", "2009-01-01", start="2023-01-01", end="2023-12-31")  # not in Q1
    f.looked_after(b, "2024-03-01", legal_basis="remand")  # remand only
    f.looked_after(c, "2020-01-01", legal_basis="care_order")
    f.looked_after(g, "2023-06-01", "2024-02-01", legal_basis="s20")
    f.looked_after(g, "2024-02-10", legal_basis="remand")  # one of two episodes on remand: looked after
    f.looked_after(z, "2020-01-01")
    f.offence(a, "2024-01-05", category="robbery", ref="OA1")
    f.offence(c, "2024-01-01", category="robbery", ref="OC1")
    f.offence(c, "2024-01-02", category="criminal_damage", ref="OC2")
    f.offence(c, "2024-03-31", category="criminal_damage", ref="OC3")
    f.offence(c, "2023-12-31", category="drugs", ref="OC-BEFORE")
    f.offence(d, "2024-02-01", category="drugs", ref="OD1")
    f.offence(d, "2024-02-02", category="theft_and_handling", ref="OD2")
    f.offence(z, "2024-02-02", category="robbery", ref="OZ-NOT-COHORT")
    f.census(AREA, "census_2021", {"white": 800, "white_british": 700, "white_roma": 15,
                                   "white_gypsy_irish_traveller": 5, "mixed": 50, "asian": 100, "black": 40,
                                   "other": 10})
    f.census(AREA, "school_census_2023", {"white": 600, "mixed": 30, "asian": 200, "black": 150, "other": 20})
    f.census(AREA, "school_census_2024", {"white": 580, "white_roma": 30, "mixed": 20, "asian": 220, "black": 170,
                                          "other": 10, "not_known": 50})
    f.census(AREA, "school_census_2025", {"white": 1})  # after the period: not used for Q1 2024
    f.census("E08000902", "census_2021", {"white": 999})  # service B's area


def rows(result, name, *cols):
    return {r["group"]: tuple(r[c] for c in cols) for r in result.breakdowns[name]}


def test_profile_hand_worked(cohort, service_a, run):
    r = run(service_a, Q1, only={"profile"})["profile"]
    assert (r.value, r.ids) == (8, ["A", "B", "C", "D", "E", "F", "G", "H"])
    # Sex: 5 male, 3 female of 8 → 62.5, 37.5
    assert rows(r, "Sex", "children", "percent") == {
        "Male": (5, 62.5), "Female": (3, 37.5), "Other": (0, 0.0), "Not known": (0, 0.0)}
    # Age on the first day worked with in the period: B is 18 on 1 March 2024
    assert rows(r, "Age band", "children", "percent") == {
        "10–14": (4, 50.0), "15–17": (3, 37.5), "18+": (1, 12.5)}
    # C looked after (care order); G looked after (s20 and a remand: not remand only); B remand only
    assert rows(r, "Looked-after status", "children", "percent") == {
        "Looked after": (2, 25.0), "Looked after on remand only": (1, 12.5), "Not looked after": (5, 62.5)}
    assert r.extra["looked_after"] == {"looked_after": 2, "remand_only": 1, "not": 5}
    assert rows(r, "SEND", "children", "percent") == {
        "No identified need": (0, 0.0), "SEN support": (1, 12.5),
        "Education, health and care plan (ALN plan in Wales)": (1, 12.5), "Not recorded": (6, 75.0)}
    # each row opens to its children
    lac = {row["key"]: row["ids"]["children"] for row in r.breakdowns["Looked-after status"]}
    assert lac == {"looked_after": ["C", "G"], "remand_only": ["B"], "not": ["A", "D", "E", "F", "H"]}


def test_offences_by_category_add_to_100(cohort, service_a, run):
    r = run(service_a, Q1, only={"profile"})["profile"]
    # 6 offences in the period by the cohort (not C's of 31 Dec, not Z's): 2, 2, 1, 1.
    # 33.33, 33.33, 16.67, 16.67: rounded down 33.3 + 33.3 + 16.6 + 16.6 = 99.8; the two 0.1s left go to
    # the largest remainders (0.067 each, the 1-offence rows), so the column adds to exactly 100.
    got = [(row["group"], row["offences"], row["percent"]) for row in r.breakdowns["Offences by category"]]
    assert got == [("Criminal damage", 2, 33.3), ("Robbery", 2, 33.3), ("Drugs offences", 1, 16.7),
                   ("Theft and handling stolen goods", 1, 16.7)]
    assert r.extra["offences"] == 6
    robbery = next(row for row in r.breakdowns["Offences by category"] if row["key"] == "robbery")
    assert robbery["ids"] == {"offences": ["OA1", "OC1"], "children": ["A", "C"]}
    tables.check(r, "Offences by category")  # adds up


def test_ethnicity_against_census_and_school_census(cohort, service_a, run):
    r = run(service_a, Q1, only={"profile"})["profile"]
    eth = {row["key"]: row for row in r.breakdowns["Ethnic group"]}
    # Known ethnicity: 6 children (B not known, H not stated): White 2 (C, G), GRT 2 (D Roma, E Gypsy or Irish
    # Traveller), Asian 1, Black 1 → 33.3, 33.3, 0, 16.7, 16.7, 0 (largest remainder: 99.8 + 0.1 + 0.1)
    assert [(k, eth[k]["children"], eth[k]["percent"]) for k in eth] == [
        ("white", 2, 33.3), ("grt", 2, 33.3), ("mixed", 0, 0.0), ("asian", 1, 16.7), ("black", 1, 16.7),
        ("other", 0, 0.0), ("not_known", 2, None)]
    assert eth["not_known"]["ids"]["children"] == ["B", "H"] and r.extra["ethnicity_not_known"] == 2
    assert eth["grt"]["ids"]["children"] == ["D", "E"]
    # Census 2021: White 800 of which GRT 15 + 5 = 20 → White 780; total 1,000 → 78.0, 2.0, 5.0, 10.0, 4.0, 1.0
    assert [eth[k]["census_percent"] for k in eth] == [78.0, 2.0, 5.0, 10.0, 4.0, 1.0, None]
    assert [eth[k]["census_gap"] for k in eth] == [-44.7, 31.3, -5.0, 6.7, 12.7, -1.0, None]
    # School census 2024 (latest not after the period; 2025 is after it): White 580 − Roma 30 = 550, GRT 30,
    # Mixed 20, Asian 220, Black 170, Other 10 = 1,000 known (50 not known left out)
    assert r.extra["school_census_source"] == "school_census_2024"
    assert [eth[k]["school_percent"] for k in eth] == [55.0, 3.0, 2.0, 22.0, 17.0, 1.0, None]
    assert [eth[k]["school_gap"] for k in eth] == [-21.7, 30.3, -2.0, -5.3, -0.3, -1.0, None]
    assert any("50 children whose ethnicity is not stated or not known" in n for n in r.notes)
    tables.check(r, "Ethnic group")


def test_school_census_without_grt_rows(cohort, service_a, run):
    """2023's school census has no Gypsy, Roma or Traveller rows: that line is not available, its White
    share includes them and the White gap is not worked out."""
    r = run(service_a, Period.quarter(2023, 4), only={"profile"})["profile"]
    eth = {row["key"]: row for row in r.breakdowns["Ethnic group"]}
    assert r.extra["school_census_source"] == "school_census_2023"
    assert (eth["white"]["school_percent"], eth["white"]["school_gap"]) == (60.0, None)
    assert (eth["grt"]["school_percent"], eth["grt"]["school_gap"]) == (None, None)
    assert eth["asian"]["school_percent"] == 20.0
    assert eth["white"]["census_gap"] is not None  # the census does separate them
    assert any("does not count Gypsy, Roma or Traveller children separately" in n for n in r.notes)
    tables.check(r, "Ethnic group")


def test_no_population_figures(service_a, run):
    c = f.child(service_a, ref="ONLY", ethnicity="white_british")
    f.intervention(c, "2024-01-01")
    r = run(service_a, Q1, only={"profile"})["profile"]
    white = r.breakdowns["Ethnic group"][0]
    assert (white["children"], white["percent"], white["census_percent"], white["census_gap"]) == (1, 100.0, None,
                                                                                                   None)
    assert r.extra["census_source"] is None and r.extra["school_census_source"] is None
    assert any("No census figures" in n for n in r.notes)
    tables.check(r, "Ethnic group")


def test_census_summed_over_the_service_areas(service_a, run):
    service_a.area_codes = ["E06000001", "E06000002"]
    service_a.save()
    f.census("E06000001", "census_2021", {"white": 300, "asian": 100})
    f.census("E06000002", "census_2021", {"white_british": 100, "black_african": 100, "mixed": 400})
    r = run(service_a, Q1, only={"profile"})["profile"]
    # each area's detailed rows belong to its own totals: White = 300 (area 1's total) + 100 (area 2's only
    # White row); no group row for Black: the sum of its detailed rows; no GRT rows: line not available
    census = {row["key"]: row["census_percent"] for row in r.breakdowns["Ethnic group"]}
    assert census == {"white": 40.0, "grt": None, "mixed": 40.0, "asian": 10.0, "black": 10.0, "other": 0.0,
                      "not_known": None}


def test_census_rows_that_do_not_add_up_are_not_used(service_a, run):
    f.census(AREA, "census_2021", {"white": 100, "white_british": 90, "white_irish": 20, "asian": 10})
    r = run(service_a, Q1, only={"profile"})["profile"]
    assert r.extra["census_source"] is None
    assert all(row["census_percent"] is None for row in r.breakdowns["Ethnic group"])
    assert any("add up to 110, more than the group's total of 100" in n for n in r.notes)


def test_population_lines_directly():
    p = profile.population_lines({"White": 50, "white_gypsy_irish_traveller": 4, "not_stated": 3, "black": 6},
                                 "census_2021")
    assert p["lines"] == {"white": 46, "grt": 4, "mixed": 0, "asian": 0, "black": 6, "other": 0}
    assert (p["not_known"], p["grt_separate"], p["problems"]) == (3, True, [])
    assert profile.population_lines({"martian": 1}, "census_2021")["problems"]


@pytest.mark.parametrize(("sources", "end", "expected"), [
    (["census_2021", "school_census_2022", "school_census_2024"], (2024, 3, 31), "school_census_2024"),
    (["school_census_2022", "school_census_2024"], (2023, 12, 31), "school_census_2022"),
    (["school_census_2024"], (2023, 12, 31), None),
])
def test_latest_school_census_not_after_the_period(sources, end, expected):
    from datetime import date

    period = Period.quarter_containing(date(*end))
    assert profile.school_census_source(sources, period) == expected


def test_under_10_has_its_own_age_band(service_a, run):
    young = f.child(service_a, ref="Y", dob="2015-01-01")
    f.intervention(young, "2024-01-01")
    r = run(service_a, Q1, only={"profile"})["profile"]
    assert [(row["group"], row["children"]) for row in r.breakdowns["Age band"]] == [
        ("under 10", 1), ("10–14", 0), ("15–17", 0), ("18+", 0)]
    tables.check(r, "Age band")


@pytest.mark.parametrize(("counts", "expected"), [
    ([1, 1, 1], [33.4, 33.3, 33.3]),   # ties: the earlier row
    ([2, 1], [66.7, 33.3]),
    ([5, 3, 0], [62.5, 37.5, 0.0]),
    # rounded down: 5.5 + 0 + 11.1 + 16.6 + 27.7 + 38.8 = 99.7; the three 0.1s to the largest remainders
    ([1, 0, 2, 3, 5, 7], [5.5, 0.0, 11.1, 16.7, 27.8, 38.9]),
    ([0, 0], [None, None]),
])
def test_shares_add_to_exactly_100(counts, expected):
    got = shares(counts)
    assert got == expected
    if any(counts):
        from decimal import Decimal
        assert sum(Decimal(repr(x)) for x in got) == 100


def test_every_profile_table_adds_up(cohort, service_a, run):
    r = run(service_a, Q1, only={"profile"})["profile"]
    assert len(tables.order(r)) == 6
    for name in tables.order(r):
        tables.check(r, name)


def test_a_table_that_does_not_add_up_is_an_error_not_shown(cohort, service_a, run, caplog):
    r = run(service_a, Q1, only={"profile"})["profile"]
    r.breakdowns["Offences by category"].pop()  # lose a row: 5 offences in the rows, 6 in the total
    with pytest.raises(tables.TotalsDoNotAddUp, match="offences: the rows add up to 5, the total is 6"):
        tables.check(r, "Offences by category")
    r.breakdowns["Sex"][0]["percent"] = 62.4  # percentages add to 99.9
    with pytest.raises(tables.TotalsDoNotAddUp, match="percent: the percentages add up to 99.9"):
        tables.check(r, "Sex")
    with caplog.at_level(logging.ERROR, logger="openyj.indicators.tables"):
        shown = tables.display(r, "Offences by category", aggregate_only=False, threshold=5)
    assert shown["error"] and shown["rows"] == [] and shown["total"] is None
    assert "does not add up" in caplog.text
