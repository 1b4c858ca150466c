"""The pages of a child's case: the caseload, the child's page, and adding or changing the child's
details and records (offences and outcomes, interventions and assessments).

They live here, at the top of the record apps, because the case brings together the child (people),
their offending and the service's work with them; people and offending hold records and draw no
pages, so no record app needs another one above it (``docs/architecture.md``). Views stay thin:
selectors read, services write.
"""

from __future__ import annotations

from urllib.parse import urlencode

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
from openyj.casework.forms import AssessmentForm, FeedbackForm, InterventionForm, VictimForm
from openyj.casework.models import Assessment
from openyj.casework.selectors import CASELOAD_SORTS, caseload_list, child_timeline, child_victims, work_queue
from openyj.casework.services import (
    assessment_countersign,
    assessment_record,
    assessment_update,
    feedback_record,
    feedback_update,
    intervention_start,
    intervention_update,
    victim_record,
    victim_update,
)
from openyj.casework.subject_access import subject_access_export
from openyj.core.audit import audit, audit_shown
from openyj.core.models import AuditEvent
from openyj.core.pages import RecordPage, form_page, posted, query_id, record_form, save_form
from openyj.core.permissions import require
from openyj.core.roles import Action, Role, role_allows
from openyj.offending.forms import CustodyForm, OffenceForm, OutcomeForm, RemandForm
from openyj.offending.services import (
    custody_record,
    custody_update,
    offence_record,
    offence_update,
    outcome_record,
    outcome_update,
    remand_record,
    remand_update,
)
from openyj.people.forms import ChildForm, EpisodeForm
from openyj.people.models import Child
from openyj.people.selectors import child_get
from openyj.people.services import child_create, child_update, episode_record, episode_update

PAGE_SIZE = 50


CASELOAD_COLUMNS = (("name", "Name"), ("reference", "Reference"), ("age", "Age"), ("current", "Current work"),
                    ("case_manager", "Case manager"), ("status", "Status"))


