"""Caseload and a child's page. Views stay thin: selectors read, services write."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from openyj.casework import codes
from openyj.core.audit import audit
from openyj.core.models import AuditEvent
from openyj.core.permissions import require
from openyj.core.recordviews import attach_errors
from openyj.core.roles import Action, role_allows
from openyj.people.forms import ChildForm
from openyj.people.models import Child
from openyj.people.selectors import caseload_list, child_get, child_timeline
from openyj.people.services import child_create, child_update

PAGE_SIZE = 50


@require(Action.VIEW_CASE)
def caseload(request):
    filters = {
        "kind": request.GET.get("kind", ""),
        "status": request.GET.get("status", ""),
        "q": request.GET.get("q", ""),
    }
    try:
        filters["case_manager"] = int(request.GET.get("case_manager") or 0) or None
    except ValueError:
        filters["case_manager"] = None
    children = caseload_list(user=request.user, service=request.service, **filters).prefetch_related(
        "interventions__case_manager"
    )
    page = Paginator(children, PAGE_SIZE).get_page(request.GET.get("page"))
    # A list of children's names is a read of their records too: log which page, with which filters.
    audit(user=request.user, verb=AuditEvent.Verb.VIEW, service=request.service, object_type="caseload",
          summary=f"Viewed caseload page {page.number} ({len(page.object_list)} children) "
                  f"filters: {request.GET.urlencode() or 'none'}")
    query = request.GET.copy()
    query.pop("page", None)
    case_managers = get_user_model().objects.filter(
        memberships__service=request.service, memberships__role__in=["case_manager", "manager"]
    ).order_by("first_name", "username")
    return render(request, "people/caseload.html", {
        "page_obj": page, "filters": filters, "query_string": query.urlencode(),
        "kinds": codes.INTERVENTION_KIND, "case_managers": case_managers,
        "can_add": role_allows(request.role, Action.CHANGE_CASE),
        "filtered": any(v for v in filters.values()),
    })


@require(Action.VIEW_CASE)
def child_detail(request, pk: int):
    child = child_get(user=request.user, service=request.service, pk=pk)
    return render(request, "people/child_detail.html", {
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
    })


@require(Action.CHANGE_CASE)
def child_add(request):
    return _child_form(request, None)


@require(Action.CHANGE_CASE)
def child_edit(request, pk: int):
    child = child_get(user=request.user, service=request.service, pk=pk, action=Action.CHANGE_CASE,
                      log=request.method == "GET")
    return _child_form(request, child)


def _child_form(request, child):
    # The form validates its own copy so the service can audit what changed.
    form_instance = Child.objects.get(pk=child.pk) if child else None
    form = ChildForm(request.POST or None, instance=form_instance, service=request.service)
    if request.method == "POST" and form.is_valid():
        try:
            if child is None:
                child = child_create(user=request.user, service=request.service, data=form.cleaned_data)
                messages.success(request, "Child added")
            else:
                child_update(user=request.user, child=child, data=form.cleaned_data)
                messages.success(request, "Child's details changed")
        except ValidationError as error:
            attach_errors(form, error)
        else:
            return redirect("child_detail", pk=child.pk)
    return render(request, "people/child_form.html", {"form": form, "child": child},
                  status=400 if form.errors else 200)
