"""Every governance page: who may see it, who may change it, and what it shows."""

from __future__ import annotations

import pytest
from django.urls import reverse

READ_PAGES = [
    ("governance_home", ()), ("governance_plans", ()), ("governance_plan", ("plan",)),
    ("governance_actions_view", ("overdue",)), ("governance_actions_view", ("due_soon",)),
    ("governance_actions_view", ("changed",)), ("governance_plan_export", ("plan",)),
    ("governance_board", ()), ("governance_meeting", ("meeting",)), ("governance_risks", ()),
    ("governance_budget", ()), ("governance_workforce", ()),
]
WRITE_PAGES = [
    ("governance_plan_create", ()), ("governance_plan_review", ("plan",)), ("governance_plan_import", ("plan",)),
    ("governance_action_add", ("first",)), ("governance_action_edit", ("overdue_action",)),
    ("governance_member_add", ()), ("governance_member_edit", ("member",)), ("governance_meeting_add", ()),
    ("governance_meeting_edit", ("meeting",)), ("governance_attendance", ("meeting", "member")),
    ("governance_board_action_add", ()), ("governance_forward_add", ()), ("governance_terms", ()),
    ("governance_risk_add", ()), ("governance_risk_edit", ("risk",)), ("governance_risk_link", ("risk",)),
    ("governance_budget_line_add", ()), ("governance_grant_add", ()), ("governance_remand_add", ()),
    ("governance_staff_add", ()),
]


def _url(governance, name, args):
    return reverse(name, args=[governance[a].pk if a in governance else a for a in args])


@pytest.mark.parametrize(("name", "args"), READ_PAGES)
def test_readers_see_each_page_and_others_are_refused(name, args, governance, personas, client_as):
    url = _url(governance, name, args)
    for persona in ("manager", "performance_officer", "board_member"):
        assert client_as(personas[persona]).get(url).status_code == 200, persona
    for persona in ("case_manager_a", "administrator", "unknown_role", "outsider"):
        assert client_as(personas[persona]).get(url).status_code == 403, persona


@pytest.mark.parametrize(("name", "args"), WRITE_PAGES)
def test_only_managers_may_change(name, args, governance, personas, client_as):
    url = _url(governance, name, args)
    response = client_as(personas["manager"]).get(url)
    assert response.status_code in (200, 302)
    for persona in ("performance_officer", "board_member", "case_manager_a", "administrator", "outsider"):
        assert client_as(personas[persona]).get(url).status_code == 403, persona
        assert client_as(personas[persona]).post(url, {}).status_code == 403, persona


@pytest.mark.parametrize("name", ["governance_plan", "governance_meeting", "governance_action_edit"])
def test_another_services_record_is_not_found(name, governance, service_b, client_as):
    from tests.conftest import make_user

    manager_b = make_user("manager_b", service_b, "manager")
    key = {"governance_plan": "plan", "governance_meeting": "meeting", "governance_action_edit": "overdue_action"}[name]
    assert client_as(manager_b).get(reverse(name, args=[governance[key].pk])).status_code == 404


def test_the_plan_page_lays_out_objectives_and_actions(governance, manager, client_as):
    html = client_as(manager).get(reverse("governance_plan", args=[governance["plan"].pk])).content.decode()
    assert "Key objective 1: Governance and leadership" in html
    assert "Board induction for new members" in html and "Overdue" in html
    assert "Amber" in html


def test_the_views_of_actions(governance, manager, client_as):
    client = client_as(manager)
    overdue = client.get(reverse("governance_actions_view", args=["overdue"])).content.decode()
    assert "Board induction" in overdue and "Audit risk of harm" not in overdue
    soon = client.get(reverse("governance_actions_view", args=["due_soon"])).content.decode()
    assert "Audit risk of harm" in soon and "Board induction" not in soon
    # Both were raised after the last meeting (30 days ago).
    changed = client.get(reverse("governance_actions_view", args=["changed"])).content.decode()
    assert "Audit risk of harm" in changed and "Board induction" in changed
    assert client.get(reverse("governance_actions_view", args=["nonsense"])).status_code == 404


def test_the_budget_page_flags_the_row_that_does_not_add_up(governance, board_member, client_as):
    html = client_as(board_member).get(reverse("governance_budget")).content.decode()
    assert "Police: the stated total of £155,187 is £32,524 more than its parts" in html
    assert "£32,524" in html and "Does not add up" in html


def test_the_risk_register_scores_and_flags_overdue_reviews(governance, performance_officer, client_as):
    html = client_as(performance_officer).get(reverse("governance_risks")).content.decode()
    assert "Loss of the health post" in html and ">12<" in html and "Review overdue" in html


def test_recording_a_deputy_on_the_meeting_page(governance, manager, client_as):
    client = client_as(manager)
    url = reverse("governance_attendance", args=[governance["meeting"].pk, governance["member"].pk])
    missing = client.post(url, {"attendance": "deputy"})
    assert missing.status_code == 400
    html = missing.content.decode()
    assert "Enter the deputy&#x27;s name" in html or "Enter the deputy's name" in html
    assert "Select whether the deputy was of appropriate seniority" in html
    done = client.post(url, {"attendance": "deputy", "deputy_name": "Chief Inspector Roe",
                             "appropriate_seniority": "True"})
    assert done.status_code == 302
    page = client.get(reverse("governance_meeting", args=[governance["meeting"].pk])).content.decode()
    assert "Sent a deputy: Chief Inspector Roe, of appropriate seniority" in page


def test_adding_a_budget_line(governance, manager, client_as):
    from openyj.governance.models import BudgetLine

    response = client_as(manager).post(reverse("governance_budget_line_add"), {
        "year": "2024/25", "agency": "Health", "staffing": "152154", "total": "152154.00"})
    assert response.status_code == 302
    line = BudgetLine.objects.get(agency="Health")
    assert (str(line.staffing), line.payments_in_kind) == ("152154.00", None)
    again = client_as(manager).post(reverse("governance_budget_line_add"), {"year": "2024/25", "agency": "Health"})
    assert again.status_code == 400 and BudgetLine.objects.filter(agency="Health").count() == 1
    assert "already has a line for this agency: change that line instead" in again.content.decode()


def test_the_register_puts_the_highest_score_first(governance, manager, performance_officer, client_as):
    from openyj.governance import models as m
    from openyj.governance import selectors, services

    today = governance["today"]
    services.record_save(user=manager, service=governance["risk"].service, model=m.Risk, data={
        "title": "Court delays", "owner": "HoS", "likelihood": 5, "impact": 3, "review_on": today})  # 15 > 12
    services.record_save(user=manager, service=governance["risk"].service, model=m.Risk, data={
        "title": "Closed risk", "owner": "HoS", "likelihood": 5, "impact": 5, "review_on": today, "status": "closed"})
    titles = [r.title for r in selectors.risks(performance_officer, governance["risk"].service)]
    assert titles == ["Court delays", "Loss of the health post", "Closed risk"]


def test_a_grant_ending_soon_is_flagged(governance, manager, client_as):
    from datetime import timedelta
    from decimal import Decimal

    from openyj.governance import models as m
    from openyj.governance import services

    services.record_save(user=manager, service=governance["risk"].service, model=m.Grant, data={
        "name": "Turnaround", "funder": "Ministry of Justice", "year": "2024/25", "amount": Decimal("98250"),
        "ends_on": governance["today"] + timedelta(days=30)})
    html = client_as(manager).get(reverse("governance_budget")).content.decode()
    assert "£98,250" in html and "Ends within 3 months" in html
