"""``openyj indicators``: the command-line contract."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from . import factories as f


@pytest.fixture
def data(service_a):
    f.population("E08000901", 2024, 20_000)
    a = f.child(service_a, ref="CH-1", dob="2009-05-01")
    f.proven(a, "2024-01-10", "2024-02-01", "youth_caution")
    f.proven(a, "2024-04-01", "2024-05-01", "referral_order")
    b = f.child(service_a, ref="CH-2", dob="2008-05-01")
    f.proven(b, "2023-10-10", "2024-02-15", "detention_training_order")
    f.remand(b, "2024-01-10", "2024-02-15")
    f.custody(b, "2024-02-15", "2024-03-20")
    return service_a


def run_json(*args):
    out = StringIO()
    call_command("indicators", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@time_machine.travel("2025-06-01 12:00 +0000")
def test_json_matches_the_contract(data):
    got = run_json("--service", "NORTHDALE", "--from", "2024-01-01", "--to", "2024-03-31")
    assert (got["service"], got["from"], got["to"]) == ("NORTHDALE", "2024-01-01", "2024-03-31")
    ind = got["indicators"]
    assert {"fte", "reoffending", "custody", "remand_nights"} <= set(ind)
    assert ind["fte"] == {"count": 2, "population": 20_000, "rate": 10.0,
                          "unit": "per 100,000 children aged 10–17", "population_year": 2024,
                          "children": ["CH-1", "CH-2"]}
    reo = ind["reoffending"]
    assert {k: reo[k] for k in ("cohort", "reoffenders", "reoffences", "binary_rate", "frequency",
                                "per_reoffender", "children")} == {
        "cohort": 2, "reoffenders": 1, "reoffences": 1, "binary_rate": 50.0, "frequency": 0.5,
        "per_reoffender": 1.0, "children": ["CH-1", "CH-2"]}
    assert reo["provisional"] is True  # final only 18 months after 31 March 2024
    assert {k: ind["custody"][k] for k in ("sentences", "children_sentenced", "population", "rate", "unit")} == {
        "sentences": 1, "children_sentenced": 1, "population": 20_000, "rate": 0.05,
        "unit": "per 1,000 children aged 10–17"}
    assert ind["remand_nights"] == {"nights": 36, "children": ["CH-2"]}  # 10 Jan … 14 Feb


def test_plain_text_output(data):
    out = StringIO()
    call_command("indicators", "--service", "NORTHDALE", "--from", "2024-01-01", "--to", "2024-03-31", stdout=out)
    text = out.getvalue()
    assert "First time entrants (local records): 10.0 per 100,000 children aged 10–17 [2 of 20,000]" in text
    assert "1 custodial sentences imposed on 1 children" in text


@pytest.mark.parametrize("args", [
    ["--service", "NOPE", "--from", "2024-01-01", "--to", "2024-03-31"],
    ["--service", "NORTHDALE", "--from", "2024-13-01", "--to", "2024-03-31"],
    ["--service", "NORTHDALE", "--from", "2024-04-01", "--to", "2024-03-31"],
])
def test_invalid_input_is_exit_1(data, args):
    with pytest.raises(CommandError) as e:
        call_command("indicators", *args)
    assert e.value.returncode == 1


def test_usage_errors_exit_2_and_help():
    missing = subprocess.run([sys.executable, "manage.py", "indicators", "--service", "X"],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "--from" in missing.stderr
    shown = subprocess.run([sys.executable, "manage.py", "indicators", "--help"], capture_output=True, text=True,
                           timeout=120)
    assert shown.returncode == 0 and "--json" in shown.stdout


# --- --comparators: like with like (hand-worked) -----------------------------------------------------

def _published(service, indicator, start, end, value, area_type="national", area="England and Wales"):
    from datetime import date
    from decimal import Decimal

    from openyj.indicators.models import ComparatorValue

    ComparatorValue.objects.create(service=service, indicator=indicator, area_type=area_type, area_name=area,
                                   period_start=date.fromisoformat(start), period_end=date.fromisoformat(end),
                                   value=Decimal(value), source="MoJ Youth Justice Statistics",
                                   published_on=date(2024, 10, 30))


def _target(service, indicator, value):
    from decimal import Decimal

    from openyj.indicators.models import IndicatorSetting

    IndicatorSetting.objects.create(service=service, indicator=indicator, target=Decimal(value))


@time_machine.travel("2030-06-01 12:00 +0000")
def test_a_quarterly_figure_is_never_rated_against_an_annual_comparator(data):
    # Q1 2024: 2 first time entrants of 20,000 children = 10.0 per 100,000.
    _published(data, "fte", "2023-01-01", "2023-12-31", "157")          # annual: not comparable
    _published(data, "fte", "2023-10-01", "2023-12-31", "8", "region", "North East")  # a quarter: 92 vs 91 days
    _target(data, "fte", "12")
    got = run_json("--service", "NORTHDALE", "--from", "2024-01-01", "--to", "2024-03-31", "--comparators")
    fte = got["indicators"]["fte"]
    assert fte["rate"] == 10.0
    comps = {c["label"]: c for c in fte["comparators"]}
    annual = comps["National: England and Wales (MoJ Youth Justice Statistics)"]
    assert (annual["kind"], annual["value"], annual["comparable"], annual["rag"]) == ("published", 157.0, False, None)
    assert annual["note"] == "not comparable: different period" and annual["change_absolute"] is None
    region = comps["Region: North East (MoJ Youth Justice Statistics)"]
    # 10.0 against 8.0, lower is better: worse by 25% (more than the 5% tolerance) → red
    assert (region["comparable"], region["rag"], region["change_absolute"]) == (True, "red", 2.0)
    target = comps["Target"]
    assert (target["kind"], target["comparable"], target["rag"]) == ("target", True, "green")
    assert (target["period_start"], target["period_end"]) == ("2024-01-01", "2024-03-31")
    # previous quarter (Oct–Dec 2023): no population estimate for 2023 or earlier, so no rate, no RAG
    previous = comps["Previous period"]
    assert (previous["kind"], previous["period_start"], previous["period_end"], previous["value"]) == (
        "previous_period", "2023-10-01", "2023-12-31", None)
    assert previous["comparable"] is True and previous["rag"] is None
    assert {c["kind"] for c in fte["comparators"]} == {"previous_period", "year_earlier", "target", "published"}
    for c in fte["comparators"]:
        assert set(c) >= {"kind", "label", "period_start", "period_end", "value", "comparable", "rag"}


@time_machine.travel("2030-06-01 12:00 +0000")
def test_a_12_month_figure_is_rated_against_an_annual_comparator_and_the_same_period_is_shown_once(data):
    _published(data, "fte", "2023-01-01", "2023-12-31", "157")
    got = run_json("--service", "NORTHDALE", "--from", "2024-01-01", "--to", "2024-12-31", "--comparators")
    fte = got["indicators"]["fte"]
    kinds = [c["kind"] for c in fte["comparators"]]
    # the previous 12 months *are* the same period a year earlier: one row, not two
    assert kinds == ["previous_period", "published"]
    national = fte["comparators"][1]
    # 10.0 (2 of 20,000) against 157.0, lower is better → green; 2023 is 365 days, 2024 366
    assert (national["comparable"], national["rag"], national["change_absolute"]) == (True, "green", -147.0)


@time_machine.travel("2025-06-01 12:00 +0000")
def test_a_provisional_cohort_is_never_rated(data):
    _target(data, "reoffending", "60")
    _published(data, "reoffending", "2023-01-01", "2023-03-31", "33.5")
    got = run_json("--service", "NORTHDALE", "--from", "2024-01-01", "--to", "2024-03-31", "--comparators")
    reo = got["indicators"]["reoffending"]
    assert reo["provisional"] is True and reo["binary_rate"] == 50.0
    comparable = [c for c in reo["comparators"] if c["comparable"]]
    assert {c["kind"] for c in comparable} == {"previous_period", "year_earlier", "target", "published"}
    assert all(c["rag"] is None for c in reo["comparators"])
    # a final figure would have been rated: 50.0 against a target of 60 (lower is better) is green
    with time_machine.travel("2030-06-01 12:00 +0000"):
        final = run_json("--service", "NORTHDALE", "--from", "2024-01-01", "--to", "2024-03-31", "--comparators")
    rated = {c["kind"]: c["rag"] for c in final["indicators"]["reoffending"]["comparators"]}
    assert final["indicators"]["reoffending"]["provisional"] is False and rated["target"] == "green"


# --- --audience board: the small-number rule -------------------------------------------------------------

def _no_id_lists(value, path="") -> list[str]:
    found = []
    if isinstance(value, dict):
        for k, v in value.items():
            found += _no_id_lists(v, f"{path}.{k}")
    elif isinstance(value, list):
        if any(isinstance(v, str) for v in value):
            found.append(path)
        for v in value:
            found += _no_id_lists(v, path)
    return found


@time_machine.travel("2030-06-01 12:00 +0000")
def test_board_audience_gets_no_ids_and_small_counts_as_fewer_than_5(data):
    got = run_json("--service", "NORTHDALE", "--from", "2024-01-01", "--to", "2024-03-31", "--audience", "board",
                   "--comparators")
    ind = got["indicators"]
    assert _no_id_lists(ind) == []
    assert "children" not in ind["fte"] and "children" not in ind["remand_nights"]
    # 2 first time entrants: "<5", the rate worked out from it null; the population (20,000) shown
    assert (ind["fte"]["count"], ind["fte"]["rate"], ind["fte"]["population"]) == ("<5", None, 20_000)
    reo = ind["reoffending"]
    assert (reo["cohort"], reo["reoffenders"], reo["binary_rate"], reo["frequency"], reo["per_reoffender"]) == (
        "<5", "<5", None, None, None)
    assert reo["reoffences"] is None  # the reoffences of suppressed reoffenders are not given either
    assert (ind["custody"]["sentences"], ind["custody"]["rate"]) == ("<5", None)
    # zero is shown as 0
    assert ind["serious_violence"]["numerator"] == 0
    # no RAG beside a figure that is not shown
    assert all(c["rag"] is None for c in ind["fte"]["comparators"])
    # a staff member gets the real counts
    staff = run_json("--service", "NORTHDALE", "--from", "2024-01-01", "--to", "2024-03-31")
    assert staff["indicators"]["fte"]["count"] == 2 and staff["indicators"]["fte"]["children"] == ["CH-1", "CH-2"]


@time_machine.travel("2030-06-01 12:00 +0000")
def test_board_audience_secondary_suppression(service_a):
    # A cohort of 9 in Q1 2024: 7 boys, 2 girls. "2" is suppressed; 9 − 7 would reveal it, so the
    # 7 is suppressed too (secondary). The total (9) is shown.
    f.population("E08000901", 2024, 20_000)
    for i in range(9):
        c = f.child(service_a, ref=f"C{i}", dob="2008-05-01", sex="female" if i < 2 else "male")
        f.proven(c, "2024-01-05", "2024-02-01", "referral_order")
    got = run_json("--service", "NORTHDALE", "--from", "2024-01-01", "--to", "2024-03-31", "--audience", "board")
    reo = got["indicators"]["reoffending"]
    assert reo["cohort"] == 9 and reo["reoffenders"] == 0 and reo["binary_rate"] == 0.0
    by_sex = {row["group"]: row for row in reo["breakdowns"]["Sex"]}
    assert by_sex["Female"]["cohort"] == "<5" and by_sex["Female"]["binary_rate"] is None
    assert by_sex["Male"]["cohort"] is None and by_sex["Male"]["binary_rate"] is None  # secondary
    staff = run_json("--service", "NORTHDALE", "--from", "2024-01-01", "--to", "2024-03-31")
    by_sex = {row["group"]: row for row in staff["indicators"]["reoffending"]["breakdowns"]["Sex"]}
    assert (by_sex["Female"]["cohort"], by_sex["Male"]["cohort"]) == (2, 7)


@time_machine.travel("2030-06-01 12:00 +0000")
def test_board_audience_plain_text_says_fewer_than_5(data):
    out = StringIO()
    call_command("indicators", "--service", "NORTHDALE", "--from", "2024-01-01", "--to", "2024-03-31",
                 "--audience", "board", stdout=out)
    text = out.getvalue()
    assert "First time entrants (local records): not shown per 100,000 children aged 10–17 [fewer than 5]" in text
    assert "CH-1" not in text


def test_board_secondary_suppression_of_disproportionality_groups():
    """A stage's groups and "not known" add up to a figure shown elsewhere: one small group would be
    revealed by subtraction, so the next smallest is hidden too (hand-worked: 2 black children of 40)."""
    from openyj.indicators.management.commands.indicators import board_indicators

    def group(count, share):
        return {"count": count, "population": 1000, "share": share, "rri": 1.5, "ci_low": 0.5, "ci_high": 2.0}

    data = {"disproportionality": {"stages": {"fte": {
        "groups": {"white": group(30, 75.0), "mixed": group(0, 0.0), "asian": group(6, 15.0),
                   "black": group(2, 5.0), "other": group(0, 0.0)},
        "not_known": 2}}}}
    stage = board_indicators(data)["disproportionality"]["stages"]["fte"]
    # primary: black (2) and not known (2) are "<5"; two cells hidden already, so no secondary needed
    assert stage["groups"]["black"]["count"] == "<5" and stage["groups"]["black"]["share"] is None
    assert stage["not_known"] == "<5" and stage["groups"]["asian"]["count"] == 6
    data["disproportionality"]["stages"]["fte"]["not_known"] = 0
    stage = board_indicators(data)["disproportionality"]["stages"]["fte"]
    # now black (2) alone is hidden: 40 − the others would give it, so the smallest non-zero other
    # (asian, 6) is hidden too, with everything worked out from it; zeros stay 0
    assert stage["groups"]["black"]["count"] == "<5"
    assert stage["groups"]["asian"]["count"] is None and stage["groups"]["asian"]["rri"] is None
    assert stage["groups"]["white"]["count"] == 30 and stage["groups"]["mixed"]["count"] == 0
    assert stage["groups"]["white"]["population"] == 1000
