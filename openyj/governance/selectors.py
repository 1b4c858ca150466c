"""Reading improvement actions, through the gate, and the actions that answer a given record.

Quality's pages ask "which actions answer this audit's findings?" with the record itself; these
selectors need no import of quality, because the links hold typed foreign keys.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Case, Count, F, Max, Prefetch, Q, QuerySet, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from openyj.casework.models import Intervention
from openyj.core.roles import Action
from openyj.governance.budget import BudgetTable, check_table
from openyj.governance.models import (
    ActionLink,
    ActionUpdate,
    BoardAction,
    BoardAttendance,
    BoardMeeting,
    BoardMember,
    BudgetLine,
    ForwardPlanItem,
    Grant,
    ImprovementAction,
    ImprovementPlan,
    RemandBudget,
    Risk,
    StaffMember,
    TermsOfReference,
    TrainingRecord,
)
from openyj.offending.models import Remand
from openyj.people.models import Child


def improvement_actions(user, service, *, kinds: Iterable[str] | None = None) -> QuerySet[ImprovementAction]:
    """The actions of ``service`` the user may see (managers: the ``audit`` action), with what they
    answer; only those answering a link of ``kinds`` when given."""
    actions = ImprovementAction.objects.restrict(user, Action.AUDIT, service=service).prefetch_related("links")
    if kinds is not None:
        actions = actions.filter(links__kind__in=list(kinds)).distinct()
    return actions


def improvement_action_get(user, service, pk: int, *, kinds: Iterable[str] | None = None) -> ImprovementAction:
    """One action, or 404 when the user may not see it."""
    return get_object_or_404(improvement_actions(user, service, kinds=kinds), pk=pk)


def _links(**record) -> QuerySet[ActionLink]:
    owner = next(iter(record.values()))
    return (ActionLink.objects.filter(service_id=owner.service_id, **record)
            .select_related("action", "recommendation").order_by("action__pk"))


def actions_by_code(**record) -> dict[str, list[ImprovementAction]]:
    """Actions answering findings of one record (``case_audit=`` or ``inspection=``), by the standard or
    key question code they answer."""
    found: dict[str, list[ImprovementAction]] = defaultdict(list)
    for link in _links(**record).exclude(code=""):
        found[link.code].append(link.action)
    return found


def actions_by_recommendation(inspection) -> dict[int, list[ImprovementAction]]:
    """Actions answering an inspection's recommendations, by recommendation number."""
    found: dict[int, list[ImprovementAction]] = defaultdict(list)
    for link in _links(recommendation__inspection=inspection):
        if link.recommendation is not None:  # always, by the filter
            found[link.recommendation.number].append(link.action)
    return found


def actions_by_grading(self_assessment) -> dict[tuple[str, str], list[ImprovementAction]]:
    """Actions answering a National Standards self-assessment, by (standard, level)."""
    found: dict[tuple[str, str], list[ImprovementAction]] = defaultdict(list)
    for link in _links(self_assessment=self_assessment):
        found[(link.code, link.level)].append(link.action)
    return found


def action_answering(service, link: ActionLink) -> ImprovementAction | None:
    """An action of ``service`` already answering what ``link`` references, if there is one."""
    same = {name: getattr(link, name) for name in ActionLink.REFERENCES}
    return (ImprovementAction.objects.filter(service=service, links__kind=link.kind,
                                             **{f"links__{name}": value for name, value in same.items()})
            .prefetch_related("links").first())


# The partner budget -------------------------------------------------------------------------------

def budget_years(user, service) -> list[str]:
    """The financial years with a budget table, newest first."""
    lines = BudgetLine.objects.restrict(user, Action.VIEW_GOVERNANCE, service=service)
    return sorted(set(lines.values_list("year", flat=True)), reverse=True)


def budget_table(user, service, year: str) -> BudgetTable:
    """One year's partner budget table, checked (rows in the order they were entered or imported)."""
    lines = BudgetLine.objects.restrict(user, Action.VIEW_GOVERNANCE, service=service).filter(year=year)
    return check_table(year, lines.order_by("pk"))


