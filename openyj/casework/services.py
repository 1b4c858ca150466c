"""Writes for interventions and assessments."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from openyj.casework.models import Assessment, Intervention
from openyj.core.permissions import ensure_allowed
from openyj.core.roles import Action
from openyj.core.services import record_create, record_update


def intervention_start(*, user, child, data: dict) -> Intervention:
    return record_create(user=user, service=child.service, model=Intervention, data={"child": child, **data},
                         summary="Started intervention")


def intervention_update(*, user, intervention: Intervention, data: dict) -> Intervention:
    return record_update(user=user, instance=intervention, data=data, summary="Changed intervention")


COUNTERSIGNATURE = ("countersigned_on", "countersigned_by")


def _no_countersignature(data: dict) -> None:
    """Countersigning is a manager's own action (:func:`assessment_countersign`), never a field to fill in."""
    if any(field in data for field in COUNTERSIGNATURE):
        raise PermissionDenied("An assessment is countersigned only by a manager, with the Countersign button.")


def assessment_record(*, user, child, data: dict) -> Assessment:
    _no_countersignature(data)
    return record_create(user=user, service=child.service, model=Assessment, data={"child": child, **data},
                         summary="Recorded assessment")


def assessment_update(*, user, assessment: Assessment, data: dict) -> Assessment:
    _no_countersignature(data)
    return record_update(user=user, instance=assessment, data=data, summary="Changed assessment")


def assessment_countersign(*, user, assessment: Assessment) -> Assessment:
    """A manager's oversight: only a manager of the assessment's service countersigns, only a completed
    assessment, and only once (the business rule lives here, whatever page or job calls it)."""
    ensure_allowed(user, assessment.service_id, Action.COUNTERSIGN,
                   "Only a manager in this service can countersign an assessment.")
    if getattr(user, "pk", None) is None:
        raise PermissionDenied("An assessment is countersigned by a manager, not by a system job.")
    if not assessment.completed_on:
        raise ValidationError(f"Assessment {assessment.reference} is not completed yet. "
                              "Record its completion date before countersigning.")
    if assessment.countersigned_on:
        raise ValidationError(f"Assessment {assessment.reference} is already countersigned.")
    return record_update(
        user=user, instance=assessment,
        data={"countersigned_on": timezone.localdate(), "countersigned_by": user.get_full_name() or user.username},
        summary="Countersigned assessment",
    )
