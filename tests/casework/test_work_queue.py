"""The manager's work queue: assessments overdue, due soon and awaiting countersignature (countersigned
from the queue), reviews due, and interventions ended without their end-of-intervention record."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from openyj.casework.models import Review
from openyj.core.models import AuditEvent
from tests.factories import AssessmentFactory, ChildFactory, InterventionFactory


@pytest.fixture
def queue_records(service_a, service_b, case_manager_a):
    today = timezone.localdate()
    child = ChildFactory(service=service_a, given_name="Kai", family_name="Northam")
    open_work = InterventionFactory(child=child, case_manager=case_manager_a, start_date=date(2024, 7, 1))
    records = {
        "overdue": AssessmentFactory(child=child, intervention=open_work, due_on=today - timedelta(days=3),
                                     started_on=date(2024, 7, 1)),
        "due_soon": AssessmentFactory(child=child, intervention=open_work, due_on=today + timedelta(days=5)),
        "later": AssessmentFactory(child=child, intervention=open_work, due_on=today + timedelta(days=40)),
        "to_countersign": AssessmentFactory(child=child, completed_on=date(2024, 7, 20), due_on=date(2024, 7, 29)),
        "signed": AssessmentFactory(child=child, completed_on=date(2024, 7, 20), countersigned_on=date(2024, 7, 21),
                                    countersigned_by="A Manager"),
        "ended_bare": InterventionFactory(child=child, end_date=date(2024, 12, 1), end_reason="completed"),
        "ended_whole": InterventionFactory(child=child, end_date=date(2024, 12, 1), end_reason="completed",
                                           accommodation_type_end="parent_family", ete_status_end="college"),
    }
    records["review"] = Review.objects.create(service=service_a, child=child, intervention=open_work,
                                              due_on=today + timedelta(days=2))
    Review.objects.create(service=service_a, child=child, intervention=open_work, due_on=today - timedelta(days=9),
                          done_on=today - timedelta(days=9))
    other = ChildFactory(service=service_b, family_name="Southgate")
    AssessmentFactory(child=other, completed_on=date(2024, 7, 20))  # another service's: never shown
    return records


def refs(rows):
    return [r.reference for r in rows]


def test_the_queue_lists_what_the_team_must_do(client_as, manager, queue_records):
    response = client_as(manager).get(reverse("work_queue"))
    assert response.status_code == 200
    context = response.context
    assert refs(context["overdue"]) == [queue_records["overdue"].reference]
    assert refs(context["due_soon"]) == [queue_records["due_soon"].reference]
    assert refs(context["to_countersign"]) == [queue_records["to_countersign"].reference]
    assert [r.pk for r in context["reviews"]] == [queue_records["review"].pk]
    assert refs(context["ended_without_record"]) == [queue_records["ended_bare"].reference]
    assert context["counts"] == {"overdue": 1, "due_soon": 1, "to_countersign": 1, "reviews": 1,
                                 "ended_without_record": 1}
    assert "Southgate" not in response.content.decode()
    assert AuditEvent.objects.filter(verb="view", object_type="work_queue", user=manager).exists()


def test_a_manager_countersigns_from_the_queue_and_comes_back_to_it(client_as, manager, queue_records):
    assessment = queue_records["to_countersign"]
    client = client_as(manager)
    response = client.post(reverse("assessment_countersign", args=[assessment.child_id, assessment.pk]),
                           {"back": "work_queue"})
    assert response.status_code == 302
    assert response["Location"] == reverse("work_queue")
    assessment.refresh_from_db()
    assert assessment.countersigned_on == timezone.localdate()
    assert refs(client.get(reverse("work_queue")).context["to_countersign"]) == []


def test_only_managers_have_a_work_queue(client_as, personas):
    for name, user in personas.items():
        status = client_as(user).get(reverse("work_queue")).status_code
        assert status == (200 if name == "manager" else 403), name


def test_the_header_links_to_the_queue_for_managers_only(client_as, manager, case_manager_a):
    assert reverse("work_queue") in client_as(manager).get(reverse("caseload")).content.decode()
    assert reverse("work_queue") not in client_as(case_manager_a).get(reverse("caseload")).content.decode()
