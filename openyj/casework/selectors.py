"""Reads of a child's case: the caseload and the history on the child's page.

The caseload goes through the gate. The history reads what hangs off a child already found through
:func:`openyj.people.selectors.child_get` (the gate, and the read audited).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Lower

from openyj.casework.models import Assessment, Intervention, Review, Victim
from openyj.core.dates import format_date
from openyj.core.roles import Action
from openyj.people.models import Child

# The caseload's sortable columns: the order each gives, ascending (descending reverses every key).
CASELOAD_SORTS: dict[str, tuple[str, ...]] = {
    "name": ("family", "given", "reference"),
    "reference": ("reference",),
    "age": ("-date_of_birth", "family", "given"),
    "status": ("-is_open", "family", "given"),
}


def caseload_list(*, user, service, kind: str = "", case_manager: int | None = None, status: str = "",
                  q: str = "", sort: str = "name", descending: bool = False) -> QuerySet[Child]:
    """Children of ``service`` the user may see, filtered and sorted as on the caseload page.

    ``case_manager`` means the person managing the child's work now: the children with an open
    intervention they manage (not every child they once worked with). ``kind`` is a type of work the
    child has had, or has open when ``status`` is "open". Sorting is by family then given name unless
    another column is asked for, over the whole list (the page only shows a slice of it).
    """
    children = Child.objects.restrict(user, Action.VIEW_CASE, service=service)
    open_work = Intervention.objects.filter(child=OuterRef("pk"), end_date__isnull=True)
    interventions = Intervention.objects.filter(child=OuterRef("pk"))
    if case_manager or status == "open":
        interventions = open_work
    if kind:
        interventions = interventions.filter(kind=kind)
    if case_manager:
        interventions = interventions.filter(case_manager_id=case_manager)
    if kind or case_manager:
        children = children.filter(Exists(interventions))
    with_status = children.annotate(is_open=Exists(open_work), family=Lower("family_name"),
                                    given=Lower("given_name"))
    if status == "open":
        with_status = with_status.filter(is_open=True)
    elif status == "closed":
        with_status = with_status.filter(is_open=False)
    q = q.strip()
    if q:
        terms = Q()
        for word in q.split():
            terms &= (Q(reference__icontains=word) | Q(given_name__icontains=word)
                      | Q(family_name__icontains=word))
        with_status = with_status.filter(terms)
    keys = CASELOAD_SORTS.get(sort, CASELOAD_SORTS["name"])
    if descending:
        keys = tuple(k[1:] if k.startswith("-") else f"-{k}" for k in keys)
    return with_status.order_by(*keys, "pk")


# The work queue looks this far ahead for assessments and reviews coming due.
DUE_SOON_DAYS = 14


@dataclass(frozen=True)
class WorkQueue:
    """What a manager's team must do next, oldest first."""

    overdue: QuerySet[Assessment]
    due_soon: QuerySet[Assessment]
    to_countersign: QuerySet[Assessment]
    reviews: QuerySet[Review]
    ended_without_record: QuerySet[Intervention]
    today: date
    due_by: date


def work_queue(*, user, service, today: date) -> WorkQueue:
    """The manager's work queue for ``service`` (the gate's COUNTERSIGN: managers only): assessments
    overdue and due in the next two weeks, completed assessments awaiting countersignature, reviews
    overdue or due in the next two weeks, and interventions that ended without their end-of-intervention
    record (why it ended, and the child's home and education, training or employment at the end)."""
    due_by = today + timedelta(days=DUE_SOON_DAYS)
    assessments = (Assessment.objects.restrict(user, Action.COUNTERSIGN, service=service)
                   .select_related("child", "intervention__case_manager"))
    open_assessments = assessments.filter(completed_on__isnull=True, due_on__isnull=False)
    reviews = (Review.objects.restrict(user, Action.COUNTERSIGN, service=service)
               .filter(done_on__isnull=True, due_on__lte=due_by, intervention__end_date__isnull=True)
               .select_related("child", "intervention__case_manager").order_by("due_on", "pk"))
    ended = (Intervention.objects.restrict(user, Action.COUNTERSIGN, service=service)
             .filter(end_date__isnull=False)
             .filter(Q(end_reason="") | Q(accommodation_type_end="") | Q(ete_status_end=""))
             .select_related("child", "case_manager").order_by("-end_date", "pk"))
    return WorkQueue(
        overdue=open_assessments.filter(due_on__lt=today).order_by("due_on", "pk"),
        due_soon=open_assessments.filter(due_on__gte=today, due_on__lte=due_by).order_by("due_on", "pk"),
        to_countersign=assessments.filter(completed_on__isnull=False, countersigned_on__isnull=True)
        .order_by("completed_on", "pk"),
        reviews=reviews,
        ended_without_record=ended,
        today=today,
        due_by=due_by,
    )