def budget_table_for_service(service, year: str) -> BudgetTable:
    """The same table read by a system job (the ``openyj budget`` command, run by whoever holds the
    database): no user to restrict to, so only the one service's lines."""
    return check_table(year, BudgetLine.objects.filter(service=service, year=year).order_by("pk"))



# Governance records, read through the gate --------------------------------------------------------

VIEW = Action.VIEW_GOVERNANCE


def governed(model, user, service) -> QuerySet:
    """Any governance record of ``service`` the user may read (managers, performance officers, board)."""
    return model.objects.restrict(user, VIEW, service=service)


def governed_get(model, user, service, pk: int):
    """One governance record, or 404 when the user may not read it (another service's is a 404)."""
    return get_object_or_404(governed(model, user, service), pk=pk)


# Improvement plans --------------------------------------------------------------------------------

OPEN_STATUSES = (ImprovementAction.Status.NOT_STARTED, ImprovementAction.Status.ONGOING)


def plans(user, service) -> QuerySet[ImprovementPlan]:
    """The service's plans with how many actions each has, and how many are open and overdue."""
    today = timezone.localdate()
    return governed(ImprovementPlan, user, service).annotate(
        action_count=Count("objectives__actions", distinct=True),
        open_count=Count("objectives__actions", filter=Q(objectives__actions__status__in=OPEN_STATUSES),
                         distinct=True),
        overdue_count=Count("objectives__actions", filter=Q(objectives__actions__status__in=OPEN_STATUSES,
                                                            objectives__actions__due_on__lt=today), distinct=True),
    )


def plan_get(user, service, pk: int) -> ImprovementPlan:
    """A plan with its objectives, their actions (with links and updates) in order."""
    actions = ImprovementAction.objects.order_by("number", "pk").prefetch_related("links", "updates")
    plan = get_object_or_404(governed(ImprovementPlan, user, service).prefetch_related(
        Prefetch("objectives__actions", queryset=actions)), pk=pk)
    return plan


def plan_actions(user, service, plan: ImprovementPlan | None = None) -> QuerySet[ImprovementAction]:
    """The actions of the service's plans (of one plan when given), with their objective and plan."""
    actions = (ImprovementAction.objects.restrict(user, VIEW, service=service).filter(objective__isnull=False)
               .select_related("objective__plan").prefetch_related("links", "updates")
               .order_by("objective__plan__title", "objective__number", "number", "pk"))
    if plan is not None:
        actions = actions.filter(objective__plan=plan)
    return actions


def plan_action_get(user, service, pk: int) -> ImprovementAction:
    return get_object_or_404(plan_actions(user, service), pk=pk)


def last_board_meeting(user, service, *, before: date | None = None) -> BoardMeeting | None:
    """The most recent board meeting held on or before ``before`` (today by default)."""
    return (governed(BoardMeeting, user, service).filter(held_on__lte=before or timezone.localdate())
            .order_by("-held_on").first())


def actions_in_view(user, service, view: str) -> tuple[QuerySet[ImprovementAction], str]:
    """The plan actions for one of the review views, with a sentence saying what the view holds:
    ``overdue``, ``due_soon`` (in the next 8 weeks) or ``changed`` (since the last board meeting)."""
    today = timezone.localdate()
    actions = plan_actions(user, service)
    if view == "overdue":
        return (actions.filter(status__in=OPEN_STATUSES, due_on__lt=today),
                "Open actions whose due date has passed.")
    if view == "due_soon":
        end = today + timedelta(weeks=8)
        return (actions.filter(status__in=OPEN_STATUSES, due_on__gte=today, due_on__lte=end),
                f"Open actions due between today and {end.day} {end:%B %Y}.")
    if view == "changed":
        meeting = last_board_meeting(user, service)
        if meeting is None:
            return actions.none(), "There has been no board meeting yet, so nothing has changed since one."
        changed = actions.filter(Q(updates__written_on__gt=meeting.held_on) | Q(updated_at__date__gt=meeting.held_on))
        return (changed.distinct(),
                f"Actions raised or updated since the board met on {meeting.held_on.day} "
                f"{meeting.held_on:%B %Y}.")
    raise ValueError(view)


