"""``openyj budget`` and the budget check, hand-worked on the Leeds seed's table (Leeds Youth Justice
Plan 2021–24, §4) and on small tables built to test each rule of the contract."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from openyj.governance.budget import check_table, table_as_json
from openyj.governance.models import BudgetLine

D = Decimal

# The Leeds seed as extracted: agency, staffing, payments in kind, other delegated, total.
LEEDS = [
    ("Police", "122663", None, None, "155187"),
    ("PCC", "198092", None, None, "198092"),
    ("Probation", "82999", None, "5000", "87999"),
    ("Health", "152154", None, None, "152154"),
    ("Local Authority", "1543883", "620380", "520698", "2684961"),
    ("YJB", "1202230", None, "119216", "1321446"),
    ("Total", "3302021", "620380", "644914", "4567316"),
]


def _lines(service, year, rows):
    for agency, staffing, kind, other, total in rows:
        BudgetLine.objects.create(service=service, year=year, agency=agency,
                                  staffing=None if staffing is None else D(staffing),
                                  payments_in_kind=None if kind is None else D(kind),
                                  other_delegated=None if other is None else D(other),
                                  total=None if total is None else D(total))


def _run(*args):
    out = StringIO()
    call_command("budget", *args, stdout=out)
    return out.getvalue()


def test_the_leeds_table_hand_worked(service_a):
    _lines(service_a, "2021/22", LEEDS)
    result = json.loads(_run("--service", "NORTHDALE", "--year", "2021/22", "--json"))
    assert result["year"] == "2021/22"
    assert [row["agency"] for row in result["rows"]] == ["Police", "PCC", "Probation", "Health", "Local Authority",
                                                         "YJB"]
    police = result["rows"][0]
    # Parts 122,663 against a stated 155,187: kept, and 32,524 more than its parts.
    assert police == {"agency": "Police", "staffing": 122663, "payments_in_kind": None, "other_delegated": None,
                      "total_stated": 155187, "total_computed": 122663, "discrepancy": 32524}
    assert [row["discrepancy"] for row in result["rows"][1:]] == [0, 0, 0, 0, 0]
    assert result["rows"][4]["total_computed"] == 2684961  # 1,543,883 + 620,380 + 520,698
    # 122,663 + 198,092 + 82,999 + 152,154 + 1,543,883 + 1,202,230 = 3,302,021; 5,000 + 520,698 + 119,216 = 644,914;
    # the stated totals: 155,187 + 198,092 + 87,999 + 152,154 + 2,684,961 + 1,321,446 = 4,599,839.
    assert result["column_totals"] == {"staffing": 3302021, "payments_in_kind": 620380, "other_delegated": 644914,
                                       "total": 4599839}
    assert result["total_row_stated"] == {"staffing": 3302021, "payments_in_kind": 620380,
                                          "other_delegated": 644914, "total": 4567316}
    problems = result["problems"]
    assert problems[0] == ("Police: the stated total of £155,187 is £32,524 more than its parts, which add up to "
                           "£122,663. Check the Police row with the partner.")
    # The Total row's own columns give 4,567,315, one pound short of its stated 4,567,316;
    # and its total is 4,599,839 − 4,567,316 = 32,523 less than the rows' stated totals.
    assert any("Total row: its stated total of £4,567,316 is £1 more than its own columns" in p for p in problems)
    assert any("Total row: it states £4,567,316 for total, £32,523 less than the agencies' rows, which add up to "
               "£4,599,839" in p for p in problems)
    assert len(problems) == 3


def test_a_table_that_adds_up_has_no_problems_and_empty_parts_are_none(service_a):
    _lines(service_a, "2024/25", [
        ("Police", "1000.50", None, None, "1000.50"),
        ("Health", None, "250", None, None),
        ("Total", "1000.50", "250", None, "1250.50"),
    ])
    result = json.loads(_run("--service", "NORTHDALE", "--year", "2024/25", "--json"))
    health = result["rows"][1]
    assert (health["total_stated"], health["total_computed"], health["discrepancy"]) == (None, 250, None)
    assert result["rows"][0]["total_computed"] == 1000.5
    assert result["column_totals"] == {"staffing": 1000.5, "payments_in_kind": 250, "other_delegated": 0,
                                       "total": 1250.5}
    assert result["problems"] == []


def test_money_is_exact_with_no_tolerance(service_a):
    _lines(service_a, "2024/25", [("Police", "100.10", "0.20", None, "100.31")])
    result = json.loads(_run("--service", "NORTHDALE", "--year", "2024/25", "--json"))
    row = result["rows"][0]
    assert (row["total_computed"], row["discrepancy"]) == (100.3, 0.01)
    assert result["total_row_stated"] is None
    assert result["problems"] == ["Police: the stated total of £100.31 is £0.01 more than its parts, which add up "
                                  "to £100.30. Check the Police row with the partner."]


def test_a_year_without_a_table_is_reported_not_fatal(service_a):
    result = json.loads(_run("--service", "NORTHDALE", "--year", "2030/31", "--json"))
    assert result["rows"] == [] and result["total_row_stated"] is None
    assert result["column_totals"] == {"staffing": 0, "payments_in_kind": 0, "other_delegated": 0, "total": 0}
    assert result["problems"] == ["There is no budget table for 2030/31. Enter the partners' contributions on the "
                                  "budget page or import them in budget.csv."]


def test_only_the_services_own_year(service_a, service_b):
    _lines(service_a, "2024/25", [("Police", "10", None, None, "10")])
    _lines(service_b, "2024/25", [("Health", "99", None, None, "1")])
    _lines(service_a, "2023/24", [("YJB", "5", None, None, "5")])
    result = json.loads(_run("--service", "northdale", "--year", "2024/25", "--json"))
    assert [row["agency"] for row in result["rows"]] == ["Police"]


def test_usage_errors(service_a):
    with pytest.raises(CommandError) as bad_year:
        _run("--service", "NORTHDALE", "--year", "2024-25", "--json")
    assert bad_year.value.returncode == 2 and "2024/25" in str(bad_year.value)
    with pytest.raises(CommandError) as no_service:
        _run("--service", "NOWHERE", "--year", "2024/25")
    assert no_service.value.returncode == 1 and "NOWHERE" in str(no_service.value)


def test_the_text_report_names_the_problem(service_a):
    _lines(service_a, "2021/22", LEEDS[:1])
    text = _run("--service", "NORTHDALE", "--year", "2021/22")
    assert "Police | £122,663 | none | none | £155,187 | £122,663 | £32,524" in text
    assert "- Police: the stated total of £155,187 is £32,524 more than its parts" in text


def test_negative_money_is_a_problem():
    line = type("Line", (), {"agency": "Police", "staffing": D("-5"), "payments_in_kind": None,
                             "other_delegated": None, "total": None})
    table = check_table("2024/25", [line])
    assert table.problems == ["Police: staffing costs is minus £5; a contribution cannot be below £0. Correct the "
                              "staffing costs for Police."]
    assert table_as_json(table)["rows"][0]["total_computed"] == -5


def test_an_imported_budget_csv_is_checked_end_to_end(service_a, tmp_path):
    from tests.interchange.helpers import write_folder

    folder = write_folder(tmp_path / "in", {"budget.csv": [
        ["year", "agency", "staffing", "payments_in_kind", "other_delegated", "total"],
        ["2021/22", "Police", "122663", "", "", "155187"],
        ["2021/22", "Health", "152154", "", "", ""],
        ["2021/22", "Total", "274817", "", "", "307341"],
    ]})
    call_command("import", str(folder), "--service", "NORTHDALE", stdout=StringIO())
    result = json.loads(_run("--service", "NORTHDALE", "--year", "2021/22", "--json"))
    assert [(r["agency"], r["total_computed"], r["discrepancy"]) for r in result["rows"]] == [
        ("Police", 122663, 32524), ("Health", 152154, None)]
    # 155,187 stated + 152,154 computed = 307,341, as the Total row says.
    assert result["column_totals"]["total"] == 307341
    assert result["total_row_stated"]["total"] == 307341
    assert len(result["problems"]) == 2  # the Police row, and the Total row whose own columns give 274,817


def test_an_imported_negative_amount_is_refused_naming_the_row(service_a, tmp_path):
    from tests.interchange.helpers import write_folder

    folder = write_folder(tmp_path / "in", {"budget.csv": [
        ["year", "agency", "staffing", "payments_in_kind", "other_delegated", "total"],
        ["2021/22", "Police", "-5", "", "", ""],
    ]})
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit) as failed:
        call_command("import", str(folder), "--service", "NORTHDALE", stdout=out, stderr=err)
    assert failed.value.code == 1
    report = out.getvalue() + err.getvalue()
    assert "budget.csv row 2, staffing" in report and "£0 or more" in report
    assert not BudgetLine.objects.exists()
