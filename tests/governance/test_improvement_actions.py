"""Improvement actions live in governance: typed links to what they answer, services that check the
acting user's role and service themselves, selectors through the gate, and the migration that turned
the old ``source_ref`` strings into links."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from openyj.core.models import AuditEvent
from openyj.core.roles import Role
from openyj.governance import selectors, services
from openyj.governance.models import ActionLink, ImprovementAction
from openyj.quality.models import CaseAudit, Inspection, InspectionRecommendation, StandardsSelfAssessment
from tests.conftest import make_user


def _audit(service, title="Spring audit"):
    return CaseAudit.objects.create(service=service, title=title, framework="hmip-2021",
                                    reference_date=date(2025, 3, 31), seed=1)


def _inspection(service):
    inspection = Inspection.objects.create(service=service, framework="hmip-2018", title="Leeds 2019",
                                           published_overall="Requires improvement")
    for number in (1, 2):
        InspectionRecommendation.objects.create(service=service, inspection=inspection, number=number,
                                                addressed_to="The service", text=f"recommendation {number}")
    return inspection


def _self_assessment(service):
    return StandardsSelfAssessment.objects.create(service=service, title="NS 2024/25", period_start=date(2024, 4, 1),
                                                  period_end=date(2025, 3, 31), scale_name="Four-point",
                                                  grades=["Good", "Poor"], seed=1)


def _raise(user, service, link, what="Workshop on risk of harm"):
    return services.improvement_action_create(user=user, service=service, what=what, owner="AB",
                                              due_on=date(2025, 9, 30), answers=[link])


@pytest.fixture
def manager_b(service_b):
    return make_user("manager_b", service_b, Role.MANAGER)


def test_an_action_answers_typed_references_and_is_audited(service_a, manager):
    audit = _audit(service_a)
    inspection = _inspection(service_a)
    sa = _self_assessment(service_a)
    recommendation = inspection.recommendations.get(number=2)
    links = [
        ActionLink.audit_finding(audit, "2.1.3", text="Case audit “Spring audit”, key question 2.1.3 (50% yes)"),
        ActionLink.for_recommendation(recommendation, text="Leeds 2019, recommendation 2"),
        ActionLink.standards_grading(sa, "5", "operational", text="NS 2024/25, standard 5, operational level"),
        ActionLink.inspection_finding(inspection, "2.1", text="Leeds 2019, standard 2.1"),
        ActionLink.for_indicator("fte", text="First time entrants, above target"),
    ]
    actions = [_raise(manager, service_a, link) for link in links]
    stored = [action.links.get() for action in actions]
    assert [(s.kind, s.case_audit, s.code) for s in stored[:1]] == [("audit_finding", audit, "2.1.3")]
    assert (stored[1].kind, stored[1].recommendation) == ("recommendation", recommendation)
    assert (stored[2].kind, stored[2].self_assessment, stored[2].code, stored[2].level) == (
        "standards_grading", sa, "5", "operational")
    assert (stored[3].kind, stored[3].inspection, stored[3].code) == ("inspection_finding", inspection, "2.1")
    assert (stored[4].kind, stored[4].indicator) == ("indicator", "fte")
    assert all(s.service == service_a for s in stored)
    assert actions[0].answers == "Case audit “Spring audit”, key question 2.1.3 (50% yes)"
    event = AuditEvent.objects.get(verb="create", object_id=str(actions[0].pk))
    assert (event.user, event.service, event.object_type) == (manager, service_a, "governance.ImprovementAction")
    assert event.changes == {"answers": ["Case audit “Spring audit”, key question 2.1.3 (50% yes)"]}


@pytest.mark.parametrize("persona", ["case_manager_a", "performance_officer", "board_member", "administrator",
                                     "outsider", "unknown_role", "case_manager_b"])
def test_only_a_manager_of_the_service_may_raise_or_change_an_action(persona, personas, manager, service_a):
    audit = _audit(service_a)
    with pytest.raises(PermissionDenied):
        _raise(personas[persona], service_a, ActionLink.audit_finding(audit, "2.1.3", text="x"))
    assert not ImprovementAction.objects.exists()
    action = _raise(manager, service_a, ActionLink.audit_finding(audit, "2.1.3", text="x"))
    with pytest.raises(PermissionDenied):
        services.improvement_action_update(user=personas[persona], action=action, what="Changed", owner="CD",
                                           due_on=None, status="closed")
    action.refresh_from_db()
    assert (action.what, action.status) == ("Workshop on risk of harm", "not_started")


def test_a_manager_of_another_service_cannot_act_in_it_nor_answer_its_records(service_a, service_b, manager_b):
    audit_a = _audit(service_a)
    with pytest.raises(PermissionDenied):
        _raise(manager_b, service_a, ActionLink.audit_finding(audit_a, "2.1.3", text="x"))
    with pytest.raises(PermissionDenied, match="its own service"):
        _raise(manager_b, service_b, ActionLink.audit_finding(audit_a, "2.1.3", text="x"))
    assert not ImprovementAction.objects.exists() and not ActionLink.objects.exists()


def test_bad_input_names_the_field_and_changes_nothing(service_a, manager):
    audit = _audit(service_a)
    with pytest.raises(ValidationError) as exc:
        services.improvement_action_create(user=manager, service=service_a, what=" ", owner="", status="done",
                                           answers=[ActionLink.audit_finding(audit, "2.1.3", text="x")])
    assert exc.value.message_dict == {"what": ["Enter what will be done"], "owner": ["Enter who owns the action"],
                                      "status": ["Select a status"]}
    assert not ImprovementAction.objects.exists()


def test_a_link_sets_exactly_what_its_kind_needs(service_a, manager):
    audit = _audit(service_a)
    with pytest.raises(ValueError, match="sets exactly case_audit, code"):
        _raise(manager, service_a, ActionLink(kind=ActionLink.Kind.AUDIT_FINDING, case_audit=audit, text="no code"))
    with pytest.raises(ValueError, match="sets exactly case_audit, code"):
        _raise(manager, service_a, ActionLink(kind=ActionLink.Kind.AUDIT_FINDING, case_audit=audit, code="2.1",
                                              indicator="fte", text="two things"))
    assert not ImprovementAction.objects.exists()
    # The database holds the same rule for anything that goes round the service.
    action = _raise(manager, service_a, ActionLink.audit_finding(audit, "2.1.3", text="x"))
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionLink.objects.create(action=action, service=service_a, kind="audit_finding", case_audit=audit, text="x")


def test_an_update_is_audited_with_what_changed(service_a, manager):
    action = _raise(manager, service_a, ActionLink.for_indicator("fte", text="FTE"))
    services.improvement_action_update(user=manager, action=action, what="Workshop on risk of harm", owner="CD",
                                       due_on=date(2025, 10, 31), status="ongoing")
    event = AuditEvent.objects.filter(verb="change", object_id=str(action.pk)).get()
    assert event.changes == {"owner": ["AB", "CD"], "due_on": ["2025-09-30", "2025-10-31"],
                             "status": ["not_started", "ongoing"]}


def test_selectors_go_through_the_gate_and_group_by_what_is_answered(service_a, service_b, manager, manager_b,
                                                                      case_manager_a):
    audit, inspection, sa = _audit(service_a), _inspection(service_a), _self_assessment(service_a)
    on_kq = _raise(manager, service_a, ActionLink.audit_finding(audit, "2.1.3", text="kq"))
    on_standard = _raise(manager, service_a, ActionLink.audit_finding(audit, "2.1", text="standard"))
    on_rec = _raise(manager, service_a, ActionLink.for_recommendation(inspection.recommendations.get(number=2),
                                                                        text="rec"))
    on_grading = _raise(manager, service_a, ActionLink.standards_grading(sa, "5", "operational", text="ns"))
    on_figure = _raise(manager, service_a, ActionLink.for_indicator("fte", text="fte"))
    assert set(selectors.improvement_actions(manager, service_a)) == {on_kq, on_standard, on_rec, on_grading,
                                                                      on_figure}
    assert on_figure not in selectors.improvement_actions(manager, service_a, kinds=["audit_finding",
                                                                                     "recommendation"])
    assert not selectors.improvement_actions(case_manager_a, service_a).exists()
    assert not selectors.improvement_actions(manager_b, service_a).exists()
    assert dict(selectors.actions_by_code(case_audit=audit)) == {"2.1.3": [on_kq], "2.1": [on_standard]}
    assert dict(selectors.actions_by_recommendation(inspection)) == {2: [on_rec]}
    assert dict(selectors.actions_by_grading(sa)) == {("5", "operational"): [on_grading]}
    assert selectors.action_answering(service_a, ActionLink.audit_finding(audit, "2.1.3", text="")) == on_kq
    assert selectors.action_answering(service_a, ActionLink.audit_finding(audit, "2.2.1", text="")) is None
    assert selectors.action_answering(service_b, ActionLink.for_indicator("fte", text="")) is None


def test_an_answered_record_cannot_be_deleted_from_under_its_action(service_a, manager):
    audit = _audit(service_a)
    _raise(manager, service_a, ActionLink.audit_finding(audit, "2.1.3", text="x"))
    with pytest.raises(IntegrityError), transaction.atomic():
        audit.delete()


# --- the migration from source_ref strings ------------------------------------------------------------------

BEFORE = [("governance", "0001_initial")]
AFTER = [("governance", "0002_action_links")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def back_to_latest():
    """These tests step the schema back; later migrations are applied again afterwards."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest")
