"""Improvement actions raised from quality work: the list, raising one from the finding it answers,
and updating one. The finding is named by the page's address (an audit and a code, an inspection and a
recommendation number …), looked up through the gate; governance's services write the action."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from openyj.core.pages import form_page, posted, save_form
from openyj.core.permissions import require
from openyj.core.roles import Action
from openyj.governance.forms import ActionForm
from openyj.governance.selectors import improvement_action_get, improvement_actions
from openyj.governance.services import improvement_action_create, improvement_action_update
from openyj.quality.actions import presenters
from openyj.quality.actions.presenters import QUALITY_KINDS, Finding
from openyj.quality.audits.selectors import audit_get
from openyj.quality.audits.views import FORM_PAGE
from openyj.quality.inspections.selectors import inspection_get
from openyj.quality.standards.selectors import self_assessment_get

AUDIT = Action.AUDIT


@require(Action.READ_QUALITY)
def action_list(request):
    return render(request, "quality/action_list.html", {
        "actions": improvement_actions(request.user, request.service, kinds=QUALITY_KINDS),
    })


def _raise(request, finding: Finding | None):
    if finding is None:
        raise Http404("Nothing by that code to answer")
    form = ActionForm(posted(request), initial={"what": finding.suggestion})
    done = save_form(request, form,
                     lambda data: improvement_action_create(user=request.user, service=request.service,
                                                            answers=[finding.link], **data),
                     success="Improvement action raised", to=finding.back_url)
    return done or form_page(request, FORM_PAGE, form, title="Raise an improvement action", back_url=finding.back_url,
                             back_text="Back", intro=f"This action answers: {finding.text}",
                             button="Raise the action")


@require(AUDIT)
def audit_action_create(request, pk: int, code: str):
    return _raise(request, presenters.audit_finding(audit_get(request.user, request.service, pk), code))


@require(AUDIT)
def inspection_action_create(request, pk: int, code: str):
    return _raise(request, presenters.inspection_finding(inspection_get(request.user, request.service, pk), code))


@require(AUDIT)
def recommendation_action_create(request, pk: int, number: int):
    inspection = inspection_get(request.user, request.service, pk)
    return _raise(request, presenters.recommendation_finding(inspection, number))


@require(AUDIT)
def standards_action_create(request, pk: int, code: str, level: str):
    sa = self_assessment_get(request.user, request.service, pk)
    return _raise(request, presenters.standards_finding(sa, code, level))


@require(AUDIT)
def action_edit(request, pk: int):
    action = improvement_action_get(request.user, request.service, pk, kinds=QUALITY_KINDS)
    form = ActionForm(posted(request), initial={"what": action.what, "owner": action.owner,
                                                "due_on": action.due_on, "status": action.status})
    done = save_form(request, form,
                     lambda data: improvement_action_update(action=action, user=request.user, **data),
                     success="Improvement action updated", to="quality_action_list")
    return done or form_page(request, FORM_PAGE, form, title="Update an improvement action",
                             back_url=reverse("quality_action_list"), back_text="Back to improvement actions",
                             intro=f"This action answers: {action.answers}")
