"""The pages of a child's case: the caseload, the child's page, and adding or changing the child's
details and records (offences and outcomes, interventions and assessments).

They live here, at the top of the record apps, because the case brings together the child (people),
their offending and the service's work with them; people and offending hold records and draw no
pages, so no record app needs another one above it (``docs/architecture.md``). Views stay thin:
selectors read, services write.
"""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from openyj.casework import codes
from openyj.casework.forms import AssessmentForm, InterventionForm
from openyj.casework.models import Assessment
from openyj.casework.selectors import caseload_list, child_timeline
from openyj.casework.services import (
    assessment_countersign,
    assessment_record,
    assessment_update,
    intervention_start,
    intervention_update,
)
from openyj.casework.subject_access import subject_access_export
from openyj.core.audit import audit, audit_shown
from openyj.core.models import AuditEvent
from openyj.core.pages import RecordPage, form_page, posted, query_id, record_form, save_form
from openyj.core.permissions import require
from openyj.core.roles import Action, role_allows
from openyj.offending.forms import OffenceForm, OutcomeForm
from openyj.offending.services import offence_record, offence_update, outcome_record, outcome_update
from openyj.people.forms import ChildForm
from openyj.people.models import Child
from openyj.people.selectors import child_get
from openyj.people.services import child_create, child_update

PAGE_SIZE = 50


@require(Action.VIEW_CASE)
def caseload(request):
    filters = {
        "kind": request.GET.get("kind", ""),
        "status": request.GET.get("status", ""),
        "q": request.GET.get("q", ""),
    }
    filters["case_manager"] = query_id(request, "case_manager")
    children = caseload_list(user=request.user, service=request.service, **filters).prefetch_related(
        "interventions__case_manager"
    )
    page = Paginator(children, PAGE_SIZE).get_page(request.GET.get("page"))
    # A list of children's names is a read of their records too: log which page, with which filters.
    audit(user=request.user, verb=AuditEvent.Verb.VIEW, service=request.service, object_type="caseload",
          summary=f"Viewed caseload page {page.number} ({len(page.object_list)} children) "
                  f"filters: {request.GET.urlencode() or 'none'}")
    audit_shown(user=request.user, service=request.service, child_ids=[c.pk for c in page.object_list],
                where=f"the caseload, page {page.number}")
    query = request.GET.copy()
    query.pop("page", None)
    case_managers = get_user_model().objects.filter(
        memberships__service=request.service, memberships__role__in=["case_manager", "manager"]
    ).order_by("first_name", "username")
    return render(request, "casework/caseload.html", {
        "page_obj": page, "filters": filters, "query_string": query.urlencode(),
        "kinds": codes.INTERVENTION_KIND, "case_managers": case_managers,
        "can_add": role_allows(request.role, Action.CHANGE_CASE),
        "filtered": any(v for v in filters.values()),
    })


@require(Action.VIEW_CASE)
def child_detail(request, pk: int):
    child = child_get(user=request.user, service=request.service, pk=pk)
    return render(request, "casework/child_detail.html", {
        "child": child,
        "timeline": child_timeline(child),
        "interventions": child.interventions.select_related("case_manager", "outcome__outcome_type"),
        "offences": child.offences.select_related("category"),
        "outcomes": child.outcomes.select_related("outcome_type").prefetch_related("offences"),
        "assessments": child.assessments.all(),
        "remands": child.remands.all(),
        "custody": child.custody_episodes.all(),
        "episodes": child.episodes.all(),
        "today": timezone.localdate(),
        "can_change": role_allows(request.role, Action.CHANGE_CASE),
        "can_countersign": role_allows(request.role, Action.COUNTERSIGN),
        "can_export_all": role_allows(request.role, Action.SUBJECT_ACCESS),
    })


@require(Action.SUBJECT_ACCESS)
@reauthentication_required
@require_http_methods(["GET", "POST"])
def subject_access(request, pk: int):
    """A subject access request: a page saying what the file holds, then (POST) the zip, audited."""
    child = child_get(user=request.user, service=request.service, pk=pk, action=Action.SUBJECT_ACCESS)
    if request.method == "POST":
        name, content = subject_access_export(user=request.user, child=child)
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    return render(request, "casework/subject_access.html", {"child": child})


@require(Action.CHANGE_CASE)
def child_add(request):
    return _child_form(request, None)


@require(Action.CHANGE_CASE)
def child_edit(request, pk: int):
    child = child_get(user=request.user, service=request.service, pk=pk, action=Action.CHANGE_CASE,
                      log=request.method == "GET")
    return _child_form(request, child)


def _child_form(request, child: Child | None):
    # The form validates its own copy so the service can audit what changed.
    form_instance = Child.objects.get(pk=child.pk) if child else None
    form = ChildForm(posted(request), instance=form_instance, service=request.service)

    def save(data):
        if child is None:
            return child_create(user=request.user, service=request.service, data=data)
        return child_update(user=request.user, child=child, data=data)

    done = save_form(request, form, save, success="Child added" if child is None else "Child's details changed",
                     to=lambda saved: reverse("child_detail", args=[saved.pk]))
    return done or form_page(request, "casework/child_form.html", form, child=child)


# --- a child's records: one page pattern (openyj.core.pages.RecordPage) for each ---------------------

def _child_record(noun, form_class, create, update, many=()) -> RecordPage:
    return RecordPage(noun, form_class, create, update, owner="child", owner_get=child_get,
                      owner_page="child_detail", template="casework/record_form.html", many=many)


OFFENCE = _child_record("offence", OffenceForm, offence_record, offence_update)
OUTCOME = _child_record("outcome", OutcomeForm, outcome_record, outcome_update, many=("offences",))
INTERVENTION = _child_record("intervention", InterventionForm, intervention_start, intervention_update)
ASSESSMENT = _child_record("assessment", AssessmentForm, assessment_record, assessment_update)


@require(Action.CHANGE_CASE)
def offence_form(request, child_pk: int, pk: int | None = None):
    return record_form(request, OFFENCE, child_pk, pk)


@require(Action.CHANGE_CASE)
def outcome_form(request, child_pk: int, pk: int | None = None):
    return record_form(request, OUTCOME, child_pk, pk)


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
    try:  # the service holds the rule: completed, not yet countersigned, by a manager
        assessment_countersign(user=request.user, assessment=assessment)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Assessment {assessment.reference} countersigned")
    return redirect("child_detail", pk=child.pk)
