"""Add and change a child's interventions and assessments."""

from __future__ import annotations

from openyj.casework.forms import AssessmentForm, InterventionForm
from openyj.casework.services import (
    assessment_record,
    assessment_update,
    intervention_start,
    intervention_update,
)
from openyj.core.permissions import require
from openyj.core.recordviews import RecordPage, record_form
from openyj.core.roles import Action

INTERVENTION = RecordPage("intervention", InterventionForm, intervention_start, intervention_update)
ASSESSMENT = RecordPage("assessment", AssessmentForm, assessment_record, assessment_update)


@require(Action.CHANGE_CASE)
def intervention_form(request, child_pk: int, pk: int | None = None):
    return record_form(request, INTERVENTION, child_pk, pk)


@require(Action.CHANGE_CASE)
def assessment_form(request, child_pk: int, pk: int | None = None):
    return record_form(request, ASSESSMENT, child_pk, pk)
