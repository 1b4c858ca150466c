"""The demo's governance records: loaded over the imported attendance and budget rows, once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from openyj.demo.governance import load_demo_governance
from openyj.governance import models as m
from openyj.governance import selectors


def test_demo_governance_loads_once(service_a, manager, board_member):
    for year in ("2024/25", "2025/26"):
        m.BudgetLine.objects.create(service=service_a, year=year, agency="Police", staffing=Decimal("126000"),
                                    other_delegated=Decimal("24000"), total=Decimal("150000"))
    for day in (date(2025, 5, 15), date(2025, 8, 21)):
        for member, agency in (("Pat Lee (Police superintendent)", "Police"), ("Sam Roe (Head of health)", "Health")):
            m.BoardAttendance.objects.create(service=service_a, meeting_date=day, member=member, agency=agency,
                                             statutory_partner=True, attendance="attended")
    load_demo_governance(service_a, manager=manager)
    plans = {plan.title: plan for plan in m.ImprovementPlan.objects.all()}
    assert plans["Inspection improvement plan"].objectives.count() == 5
    assert plans["Race and identity action plan"].kind == "race_and_identity"
    closed = m.ImprovementAction.objects.filter(status="closed")
    assert closed.exists() and all(a.updates.filter(status="closed").exists() for a in closed)
    assert m.BoardMember.objects.count() == 2 and m.BoardMeeting.objects.count() == 2
    assert not m.BoardAttendance.objects.filter(meeting__isnull=True).exists()
    assert m.BoardAction.objects.exists() and m.ForwardPlanItem.objects.exists() and m.Risk.objects.count() == 4
    table = selectors.budget_table(board_member, service_a, "2024/25")
    assert [row.discrepancy for row in table.rows] == [Decimal("32524")]
    assert selectors.budget_table(board_member, service_a, "2025/26").problems == []
    counts = [model.objects.count() for model in (m.ImprovementAction, m.Risk, m.Grant, m.BoardMeeting)]
    load_demo_governance(service_a, manager=manager)
    assert [model.objects.count() for model in (m.ImprovementAction, m.Risk, m.Grant, m.BoardMeeting)] == counts
