"""Generated sections on hand-made records: the partner budget refused while it does not add up,
attendance and workforce tables that add up, sections not available yet, and what would change."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from openyj.documents import blocks as b
from openyj.documents.sources import SOURCES, Inputs
from openyj.governance.models import BoardAttendance, BudgetLine, StaffMember

pytestmark = pytest.mark.django_db

FIGURES = {"period": {"start": "2025-04-01", "end": "2026-03-31", "kind": "rolling_12",
                      "label": "12 months to March 2026"}, "indicators": {}}


def inputs(service, **kw):
    return Inputs(service=service, figures=kw.pop("figures", FIGURES), year="2026/27", **kw)


def line(service, agency, staffing, kind, other, total, year="2026/27"):
    return BudgetLine.objects.create(service=service, year=year, agency=agency, staffing=staffing,
                                     payments_in_kind=kind, other_delegated=other, total=total)


def test_a_budget_whose_row_does_not_add_up_is_refused_and_the_discrepancy_named(service_a):
    # The Leeds seed as extracted: the Police row's parts give 122,663 but its total says 155,187.
    line(service_a, "Police", Decimal("122663"), None, None, Decimal("155187"))
    line(service_a, "Local authority", Decimal("1000"), Decimal("500"), Decimal("250"), Decimal("1750"))
    [notice] = SOURCES["budget"](inputs(service_a))
    assert isinstance(notice, b.Notice)
    assert "not shown because it does not add up" in notice.text
    assert "Police: its parts add up to £122,663 but its total says £155,187 (a difference of £32,524)" in notice.text


def test_a_stated_total_row_that_disagrees_is_refused(service_a):
    line(service_a, "Police", Decimal("100"), Decimal("0"), Decimal("0"), Decimal("100"))
    line(service_a, "Health", Decimal("50"), Decimal("25"), None, Decimal("75"))
    line(service_a, "Total", Decimal("150"), Decimal("25"), Decimal("0"), Decimal("180"))
    [notice] = SOURCES["budget"](inputs(service_a))
    assert "The Total row says £180 for total, but the rows add up to £175." in notice.text


def test_a_budget_that_adds_up_is_a_table_in_pounds_with_its_total(service_a):
    line(service_a, "Police", Decimal("100"), Decimal("0"), Decimal("0"), Decimal("100"))
    line(service_a, "Health", Decimal("50"), Decimal("25"), None, Decimal("75"))
    line(service_a, "Police", Decimal("1"), None, None, Decimal("1"), year="2025/26")  # another year: left out
    [table] = SOURCES["budget"](inputs(service_a))
    assert table.rows == [["Health", "£50", "£25", "£0", "£75"], ["Police", "£100", "£0", "£0", "£100"]]
    assert table.total == ["Total", "£150", "£25", "£0", "£175"]
    assert table.unit == "pounds sterling" and table.period == "financial year 2026/27"


def test_board_attendance_by_agency_adds_up(service_a):
    for member, agency, att, day in [("A", "Police", "attended", 10), ("B", "Health", "apologies", 10),
                                     ("A", "Police", "deputy", 11), ("B", "Health", "attended", 11),
                                     ("C", "Police", "absent", 11), ("A", "Police", "attended", 1)]:
        BoardAttendance.objects.create(service=service_a, meeting_date=date(2025, 6 if day != 1 else 3, day),
                                       member=member, agency=agency, attendance=att)
    [table] = SOURCES["board_attendance"](inputs(service_a))
    assert table.caption == "Board attendance at 2 meetings"  # March 2025 is before the period
    assert table.rows == [["Health", "1", "0", "1", "0", "2"], ["Police", "1", "1", "0", "1", "3"]]
    assert table.total == ["Total", "2", "1", "1", "1", "5"]


def test_the_workforce_hides_small_counts_and_its_total_adds_up(service_a):
    for i, (kind, sex) in enumerate([("employee", "female")] * 6 + [("employee", "male")] * 2
                                    + [("volunteer", "female")] * 5):
        StaffMember.objects.create(service=service_a, reference=f"S{i}", staff_type=kind, sex=sex, fte=Decimal("1.0"))
    [chart] = SOURCES["workforce"](inputs(service_a))
    table = chart.table
    assert table.columns == ["Type", "Male", "Female", "People", "Full-time equivalent"]
    # Employees: 2 men is hidden, and so is 6 women (else 8 − 6 would give it away).
    assert table.rows[0] == ["Employee", "fewer than 5", "not shown (would reveal a count below 5)", "8", "8.0"]
    assert table.rows[1] == ["Volunteer", "0", "5", "5", "5.0"]
    assert table.total == ["Total", "fewer than 5", "11", "13", "13.0"]
    assert "Bar chart" in chart.alt


def test_sections_whose_data_is_not_built_yet_say_so(service_a):
    for name in ("kpis", "disproportionality"):  # the figure set here has neither
        result = SOURCES[name](inputs(service_a))
        assert isinstance(result, b.Unavailable) and "issue" in result.reason


def test_the_kpis_appear_once_the_engine_computes_them(service_a):
    kpi = {"id": "kpi_ete", "name": "Education, training and employment", "numerator": 30, "denominator": 40,
           "value": 75.0, "unit": "%", "places": 1, "provisional": False, "comparators": [],
           "period": FIGURES["period"]}
    [table] = SOURCES["kpis"](inputs(service_a, figures={**FIGURES, "indicators": {"kpi_ete": kpi}}))
    assert table.rows == [["Education, training and employment", "75.0", "%", "30 of 40", "not available",
                           "none published for a period of this length", "No rating"]]


def test_what_would_change_compares_the_frozen_figures_with_todays(service_a, performance_officer):
    from openyj.documents import selectors, services

    plan = services.document_create(user=performance_officer, service=service_a, kind="plan", year="2026/27")
    services.board_approve(user=performance_officer, document=plan, chair="Pat", approved_on=date.today())
    services.submit(user=performance_officer, document=plan, submitted_on=date.today())
    plan.refresh_from_db()
    assert selectors.what_would_change(plan) == []
    plan.frozen["figures"]["indicators"]["profile"]["value"] = 999
    changes = selectors.what_would_change(plan)
    assert changes == [{"indicator": "Children worked with", "what": "figure", "frozen": 999, "now": 0,
                        "unit": "count"}]


def test_remands_by_age_on_the_day_of_remand_add_up(service_a):
    from openyj.documents.sources import remands_by_age
    from openyj.offending.models import Remand
    from tests.factories import ChildFactory

    older = [ChildFactory(service=service_a, date_of_birth=date(2009, 6, 1)) for _ in range(6)]  # 16 in 2025
    younger = ChildFactory(service=service_a, date_of_birth=date(2012, 5, 1))  # 13 in June 2025, 14 in 2026
    n = 0
    for child, start in [*((c, date(2025, 6, 2)) for c in older), (older[0], date(2025, 9, 1)),
                         (younger, date(2025, 6, 2)), (younger, date(2024, 6, 2))]:  # the last: before the period
        n += 1
        Remand.objects.create(service=service_a, reference=f"R{n}", child=child, remand_type="bail_support",
                              start_date=start)
    table = remands_by_age(inputs(service_a), 8)
    # 1 remand of a child aged 13 is hidden, and so is the next smallest (the 7 remands, the 6 children aged
    # 15–17), or the totals would give the hidden ones away.
    hidden = "not shown (would reveal a count below 5)"
    assert table.rows == [["Aged 10–14", "fewer than 5", "fewer than 5"], ["Aged 15–17", hidden, hidden]]
    assert table.total == ["Total", "8", "7"]


def test_the_risk_register_once_governance_keeps_one(service_a):
    from django.apps import apps

    try:
        risk_model = apps.get_model("governance", "Risk")
    except LookupError:
        result = SOURCES["risks"](inputs(service_a))
        assert isinstance(result, b.Unavailable) and "issue 12" in result.reason
        return
    risk_model.objects.create(service=service_a, title="Staff turnover", owner="Head of service", likelihood=3,
                              impact=4, review_on=date(2026, 6, 1))
    risk_model.objects.create(service=service_a, title="Court delays", owner="Manager", likelihood=5, impact=5,
                              review_on=date(2026, 5, 1))
    risk_model.objects.create(service=service_a, title="Old", owner="Manager", likelihood=5, impact=5,
                              review_on=date(2026, 5, 1), status="closed")
    [table] = SOURCES["risks"](inputs(service_a))
    assert [r[0] for r in table.rows] == ["Court delays", "Staff turnover"]
    assert table.rows[1][2:5] == ["3", "4", "12"]


def test_disproportionality_from_the_contracts_shape(service_a):
    def group(count, share, pop, rri, low, high, significant):
        return {"count": count, "population": 1000, "share": share, "population_share": pop, "gap_pp": None,
                "rate_per_1000": None, "rri": rri, "ci_low": low, "ci_high": high, "significant": significant}

    stage = {"groups": {"white": group(60, 60.0, 75.0, 1.0, None, None, False),
                        "mixed": group(20, 20.0, 8.0, 3.1, 1.9, 5.0, True),
                        "asian": group(3, 3.0, 10.0, 0.4, 0.1, 1.2, False),
                        "black": group(12, 12.0, 4.0, 3.8, 2.0, 7.1, True),
                        "other": group(5, 5.0, 3.0, 2.0, 0.8, 4.9, False)}, "not_known": 2}
    data = {"stages": {"custody": stage}, "stage_labels": {"custody": "Custodial sentences"}}
    [table] = SOURCES["disproportionality"](inputs(service_a, figures={**FIGURES, "disproportionality": data}))
    assert table.caption == "Custodial sentences: children by ethnic group"
    assert table.rows[0] == ["White", "60", "60.0%", "75.0%", "1.00", "No"]
    assert table.rows[1] == ["Mixed", "20", "20.0%", "8.0%", "3.10 (1.90 to 5.00)", "Yes"]
    # 3 Asian children: fewer than 5, and the next smallest (5 Other) hidden too, with their indices.
    assert table.rows[2] == ["Asian", "fewer than 5", "not shown", "10.0%", "not shown", "No"]
    assert table.rows[4][1:3] == ["not shown (would reveal a count below 5)", "not shown"]
    assert table.notes == ["Fewer than 5 children whose ethnicity is not known are left out."]
