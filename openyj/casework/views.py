"""Add and change a child's interventions and assessments."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from openyj.casework.forms import AssessmentForm, InterventionForm
from openyj.casework.models import Assessment
from openyj.casework.services import (
    assessment_countersign,
    assessment_record,
    assessment_update,
    intervention_start,
    intervention_update,
)
from openyj.core.permissions import require
from openyj.core.recordviews import RecordPage, record_form
from openyj.core.roles import Action
from openyj.people.selectors import child_get

INTERVENTION = RecordPage("intervention", InterventionForm, intervention_start, intervention_update)
ASSESSMENT = RecordPage("assessment", AssessmentForm, assessment_record, assessment_update)


@require(Action.CHANGE_CASE)
def intervention_form(request, child_pk: int, pk: int | None = None):
    return record_form(request, INTERVENTION, child_pk, pk)


@require(Action.CHANGE_CASE)
def assessment_form(request, child_pk: int, pk: int | None = None):
    return record_form(request, ASSESSMENT, child_pk, pk)


@require(Action.COUNTERSIGN)
@require_POST
def assessment_countersign_view(request, child_pk: int, pk: int):
    """A manager countersigns a completed assessment (management oversight)."""
    child = child_get(user=request.user, service=request.service, pk=child_pk, action=Action.COUNTERSIGN, log=False)
    assessment = get_object_or_404(Assessment.objects.filter(child=child), pk=pk)
    if assessment.completed_on is None:
        messages.error(request, f"Assessment {assessment.reference} is not completed yet. "
                                "Record its completion date before countersigning.")
    elif assessment.countersigned_on:
        messages.error(request, f"Assessment {assessment.reference} is already countersigned.")
    else:
        assessment_countersign(user=request.user, assessment=assessment)
        messages.success(request, f"Assessment {assessment.reference} countersigned")
    return redirect("child_detail", pk=child.pk)