def latest_update(action: ImprovementAction) -> ActionUpdate | None:
    updates = list(action.updates.all())
    return max(updates, key=lambda u: (u.written_on, u.pk)) if updates else None


# The board ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PartnerAttendance:
    """How often one agency was represented at the board over a period, as a whole percentage."""

    agency: str
    statutory_partner: bool
    meetings: int
    represented: int  # attended, or sent a deputy of appropriate seniority

    @property
    def rate(self) -> int:
        return round(100 * self.represented / self.meetings) if self.meetings else 0


def attendance_rows(user, service, *, start: date | None = None, end: date | None = None):
    """Board attendance rows for KPI 7 and the attendance page: ``meeting_date``, ``member``,
    ``agency``, ``statutory_partner``, ``appropriate_seniority``, ``attendance``, one per member per
    meeting. Recorded on the board pages or imported (``board_attendance.csv``): both are rows of
    the same table, so imported history and recorded meetings read as one."""
    rows = BoardAttendance.objects.restrict(user, VIEW, service=service)
    if start is not None:
        rows = rows.filter(meeting_date__gte=start)
    if end is not None:
        rows = rows.filter(meeting_date__lte=end)
    return rows.order_by("meeting_date", "agency", "member").values(
        "meeting_date", "member", "agency", "statutory_partner", "appropriate_seniority", "attendance")


def four_quarters_before(today: date) -> tuple[date, date]:
    """The last four whole quarters before ``today``'s quarter (financial quarters start in April,
    July, October and January)."""
    quarter_start = date(today.year, ((today.month - 1) // 3) * 3 + 1, 1)
    start = date(quarter_start.year - 1, quarter_start.month, 1)
    return start, quarter_start - timedelta(days=1)


def attendance_by_partner(user, service, *, start: date, end: date) -> list[PartnerAttendance]:
    """Per agency: meetings held while it had a row, and meetings at which it was represented."""
    meetings: dict[str, set[date]] = defaultdict(set)
    represented: dict[str, set[date]] = defaultdict(set)
    statutory: dict[str, bool] = {}
    for row in attendance_rows(user, service, start=start, end=end):
        agency = row["agency"]
        meetings[agency].add(row["meeting_date"])
        statutory[agency] = statutory.get(agency, False) or bool(row["statutory_partner"])
        if row["attendance"] == "attended" or (row["attendance"] == "deputy" and row["appropriate_seniority"]):
            represented[agency].add(row["meeting_date"])
    return sorted((PartnerAttendance(agency, statutory[agency], len(meetings[agency]), len(represented[agency]))
                   for agency in meetings), key=lambda p: (not p.statutory_partner, p.agency))


def board_members(user, service) -> QuerySet[BoardMember]:
    return governed(BoardMember, user, service)


def meetings(user, service) -> QuerySet[BoardMeeting]:
    return governed(BoardMeeting, user, service).annotate(
        recorded=Count("attendance"), present=Count("attendance", filter=Q(attendance__attendance="attended")))


def meeting_get(user, service, pk: int) -> BoardMeeting:
    return get_object_or_404(governed(BoardMeeting, user, service).prefetch_related("attendance", "actions"), pk=pk)


def board_actions(user, service) -> QuerySet[BoardAction]:
    return governed(BoardAction, user, service).select_related("meeting")


def forward_plan(user, service) -> QuerySet[ForwardPlanItem]:
    return governed(ForwardPlanItem, user, service).filter(due_on__gte=timezone.localdate())


def terms_of_reference(user, service) -> TermsOfReference | None:
    return governed(TermsOfReference, user, service).first()


# Risks --------------------------------------------------------------------------------------------


def risks(user, service) -> QuerySet[Risk]:
    """The register, open risks first and the highest score (likelihood × impact) first, with the
    actions answering each risk."""
    return (governed(Risk, user, service)
            .alias(closed=Case(When(status="open", then=0), default=1), rank=F("likelihood") * F("impact"))
            .order_by("closed", "-rank", "review_on", "pk")
            .prefetch_related(Prefetch("links", queryset=ActionLink.objects.select_related("action"))))


# Budget: grants, remand -----------------------------------------------------------------------------


def grants(user, service) -> QuerySet[Grant]:
    return governed(Grant, user, service)


def year_bounds(year: str) -> tuple[date, date]:
    """The first and last day of a financial year written 2024/25."""
    first = int(year[:4])
    return date(first, 4, 1), date(first + 1, 3, 31)


@dataclass(frozen=True)
class RemandPosition:
    year: str
    budget: Decimal
    nightly_cost: Decimal
    nights: int

    @property
    def spend(self) -> Decimal:
        return self.nightly_cost * self.nights

    @property
    def difference(self) -> Decimal:
        """Budget − spend: positive is underspent, negative overspent."""
        return self.budget - self.spend

    @property
    def overspend(self) -> Decimal:
        return max(self.spend - self.budget, Decimal("0"))


def remand_nights(service, start: date, end: date) -> int:
    """Nights in youth detention accommodation on remand between ``start`` and ``end`` (inclusive):
    each night from the day a remand starts to the day before the child left (or to ``end`` when still
    remanded). Counted from the service's remand records; no child is named."""
    nights = 0
    today = timezone.localdate()
    remands = (Remand.objects.filter(service=service, remand_type="youth_detention", start_date__lte=end)
               .filter(Q(end_date__isnull=True) | Q(end_date__gt=start)))
    for first, left in remands.values_list("start_date", "end_date"):
        last_night = min((left or today + timedelta(days=1)) - timedelta(days=1), end)
        first_night = max(first, start)
        nights += max((last_night - first_night).days + 1, 0)
    return nights


def remand_position(user, service, year: str) -> RemandPosition | None:
    """The remand budget for ``year`` against the spend its remand nights cost; None without a budget."""
    budget = governed(RemandBudget, user, service).filter(year=year).first()
    if budget is None:
        return None
    start, end = year_bounds(year)
    return RemandPosition(year, budget.budget, budget.nightly_cost, remand_nights(service, start, end))


# Workforce ----------------------------------------------------------------------------------------


def staff(user, service, *, on: date | None = None) -> QuerySet[StaffMember]:
    """The workforce in post on ``on`` (today by default): started by then and not yet left."""
    on = on or timezone.localdate()
    return (governed(StaffMember, user, service)
            .filter(Q(started_on__isnull=True) | Q(started_on__lte=on))
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=on)))