def child_victims(child: Child) -> QuerySet[Victim]:
    """The victims of a child's offences (a child already found through the gate)."""
    return Victim.objects.filter(service=child.service, offences__child=child).distinct().prefetch_related("offences")


@dataclass(frozen=True)
class TimelineEvent:
    on: date
    kind: str
    title: str
    detail: str
    edit_url_name: str = ""
    pk: int | None = None


def child_timeline(child: Child) -> list[TimelineEvent]:
    """Everything that happened to a child, newest first (MOJ timeline)."""
    events: list[TimelineEvent] = []
    for offence in child.offences.select_related("category"):
        weapon = "" if offence.weapon == "none" else f"; weapon: {offence.get_weapon_display().lower()}"
        events.append(TimelineEvent(offence.offence_date, "offence", f"Offence: {offence.category.name}",
                                    f"{offence.description or offence.reference}; seriousness "
                                    f"{offence.seriousness}{weapon}", "offence_edit", offence.pk))
    for outcome in child.outcomes.select_related("outcome_type").prefetch_related("offences"):
        offences = ", ".join(o.reference for o in outcome.offences.all()) or "no offences linked"
        events.append(TimelineEvent(outcome.outcome_date, "outcome", f"Outcome: {outcome.outcome_type.name}",
                                    f"{outcome.reference}; for {offences}", "outcome_edit", outcome.pk))
    for intervention in child.interventions.all():
        events.append(TimelineEvent(intervention.start_date, "intervention",
                                    f"Intervention started: {intervention.get_kind_display()}",
                                    intervention.reference, "intervention_edit", intervention.pk))
        if intervention.end_date:
            events.append(TimelineEvent(intervention.end_date, "intervention",
                                        f"Intervention ended: {intervention.get_kind_display()}",
                                        intervention.get_end_reason_display() or "End reason not recorded",
                                        "intervention_edit", intervention.pk))
    for remand in child.remands.all():
        end = f" to {format_date(remand.end_date)}" if remand.end_date else " (still on remand)"
        events.append(TimelineEvent(remand.start_date, "remand", f"Remand: {remand.get_remand_type_display()}",
                                    f"{remand.reference}{end}", "remand_edit", remand.pk))
    for custody in child.custody_episodes.all():
        release = f"released {format_date(custody.release_date)}" if custody.release_date else "not yet released"
        events.append(TimelineEvent(custody.start_date, "custody", "Custody", f"{custody.reference}; {release}",
                                    "custody_edit", custody.pk))
    for assessment in child.assessments.all():
        when = assessment.started_on or assessment.completed_on or assessment.due_on
        if when is None:
            continue
        status = (f"completed {format_date(assessment.completed_on)}" if assessment.completed_on else "not completed")
        signed = "countersigned" if assessment.countersigned_on else "not countersigned"
        tool = assessment.get_tool_display() or "tool not recorded"
        events.append(TimelineEvent(when, "assessment", f"Assessment: {tool}",
                                    f"{assessment.reference}; {status}; {signed}", "assessment_edit", assessment.pk))
    for episode in child.episodes.all():
        end = f" to {format_date(episode.end_date)}" if episode.end_date else " (still open)"
        events.append(TimelineEvent(episode.start_date, "episode", episode.get_episode_type_display(),
                                    f"From {format_date(episode.start_date)}{end}", "episode_edit", episode.pk))
    events.sort(key=lambda e: (e.on, e.kind), reverse=True)
    return events
