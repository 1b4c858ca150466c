"""Writes for interventions and assessments."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from openyj.casework.models import Assessment, Intervention
from openyj.core.permissions import services_for
from openyj.core.roles import Action
from openyj.core.services import record_create, record_update


def intervention_start(*, user, child, data: dict) -> Intervention:
    return record_create(user=user, service=child.service, model=Intervention, data={"child": child, **data},
                         summary="Started intervention")


def intervention_update(*, user, intervention: Intervention, data: dict) -> Intervention:
    return record_update(user=user, instance=intervention, data=data, summary="Changed intervention")


def assessment_record(*, user, child, data: dict) -> Assessment:
    return record_create(user=user, service=child.service, model=Assessment, data={"child": child, **data},
                         summary="Recorded assessment")


def assessment_update(*, user, assessment: Assessment, data: dict) -> Assessment:
    return record_update(user=user, instance=assessment, data=data, summary="Changed assessment")


def assessment_countersign(*, user, assessment: Assessment) -> Assessment:
    """A manager's oversight: only managers of the assessment's service may countersign."""
    if assessment.service_id not in services_for(user, Action.COUNTERSIGN):
        raise PermissionDenied("Only a manager in this service can countersign an assessment.")
    return record_update(
        user=user, instance=assessment,
        data={"countersigned_on": timezone.localdate(), "countersigned_by": user.get_full_name() or user.username},
        summary="Countersigned assessment",
    )