def caseloads(user, service) -> list[tuple[str, int]]:
    """Open interventions per case manager (name, count), largest first. Only for roles that may see
    cases: a board member sees the average only."""
    rows = (Intervention.objects.restrict(user, Action.VIEW_CASE, service=service)
            .filter(end_date__isnull=True, case_manager__isnull=False)
            .values("case_manager__first_name", "case_manager__last_name", "case_manager__username")
            .annotate(n=Count("pk")).order_by("-n"))
    return [((f"{r['case_manager__first_name']} {r['case_manager__last_name']}".strip()
              or r["case_manager__username"]), r["n"]) for r in rows]


def open_cases(service) -> int:
    """How many interventions are open: an aggregate, for the average caseload."""
    return Intervention.objects.filter(service=service, end_date__isnull=True).count()


def latest_meeting_date(user, service) -> date | None:
    return governed(BoardMeeting, user, service).aggregate(last=Max("held_on"))["last"]


def cohort_ethnicities(user, service) -> list[str]:
    """The ethnicity code of every child of the service, for a count by group beside the workforce's
    (no child is identified: only the codes are read)."""
    return list(Child.objects.restrict(user, VIEW, service=service).values_list("ethnicity", flat=True))


def training_summary(user, service, *, since: date) -> list[tuple[str, int]]:
    """Courses completed since ``since``: each course and how many people completed it."""
    rows = (governed(TrainingRecord, user, service).filter(completed_on__gte=since).values("course")
            .annotate(n=Count("pk")).order_by("-n", "course"))
    return [(row["course"], row["n"]) for row in rows]
