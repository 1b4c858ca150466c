"""Add and change a child's offences and outcomes."""

from __future__ import annotations

from openyj.core.permissions import require
from openyj.core.recordviews import RecordPage, record_form
from openyj.core.roles import Action
from openyj.offending.forms import OffenceForm, OutcomeForm
from openyj.offending.services import offence_record, offence_update, outcome_record, outcome_update

OFFENCE = RecordPage("offence", OffenceForm, offence_record, offence_update)
OUTCOME = RecordPage("outcome", OutcomeForm, outcome_record, outcome_update, many=("offences",))


@require(Action.CHANGE_CASE)
def offence_form(request, child_pk: int, pk: int | None = None):
    return record_form(request, OFFENCE, child_pk, pk)


@require(Action.CHANGE_CASE)
def outcome_form(request, child_pk: int, pk: int | None = None):
    return record_form(request, OUTCOME, child_pk, pk)
