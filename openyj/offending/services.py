"""Writes for offences and outcomes (remands and custody follow the same path)."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from openyj.core.dates import format_date
from openyj.core.services import record_create, record_update
from openyj.offending.models import CustodyEpisode, Offence, Outcome, Remand


def offence_record(*, user, child, data: dict) -> Offence:
    return record_create(user=user, service=child.service, model=Offence, data={"child": child, **data},
                         summary="Recorded offence")


def offence_update(*, user, offence: Offence, data: dict) -> Offence:
    return record_update(user=user, instance=offence, data=data, summary="Changed offence")


def check_outcome_offences(child, outcome_date, offences) -> None:
    """An outcome disposes only of the same child's offences, committed on or before its date."""
    for offence in offences:
        if offence.child_id != child.pk:
            raise ValidationError({"offences": f"Offence {offence.reference} belongs to another child. "
                                               "Choose only this child's offences."})
        if outcome_date and offence.offence_date > outcome_date:
            raise ValidationError({"offences": f"Offence {offence.reference} was committed on "
                                               f"{format_date(offence.offence_date)}, after the outcome date. "
                                               "Check the dates."})


def outcome_record(*, user, child, data: dict, offences=()) -> Outcome:
    check_outcome_offences(child, data.get("outcome_date"), offences)
    return record_create(user=user, service=child.service, model=Outcome, data={"child": child, **data},
                         many={"offences": list(offences)}, summary="Recorded outcome")


def outcome_update(*, user, outcome: Outcome, data: dict, offences=None) -> Outcome:
    if offences is not None:
        check_outcome_offences(outcome.child, data.get("outcome_date", outcome.outcome_date), offences)
    return record_update(user=user, instance=outcome, data=data,
                         many=None if offences is None else {"offences": list(offences)},
                         summary="Changed outcome")


def remand_record(*, user, child, data: dict) -> Remand:
    return record_create(user=user, service=child.service, model=Remand, data={"child": child, **data},
                         summary="Recorded remand")


def _check_custody_outcome(child, outcome) -> None:
    if outcome is not None and outcome.child_id != child.pk:
        raise ValidationError({"outcome": f"Outcome {outcome.reference} belongs to another child. "
                                          "Choose one of this child's custodial sentences."})


def custody_record(*, user, child, data: dict) -> CustodyEpisode:
    _check_custody_outcome(child, data.get("outcome"))
    return record_create(user=user, service=child.service, model=CustodyEpisode,
                         data={"child": child, **data}, summary="Recorded custody")


def remand_update(*, user, remand: Remand, data: dict) -> Remand:
    return record_update(user=user, instance=remand, data=data, summary="Changed remand")


def custody_update(*, user, custody: CustodyEpisode, data: dict) -> CustodyEpisode:
    _check_custody_outcome(custody.child, data.get("outcome"))
    return record_update(user=user, instance=custody, data=data, summary="Changed custody")
