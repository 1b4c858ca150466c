"""A small governance service: a plan with two objectives, a board with a meeting, a risk, a budget,
staff. Built through the services where they exist, as a manager."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from openyj.governance import models as m
from openyj.governance import services


@pytest.fixture
def governance(service_a, manager):
    today = timezone.localdate()
    plan = services.plan_create(user=manager, service=service_a, title="Inspection improvement plan",
                                kind="inspection_response", objectives=["Governance and leadership",
                                                                        "Quality of practice"])
    first, second = plan.objectives.order_by("number")
    overdue = services.improvement_action_create(user=manager, service=service_a, objective=first, number="1.1",
                                                 what="Board induction for new members", owner="JB",
                                                 due_on=today - timedelta(days=10), status="ongoing", rag="amber")
    soon = services.improvement_action_create(user=manager, service=service_a, objective=second, number="2.1",
                                              what="Audit risk of harm assessments", owner="KS",
                                              due_on=today + timedelta(days=20))
    member = services.record_save(user=manager, service=service_a, model=m.BoardMember,
                                  data={"name": "Pat Lee", "agency": "Police", "statutory_partner": True,
                                        "role": "Superintendent"})
    meeting = services.record_save(user=manager, service=service_a, model=m.BoardMeeting,
                                   data={"held_on": today - timedelta(days=30), "themes": "Education"})
    risk = services.record_save(user=manager, service=service_a, model=m.Risk,
                                data={"title": "Loss of the health post", "owner": "Head of service",
                                      "likelihood": 3, "impact": 4, "review_on": today - timedelta(days=1)})
    m.BudgetLine.objects.create(service=service_a, year="2024/25", agency="Police", staffing=Decimal("122663"),
                                total=Decimal("155187"))
    return {"plan": plan, "first": first, "second": second, "overdue_action": overdue, "soon_action": soon,
            "member": member, "meeting": meeting, "risk": risk, "today": today, "date": date}
