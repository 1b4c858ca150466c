"""Writes for interventions, assessments, victims and feedback."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from openyj.casework.models import Assessment, Feedback, Intervention, Victim
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


def _check_victim_offences(child, offences) -> None:
    """A victim recorded from a child's page is a victim of that child's offences: at least one."""
    if not offences:
        raise ValidationError({"offences": "Select the offence this person was a victim of"})
    for offence in offences:
        if offence.child_id != child.pk:
            raise ValidationError({"offences": f"Offence {offence.reference} belongs to another child. "
                                               "Choose only this child's offences."})


def victim_record(*, user, child, data: dict, offences=()) -> Victim:
    _check_victim_offences(child, list(offences))
    return record_create(user=user, service=child.service, model=Victim, data=data,
                         many={"offences": list(offences)}, summary="Recorded victim contact")


def victim_update(*, user, victim: Victim, data: dict, offences=None, child=None) -> Victim:
    """Change a victim's record. ``child``: the child whose page it was changed from, whose offences
    the new links must be (a victim of several children's offences keeps the others' links)."""
    many = None
    if offences is not None:
        owner = child or next((o.child for o in victim.offences.all()), None)
        if owner is not None:
            _check_victim_offences(owner, list(offences))
            others = [o for o in victim.offences.all() if o.child_id != owner.pk]
            many = {"offences": [*others, *offences]}
    return record_update(user=user, instance=victim, data=data, many=many, summary="Changed victim contact")


def feedback_record(*, user, child, data: dict) -> Feedback:
    intervention = data.get("intervention")
    if intervention is not None and intervention.child_id != child.pk:
        raise ValidationError({"intervention": "Choose one of this child's interventions."})
    return record_create(user=user, service=child.service, model=Feedback, data={"child": child, **data},
                         summary="Recorded feedback")


def feedback_update(*, user, feedback: Feedback, data: dict) -> Feedback:
    intervention = data.get("intervention")
    if intervention is not None and intervention.child_id != feedback.child_id:
        raise ValidationError({"intervention": "Choose one of this child's interventions."})
    return record_update(user=user, instance=feedback, data=data, summary="Changed feedback")
