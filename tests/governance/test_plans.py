"""Improvement plans: the rules on closing and due dates, the review mode, and the plan as a
spreadsheet (export, import, and errors naming sheet, row and column that change nothing)."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from openyj.core.models import AuditEvent
from openyj.governance import services, spreadsheets
from openyj.governance.models import ActionLink, ActionUpdate, ImprovementAction


def test_an_action_cannot_close_without_a_closing_update(governance, manager):
    action = governance["overdue_action"]
    with pytest.raises(ValidationError) as refused:
        services.improvement_action_update(user=manager, action=action, what=action.what, owner=action.owner,
                                           due_on=action.due_on, status="closed")
    assert "cannot close without" in str(refused.value.message_dict["update"])
    action.refresh_from_db()
    assert action.status == "ongoing"
    services.improvement_action_update(user=manager, action=action, what=action.what, owner=action.owner,
                                       due_on=action.due_on, status="closed", update="All members inducted")
    action.refresh_from_db()
    assert action.status == "closed"
    assert list(action.updates.values_list("text", "status")) == [("All members inducted", "closed")]


def test_a_progress_update_sets_status_and_rag_and_is_audited(governance, manager):
    action = governance["soon_action"]
    today = governance["today"]
    with pytest.raises(ValidationError) as empty:
        services.action_update_record(user=manager, action=action, written_on=today, text=" ", status="closed")
    assert "cannot close without" in str(empty.value.message_dict["text"])
    with pytest.raises(ValidationError):
        services.action_update_record(user=manager, action=action, written_on=today + timedelta(days=1),
                                      text="Tomorrow", status="ongoing")
    services.action_update_record(user=manager, action=action, written_on=today, text="Sample drawn",
                                  status="ongoing", rag="green")
    action.refresh_from_db()
    assert (action.status, action.rag) == ("ongoing", "green")
    event = AuditEvent.objects.filter(object_id=str(action.pk), verb="change").latest("pk")
    assert event.changes == {"status": ["not_started", "ongoing"], "rag": ["", "green"]}


@pytest.mark.parametrize("persona", ["performance_officer", "board_member", "case_manager_a", "administrator"])
def test_only_managers_write_plans(persona, personas, governance):
    with pytest.raises(PermissionDenied):
        services.action_update_record(user=personas[persona], action=governance["soon_action"],
                                      written_on=governance["today"], text="x", status="ongoing")
    with pytest.raises(PermissionDenied):
        services.plan_create(user=personas[persona], service=governance["plan"].service, title="x", kind="other")
    assert not ActionUpdate.objects.exists()


def test_a_due_date_in_the_past_warns_but_saves(governance, manager, client_as):
    client = client_as(manager)
    past = governance["today"] - timedelta(days=40)
    response = client.post(reverse("governance_action_add", args=[governance["first"].pk]), {
        "number": "1.2", "what": "Refresh the terms of reference", "owner": "JB", "due_on_day": past.day,
        "due_on_month": past.month, "due_on_year": past.year, "status": "not_started", "rag": ""}, follow=True)
    html = response.content.decode()
    assert "is in the past" in html and f"{past.day} {past:%B %Y}" in html
    assert ImprovementAction.objects.filter(number="1.2", due_on=past).exists()


def test_closing_on_the_action_page_without_an_update_says_what_to_do(governance, manager, client_as):
    action = governance["overdue_action"]
    response = client_as(manager).post(reverse("governance_action_edit", args=[action.pk]), {
        "number": "1.1", "what": action.what, "owner": "JB", "status": "closed", "rag": "amber"})
    assert response.status_code == 400
    assert "Write a closing update saying what the action achieved" in response.content.decode()


def test_the_review_mode_steps_through_open_actions(governance, manager, client_as):
    client = client_as(manager)
    plan = governance["plan"]
    first = client.get(reverse("governance_plan_review", args=[plan.pk]))
    assert "reviewing open action 1 of 2" in first.content.decode()
    today = governance["today"]
    response = client.post(reverse("governance_plan_review", args=[plan.pk]), {
        "written_on_day": today.day, "written_on_month": today.month, "written_on_year": today.year,
        "text": "Two sessions held", "status": "ongoing", "rag": "green"})
    assert response.status_code == 302 and response.url == reverse("governance_plan_review_step", args=[plan.pk, 2])
    skipped = client.post(response.url, {"skip": "1"})
    assert skipped.url == reverse("governance_plan", args=[plan.pk])
    assert list(ActionUpdate.objects.values_list("action__number", "text")) == [("1.1", "Two sessions held")]


def _book(actions, updates=()):
    book = Workbook()
    sheet = book.active
    sheet.title = "Actions"
    sheet.append(spreadsheets.ACTION_COLUMNS)
    for row in actions:
        sheet.append(row)
    other = book.create_sheet("Updates")
    other.append(spreadsheets.UPDATE_COLUMNS)
    for row in updates:
        other.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "plan.xlsx"
    return out


def test_export_then_import_changes_nothing(governance, manager, client_as):
    client = client_as(manager)
    plan = governance["plan"]
    services.action_update_record(user=manager, action=governance["soon_action"], written_on=governance["today"],
                                  text="Sample drawn", status="ongoing")
    content = client.get(reverse("governance_plan_export", args=[plan.pk])).content
    book = load_workbook(io.BytesIO(content))
    assert [c.value for c in book["Actions"][1]] == spreadsheets.ACTION_COLUMNS
    assert book["Actions"].max_row == 3 and book["Updates"].max_row == 2
    assert book["Actions"]["D2"].value == "Board induction for new members"
    before = (ImprovementAction.objects.count(), ActionUpdate.objects.count())
    message = spreadsheets.plan_import(user=manager, plan=plan, file=io.BytesIO(content))
    assert message == "Plan imported: 0 actions added, 0 changed, 0 updates recorded."
    assert (ImprovementAction.objects.count(), ActionUpdate.objects.count()) == before


def test_import_adds_and_changes_actions_and_records_updates(governance, manager):
    plan, today = governance["plan"], governance["today"]
    file = _book([
        [1, "Governance and leadership", "1.1", "Board induction for all members", "", "", "JB", today, "Closed",
         "Green"],
        [3, "Voice of the child", "3.1", "Participation group", "Children shape the service", "Monthly group",
         "AM", "31/03/2027", "Not started", ""],
    ], [["1.1", today, "Every member inducted", "Closed", "Green"]])
    message = spreadsheets.plan_import(user=manager, plan=plan, file=file)
    assert message == "Plan imported: 1 action added, 1 changed, 1 update recorded."
    closed = ImprovementAction.objects.get(number="1.1")
    assert (closed.status, closed.what, closed.rag) == ("closed", "Board induction for all members", "green")
    added = ImprovementAction.objects.get(number="3.1")
    assert (added.objective.number, added.objective.text, added.why) == (3, "Voice of the child",
                                                                         "Children shape the service")


def test_a_bad_spreadsheet_names_sheet_row_and_column_and_changes_nothing(governance, manager, client_as):
    plan = governance["plan"]
    file = _book([
        [1, "Governance and leadership", "1.1", "", "", "", "JB", "2025-13-01", "Done", "Purple"],
        ["x", "Quality of practice", "2.1", "Audit", "", "", "", None, "Closed", ""],
    ], [["9.9", "not a date", "", "Ongoing", ""]])
    response = client_as(manager).post(reverse("governance_plan_import", args=[plan.pk]), {"file": file})
    assert response.status_code == 400
    html = response.content.decode()
    for problem in [
        "Actions sheet, row 2, column What: write what will be done.",
        "Actions sheet, row 2, column Due date: “2025-13-01” is not a date: write it like 31/12/2026.",
        "Actions sheet, row 2, column Status: “Done” is not a status: write one of Not started, Ongoing, Closed, "
        "No longer applicable.",
        "Actions sheet, row 2, column RAG: “Purple” is not a RAG rating",
        "Actions sheet, row 3, column Objective number: “x” is not a number",
        "Actions sheet, row 3, column Owner: write who owns the action",
        "Updates sheet, row 2, column Action number: there is no action “9.9” on the Actions sheet",
        "Updates sheet, row 2, column Date: “not a date” is not a date",
        "Updates sheet, row 2, column Update: write what happened.",
    ]:
        assert problem in html, problem
    assert "nothing has changed" in html
    assert ImprovementAction.objects.get(number="1.1").what == "Board induction for new members"


def test_closing_in_a_spreadsheet_needs_a_closing_update(governance, manager):
    file = _book([[1, "Governance and leadership", "1.1", "Board induction", "", "", "JB", None, "Closed", ""]])
    with pytest.raises(spreadsheets.PlanFileError) as refused:
        spreadsheets.plan_import(user=manager, plan=governance["plan"], file=file)
    assert refused.value.problems == [
        "Actions sheet, action 1.1, column Status: an action cannot close without a closing update. Add a row to "
        "the Updates sheet for action 1.1 with the status Closed saying what it achieved."]
    assert ImprovementAction.objects.get(number="1.1").status == "ongoing"


def test_not_a_workbook(governance, manager):
    with pytest.raises(spreadsheets.PlanFileError) as refused:
        spreadsheets.plan_import(user=manager, plan=governance["plan"], file=io.BytesIO(b"a,b\n"))
    assert "not an Excel workbook" in refused.value.problems[0]


def test_an_action_can_answer_a_risk(governance, manager, client_as):
    risk, action = governance["risk"], governance["soon_action"]
    response = client_as(manager).post(reverse("governance_risk_link", args=[risk.pk]), {"action": action.pk})
    assert response.status_code == 302
    link = ActionLink.objects.get(action=action)
    assert (link.kind, link.risk, link.text) == ("risk", risk, "Risk: Loss of the health post")
    html = client_as(manager).get(reverse("governance_risks")).content.decode()
    assert "Action: Audit risk of harm assessments" in html