@require(Action.VIEW_CASE)
def caseload(request):
    """The caseload. A case manager starts on their own open work (the children with an open intervention
    they manage); once the filter form is used (``applied``), the filters say exactly what is shown."""
    own_work = request.role == Role.CASE_MANAGER and "applied" not in request.GET
    filters = {
        "kind": request.GET.get("kind", ""),
        "status": "open" if own_work else request.GET.get("status", ""),
        "q": request.GET.get("q", ""),
    }
    filters["case_manager"] = request.user.pk if own_work else query_id(request, "case_manager")
    sort = request.GET.get("sort", "name")
    sort = sort if sort in CASELOAD_SORTS else "name"
    descending = request.GET.get("order") == "descending"
    children = caseload_list(user=request.user, service=request.service, sort=sort, descending=descending,
                             **filters).prefetch_related("interventions__case_manager")
    page = Paginator(children, PAGE_SIZE).get_page(request.GET.get("page"))
    # A list of children's names is a read of their records too: log which page, with which filters.
    audit(user=request.user, verb=AuditEvent.Verb.VIEW, service=request.service, object_type="caseload",
          summary=f"Viewed caseload page {page.number} ({len(page.object_list)} children) "
                  f"filters: {request.GET.urlencode() or 'none'}")
    audit_shown(user=request.user, service=request.service, child_ids=[c.pk for c in page.object_list],
                where=f"the caseload, page {page.number}")
    shown = {"applied": "1", **{k: v for k, v in filters.items() if v}}
    sorted_by = {"sort": sort, "order": "descending" if descending else "ascending"}
    headers = []
    for key, text in CASELOAD_COLUMNS:
        if key not in CASELOAD_SORTS:
            headers.append({"text": text, "key": key})
            continue
        current = key == sort
        next_order = "ascending" if not current or descending else "descending"
        headers.append({
            "text": text, "key": key,
            "aria_sort": ("descending" if descending else "ascending") if current else "none",
            "href": "?" + urlencode({**shown, "sort": key, "order": next_order}),
        })
    case_managers = get_user_model().objects.filter(
        memberships__service=request.service, memberships__role__in=["case_manager", "manager"]
    ).order_by("first_name", "username")
    count = page.paginator.count
    return render(request, "casework/caseload.html", {
        "page_obj": page, "filters": filters, "query_string": urlencode({**shown, **sorted_by}),
        "kinds": codes.INTERVENTION_KIND, "case_managers": case_managers, "headers": headers,
        "own_work": own_work, "count": count, **sorted_by,
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
        "custody": child.custody_episodes.select_related("outcome__outcome_type"),
        "episodes": child.episodes.all(),
        "victims": child_victims(child),
        "feedback": child.feedback.select_related("intervention"),
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

def _child_record(noun, form_class, create, update, many=(), **more) -> RecordPage:
    return RecordPage(noun, form_class, create, update, owner="child", owner_get=child_get,
                      owner_page="child_detail", template="casework/record_form.html", many=many, **more)


OFFENCE = _child_record("offence", OffenceForm, offence_record, offence_update)
OUTCOME = _child_record("outcome", OutcomeForm, outcome_record, outcome_update, many=("offences",))
INTERVENTION = _child_record("intervention", InterventionForm, intervention_start, intervention_update)
ASSESSMENT = _child_record("assessment", AssessmentForm, assessment_record, assessment_update)
REMAND = _child_record("remand", RemandForm, remand_record, remand_update)
CUSTODY = _child_record("custody", CustodyForm, custody_record, custody_update, label="custody episode")
EPISODE = _child_record("episode", EpisodeForm, episode_record, episode_update,
                        label="care or early help episode", a_label="a care or early help episode")
VICTIM = _child_record("victim", VictimForm, victim_record, victim_update, many=("offences",),
                       owner_lookup="offences__child", label="victim contact", a_label="a victim")
FEEDBACK = _child_record("feedback", FeedbackForm, feedback_record, feedback_update, a_label="feedback")


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


@require(Action.CHANGE_CASE)
def remand_form(request, child_pk: int, pk: int | None = None):
    return record_form(request, REMAND, child_pk, pk)


@require(Action.CHANGE_CASE)
def custody_form(request, child_pk: int, pk: int | None = None):
    return record_form(request, CUSTODY, child_pk, pk)


@require(Action.CHANGE_CASE)
def episode_form(request, child_pk: int, pk: int | None = None):
    return record_form(request, EPISODE, child_pk, pk)


@require(Action.CHANGE_CASE)
def victim_form(request, child_pk: int, pk: int | None = None):
    return record_form(request, VICTIM, child_pk, pk)


@require(Action.CHANGE_CASE)
def feedback_form(request, child_pk: int, pk: int | None = None):
    return record_form(request, FEEDBACK, child_pk, pk)


# Each list of the work queue shows at most this many rows (the count says how many there are).
QUEUE_ROWS = 50


@require(Action.COUNTERSIGN)
def work_queue_view(request):
    """A manager's work queue: what the team must do next, with countersigning done from the list."""
    queue = work_queue(user=request.user, service=request.service, today=timezone.localdate())
    lists = {name: getattr(queue, name) for name in ("overdue", "due_soon", "to_countersign", "reviews",
                                                       "ended_without_record")}
    counts = {name: rows.count() for name, rows in lists.items()}
    audit(user=request.user, verb=AuditEvent.Verb.VIEW, service=request.service, object_type="work_queue",
          summary="Viewed the work queue (" + ", ".join(f"{n} {name}" for name, n in counts.items()) + ")")
    return render(request, "casework/work_queue.html", {
        "queue": queue, "counts": counts, "rows": QUEUE_ROWS,
        **{name: rows[:QUEUE_ROWS] for name, rows in lists.items()},
    })


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
        messages.success(request, f"Assessment {assessment.reference} for {child.display_name} countersigned")
    if request.POST.get("back") == "work_queue":
        return redirect("work_queue")
    return redirect("child_detail", pk=child.pk)