def test_the_migration_turns_each_source_ref_into_a_typed_link(service_a, service_b):
    audit, inspection, sa = _audit(service_a), _inspection(service_a), _self_assessment(service_a)
    old = _migrate(BEFORE).get_model("governance", "ImprovementAction")
    refs = [f"audit:{audit.pk}/2.1.3", f"inspection:{inspection.pk}/2.1",
            f"inspection:{inspection.pk}/recommendation:2", f"standards:{sa.pk}/5/operational"]
    made = {ref: old.objects.create(service_id=service_a.pk, what=f"Answering {ref}", owner="AB", source=f"Words {n}",
                                    source_ref=ref).pk
            for n, ref in enumerate(refs)}
    plain = old.objects.create(service_id=service_a.pk, what="Not linked to anything", owner="AB").pk
    new = _migrate(AFTER).get_model("governance", "ImprovementAction")
    link = {ref: new.objects.get(pk=pk).links.get() for ref, pk in made.items()}
    assert (link[f"audit:{audit.pk}/2.1.3"].kind, link[f"audit:{audit.pk}/2.1.3"].case_audit_id,
            link[f"audit:{audit.pk}/2.1.3"].code, link[f"audit:{audit.pk}/2.1.3"].text) == (
        "audit_finding", audit.pk, "2.1.3", "Words 0")
    assert (link[f"inspection:{inspection.pk}/2.1"].kind, link[f"inspection:{inspection.pk}/2.1"].code) == (
        "inspection_finding", "2.1")
    rec = link[f"inspection:{inspection.pk}/recommendation:2"]
    assert (rec.kind, rec.recommendation_id) == ("recommendation", inspection.recommendations.get(number=2).pk)
    grading = link[f"standards:{sa.pk}/5/operational"]
    assert (grading.kind, grading.self_assessment_id, grading.code, grading.level) == (
        "standards_grading", sa.pk, "5", "operational")
    assert all(lk.service_id == service_a.pk for lk in link.values())
    assert not new.objects.get(pk=plain).links.exists()


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest")
def test_a_reference_to_another_services_record_stops_the_migration_and_changes_nothing(service_a, service_b):
    audit_b = _audit(service_b)
    old = _migrate(BEFORE).get_model("governance", "ImprovementAction")
    action = old.objects.create(service_id=service_a.pk, what="x", owner="AB", source="y",
                                source_ref=f"audit:{audit_b.pk}/2.1.3")
    with pytest.raises(RuntimeError, match=f"Improvement action {action.pk} answers 'audit:{audit_b.pk}/2.1.3'"):
        _migrate(AFTER)
    still_old = _migrate(BEFORE).get_model("governance", "ImprovementAction")
    assert still_old.objects.get(pk=action.pk).source_ref == f"audit:{audit_b.pk}/2.1.3"
    still_old.objects.filter(pk=action.pk).update(source_ref="", source="")
    _migrate(AFTER)


def test_closing_from_the_quality_page_needs_a_closing_update(service_a, manager, client_as):
    from django.urls import reverse

    action = _raise(manager, service_a, ActionLink.audit_finding(_audit(service_a), "2.1.3", text="x"))
    client = client_as(manager)
    url = reverse("quality_action_edit", args=[action.pk])
    fields = {"what": action.what, "owner": "AB", "status": "closed"}
    refused = client.post(url, fields)
    assert refused.status_code == 400
    assert "Write a closing update saying what the action achieved" in refused.content.decode()
    assert client.post(url, {**fields, "update": "Workshop held; re-audit shows 80% yes"}).status_code == 302
    action.refresh_from_db()
    assert action.status == "closed"
    assert list(action.updates.values_list("text", flat=True)) == ["Workshop held; re-audit shows 80% yes"]
