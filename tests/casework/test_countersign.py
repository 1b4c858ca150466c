"""Managers countersign completed assessments; case managers cannot."""

from __future__ import annotations

from datetime import date

from django.urls import reverse
from django.utils import timezone

from openyj.core.models import AuditEvent
from tests.factories import AssessmentFactory, ChildFactory


def test_manager_countersigns_a_completed_assessment(client_as, manager, service_a):
    child = ChildFactory(service=service_a)
    assessment = AssessmentFactory(child=child, completed_on=date(2024, 7, 20))
    url = reverse("assessment_countersign", args=[child.pk, assessment.pk])
    assert client_as(manager).post(url).status_code == 302
    assessment.refresh_from_db()
    assert assessment.countersigned_on == timezone.localdate()
    assert assessment.countersigned_by == manager.get_full_name()
    assert AuditEvent.objects.filter(verb="change", object_type="casework.Assessment", user=manager).exists()


def test_an_incomplete_assessment_is_not_countersigned(client_as, manager, service_a):
    child = ChildFactory(service=service_a)
    assessment = AssessmentFactory(child=child)
    client_as(manager).post(reverse("assessment_countersign", args=[child.pk, assessment.pk]))
    assessment.refresh_from_db()
    assert assessment.countersigned_on is None


def test_case_manager_and_other_service_cannot_countersign(client_as, case_manager_a, service_b, service_a):
    from tests.conftest import make_user

    child = ChildFactory(service=service_a)
    assessment = AssessmentFactory(child=child, completed_on=date(2024, 7, 20))
    url = reverse("assessment_countersign", args=[child.pk, assessment.pk])
    assert client_as(case_manager_a).post(url).status_code == 403
    assert client_as(make_user("manager_b", service_b, "manager")).post(url).status_code == 404
    assessment.refresh_from_db()
    assert assessment.countersigned_on is None
