"""The governance pages: improvement plans and their review, the board, the risk register, the
partner budget and the workforce. Thin: ``@require``, a selector, a form, ``save_form`` and a
template. Managers change these records (``govern``); managers, performance officers and board members
read them (``view_governance``), board members in aggregate with small numbers suppressed."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from openyj.core.pages import form_page, posted, save_form
from openyj.core.permissions import require
from openyj.core.roles import Action, role_allows
from openyj.governance import forms as f
from openyj.governance import models as m
from openyj.governance import presenters, selectors, services, spreadsheets
from openyj.governance.budget import financial_year_valid

GOVERN, VIEW = Action.GOVERN, Action.VIEW_GOVERNANCE
FORM = "governance/form_page.html"


def _may_govern(request) -> bool:
    return role_allows(request.role, GOVERN)


def _aggregate_only(request) -> bool:
    """Board members read aggregates only: small numbers suppressed, no names of case managers."""
    return not role_allows(request.role, Action.VIEW_CASE)


def _existing(request, model, pk: int | None):
    """The record a change page is about (404 outside the user's service), or None on an add page."""
    return None if pk is None else selectors.governed_get(model, request.user, request.service, pk)


def _record_page(request, form_class, model, *, title: str, to: str, instance=None, what: str = "",
                 back: str | None = None, extra=None, form_kwargs=None):
    """The add/change page of a governance record: the form collects, ``record_save`` writes."""
    form = form_class(posted(request), initial_from=instance, **(form_kwargs or {}))
    done = save_form(request, form,
                     lambda data: services.record_save(user=request.user, service=request.service, model=model,
                                                       data={**data, **(extra or {})}, instance=instance,
                                                       what=what or None),
                     success=f"{title}: saved", to=to)
    return done or form_page(request, FORM, form, title=title, back_url=back or to)


@require(VIEW)
def home(request):
    service = request.service
    overdue, _ = selectors.actions_in_view(request.user, service, "overdue")
    due_soon, _ = selectors.actions_in_view(request.user, service, "due_soon")
    return render(request, "governance/home.html", {
        "plans": selectors.plans(request.user, service),
        "overdue": overdue.count(), "due_soon": due_soon.count(),
        "risks_open": selectors.risks(request.user, service).filter(status="open").count(),
        "last_meeting": selectors.last_board_meeting(request.user, service),
        "budget_years": selectors.budget_years(request.user, service),
    })


# Improvement plans --------------------------------------------------------------------------------


@require(VIEW)
def plan_list(request):
    return render(request, "governance/plan_list.html", {
        "plans": selectors.plans(request.user, request.service), "may_govern": _may_govern(request)})


@require(GOVERN)
def plan_create(request):
    form = f.PlanForm(posted(request))

    def save(data):
        objectives = data.pop("objectives", "").splitlines()
        return services.plan_create(user=request.user, service=request.service, objectives=objectives, **data)

    done = save_form(request, form, save, success=lambda plan: f"{plan.title}: plan added",
                     to=lambda plan: reverse("governance_plan", args=[plan.pk]))
    return done or form_page(request, FORM, form, title="Add an improvement plan",
                             back_url=reverse("governance_plans"))


@require(VIEW)
def plan_detail(request, pk: int):
    plan = selectors.plan_get(request.user, request.service, pk)
    objectives = [(objective, [(action, selectors.latest_update(action)) for action in objective.actions.all()])
                  for objective in plan.objectives.all()]
    return render(request, "governance/plan_detail.html", {
        "plan": plan, "objectives": objectives, "may_govern": _may_govern(request),
        "today": timezone.localdate(),
    })


@require(VIEW)
def actions_view(request, view: str):
    titles = {"overdue": "Overdue actions", "due_soon": "Actions due in the next 8 weeks",
              "changed": "Actions changed since the last board meeting"}
    if view not in titles:
        raise Http404("No such view")
    actions, intro = selectors.actions_in_view(request.user, request.service, view)
    rows = [(action, selectors.latest_update(action)) for action in actions]
    return render(request, "governance/actions_view.html", {"title": titles[view], "intro": intro, "rows": rows,
                                                            "views": titles, "current": view})


def _warn_if_past(request, due_on) -> None:
    warning = services.due_date_warning(due_on)
    if warning:
        messages.warning(request, warning)


@require(GOVERN)
def action_add(request, objective_pk: int):
    objective = get_object_or_404(selectors.governed(m.KeyObjective, request.user, request.service), pk=objective_pk)
    form = f.PlanActionForm(posted(request))
    to = reverse("governance_plan", args=[objective.plan_id])

    def save(data):
        action = services.improvement_action_create(user=request.user, service=request.service,
                                                    objective=objective, **data)
        _warn_if_past(request, action.due_on)
        return action

    done = save_form(request, form, save, success="Action added to the plan", to=to)
    return done or form_page(request, FORM, form, title="Add an action", back_url=to,
                             caption=f"Key objective {objective.number}: {objective.text}")


@require(GOVERN)
def action_edit(request, pk: int):
    action = selectors.plan_action_get(request.user, request.service, pk)
    objective = action.objective
    assert objective is not None  # plan actions have one, by the selector
    initial = {name: getattr(action, name) for name in ("number", "what", "why", "how", "owner", "due_on",
                                                        "status", "rag")}
    form = f.PlanActionForm(posted(request), initial=initial)
    to = reverse("governance_plan", args=[objective.plan_id])

    def save(data):
        changed_due = data["due_on"] != action.due_on
        saved = services.improvement_action_update(user=request.user, action=action, **data)
        if changed_due:
            _warn_if_past(request, saved.due_on)
        return saved

    done = save_form(request, form, save, success="Action updated", to=to)
    return done or form_page(request, FORM, form, title="Change an action", back_url=to,
                             caption=f"Key objective {objective.number}: {objective.text}")


@require(GOVERN)
def plan_review(request, pk: int, step: int = 1):
    """Review mode: step through the plan's open actions one by one, recording an update on each."""
    plan = selectors.plan_get(request.user, request.service, pk)
    actions = list(selectors.plan_actions(request.user, request.service, plan)
                   .filter(status__in=selectors.OPEN_STATUSES))
    if not actions:
        messages.success(request, "Every action in this plan is closed or no longer applicable.")
        return redirect("governance_plan", pk=plan.pk)
    if step < 1 or step > len(actions):
        raise Http404("No such step")
    action = actions[step - 1]
    next_url = (reverse("governance_plan_review_step", args=[plan.pk, step + 1]) if step < len(actions)
                else reverse("governance_plan", args=[plan.pk]))
    if request.method == "POST" and "skip" in request.POST:
        return redirect(next_url)
    form = f.ProgressUpdateForm(posted(request), initial={"status": action.status, "rag": action.rag,
                                                           "written_on": timezone.localdate()})
    done = save_form(request, form, lambda data: services.action_update_record(user=request.user, action=action,
                                                                                 **data),
                     success=f"Update recorded on action {action.number or step}", to=next_url)
    return done or form_page(request, "governance/plan_review.html", form, plan=plan, action=action, step=step,
                             steps=len(actions), latest=selectors.latest_update(action),
                             title=f"Review: action {step} of {len(actions)}",
                             back_url=reverse("governance_plan", args=[plan.pk]))


@require(VIEW)
def plan_export(request, pk: int):
    plan = selectors.plan_get(request.user, request.service, pk)
    content = spreadsheets.plan_workbook(plan, selectors.plan_actions(request.user, request.service, plan))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="improvement-plan-{plan.pk}.xlsx"'
    return response


@require(GOVERN)
def plan_import(request, pk: int):
    plan = selectors.plan_get(request.user, request.service, pk)
    form = f.PlanImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            result = spreadsheets.plan_import(user=request.user, plan=plan, file=form.cleaned_data["file"])
        except spreadsheets.PlanFileError as error:
            problems = error.problems
        else:
            messages.success(request, result)
            return redirect("governance_plan", pk=plan.pk)
    status = 400 if problems or form.errors else 200
    return render(request, "governance/plan_import.html", {"plan": plan, "form": form, "problems": problems},
                  status=status)


# The board ----------------------------------------------------------------------------------------


@require(VIEW)
def board(request):
    user, service = request.user, request.service
    start, end = selectors.four_quarters_before(timezone.localdate())
    threshold = presenters.attendance_threshold()
    return render(request, "governance/board.html", {
        "members": selectors.board_members(user, service),
        "terms": selectors.terms_of_reference(user, service),
        "meetings": selectors.meetings(user, service)[:12],
        "rates": selectors.attendance_by_partner(user, service, start=start, end=end),
        "start": start, "end": end, "threshold": threshold,
        "actions": selectors.board_actions(user, service),
        "forward": selectors.forward_plan(user, service),
        "may_govern": _may_govern(request), "today": timezone.localdate(),
    })


@require(GOVERN)
def member_form(request, pk: int | None = None):
    member = _existing(request, m.BoardMember, pk)
    return _record_page(request, f.BoardMemberForm, m.BoardMember, instance=member, what="a board member",
                        title="Change a board member" if pk else "Add a board member", to=reverse("governance_board"),
                        form_kwargs={"service": request.service})


@require(GOVERN)
def meeting_form(request, pk: int | None = None):
    meeting = _existing(request, m.BoardMeeting, pk)
    return _record_page(request, f.MeetingForm, m.BoardMeeting, instance=meeting, what="a board meeting",
                        title="Change a meeting" if pk else "Add a board meeting", to=reverse("governance_board"))


@require(VIEW)
def meeting_detail(request, pk: int):
    meeting = selectors.meeting_get(request.user, request.service, pk)
    recorded = {row.board_member_id: row for row in meeting.attendance.all() if row.board_member_id}
    members = [(member, recorded.get(member.pk)) for member in selectors.board_members(request.user, request.service)
               .filter(active=True)]
    other_rows = [row for row in meeting.attendance.all() if not row.board_member_id]
    own = self_attendance_allowed() and any(member.user_id == request.user.pk for member, _row in members)
    return render(request, "governance/meeting_detail.html", {
        "meeting": meeting, "members": members, "other_rows": other_rows, "may_govern": _may_govern(request),
        "may_record_own": own and not _may_govern(request)})


@require(GOVERN)
def attendance_form(request, meeting_pk: int, member_pk: int):
    meeting = selectors.meeting_get(request.user, request.service, meeting_pk)
    member = selectors.governed_get(m.BoardMember, request.user, request.service, member_pk)
    row = meeting.attendance.filter(board_member=member).first()
    initial = {"attendance": row.attendance, "deputy_name": row.deputy_name,
               "appropriate_seniority": row.appropriate_seniority} if row else {}
    form = f.AttendanceForm(posted(request), initial=initial)
    to = reverse("governance_meeting", args=[meeting.pk])
    done = save_form(request, form, lambda data: services.attendance_record(user=request.user, meeting=meeting,
                                                                            member=member, **data),
                     success=f"Attendance recorded for {member.name}", to=to)
    return done or form_page(request, FORM, form, title=f"Attendance: {member.name}", back_url=to,
                             caption=f"{meeting}, {member.agency}")


def self_attendance_allowed() -> bool:
    return bool(getattr(settings, "OPENYJ_BOARD_SELF_ATTENDANCE", False))


@require(VIEW)
def my_attendance(request, meeting_pk: int):
    """A board member records their own attendance, where the deployment allows it."""
    if not self_attendance_allowed():
        raise Http404("Members do not record their own attendance here")
    meeting = selectors.meeting_get(request.user, request.service, meeting_pk)
    member = selectors.board_members(request.user, request.service).filter(user=request.user).first()
    if member is None:
        raise Http404("You are not recorded as a member of this board")
    row = meeting.attendance.filter(board_member=member).first()
    initial = {"attendance": row.attendance, "deputy_name": row.deputy_name,
               "appropriate_seniority": row.appropriate_seniority} if row else {}
    form = f.AttendanceForm(posted(request), initial=initial)
    to = reverse("governance_meeting", args=[meeting.pk])
    done = save_form(request, form, lambda data: services.attendance_record(user=request.user, meeting=meeting,
                                                                            member=member, **data),
                     success="Your attendance is recorded", to=to)
    return done or form_page(request, FORM, form, title="Your attendance", back_url=to, caption=str(meeting))


@require(GOVERN)
def board_action_form(request, pk: int | None = None):
    action = _existing(request, m.BoardAction, pk)
    meeting = None
    if not pk and request.GET.get("meeting"):
        if not request.GET["meeting"].isdigit():
            raise Http404("No such meeting")
        meeting = selectors.governed_get(m.BoardMeeting, request.user, request.service, int(request.GET["meeting"]))
    return _record_page(request, f.BoardActionForm, m.BoardAction, instance=action, what="a board action",
                        title="Change a board action" if pk else "Add a board action", to=reverse("governance_board"),
                        extra={"meeting": meeting} if meeting else None)


@require(GOVERN)
def forward_item_form(request, pk: int | None = None):
    item = _existing(request, m.ForwardPlanItem, pk)
    return _record_page(request, f.ForwardPlanItemForm, m.ForwardPlanItem, instance=item,
                        what="a forward planner item", to=reverse("governance_board"),
                        title="Change a forward planner item" if pk else "Add to the forward planner")


@require(GOVERN)
def terms_form(request):
    terms = selectors.terms_of_reference(request.user, request.service)
    return _record_page(request, f.TermsOfReferenceForm, m.TermsOfReference, instance=terms,
                        what="the terms of reference", title="Terms of reference", to=reverse("governance_board"))


# Risks --------------------------------------------------------------------------------------------


@require(VIEW)
def risk_list(request):
    today = timezone.localdate()
    return render(request, "governance/risk_list.html", {
        "risks": selectors.risks(request.user, request.service), "today": today,
        "may_govern": _may_govern(request)})


@require(GOVERN)
def risk_form(request, pk: int | None = None):
    risk = _existing(request, m.Risk, pk)
    return _record_page(request, f.RiskForm, m.Risk, instance=risk, what="a risk",
                        title="Change a risk" if pk else "Add a risk", to=reverse("governance_risks"))


@require(GOVERN)
def risk_link(request, pk: int):
    """Link an improvement action to a risk it mitigates."""
    risk = selectors.governed_get(m.Risk, request.user, request.service, pk)
    actions = selectors.plan_actions(request.user, request.service).exclude(links__risk=risk)
    error = ""
    if request.method == "POST":
        chosen = actions.filter(pk=request.POST.get("action") or 0).first()
        if chosen is None:
            error = "Select the action that answers this risk"
        else:
            services.action_link_risk(user=request.user, action=chosen, risk=risk)
            messages.success(request, "Action linked to the risk")
            return redirect("governance_risks")
    return render(request, "governance/risk_link.html", {"risk": risk, "actions": actions, "error": error},
                  status=400 if error else 200)


# Budget -------------------------------------------------------------------------------------------


@require(VIEW)
def budget(request):
    user, service = request.user, request.service
    years = selectors.budget_years(user, service)
    year = request.GET.get("year") or (years[0] if years else "")
    if year and not financial_year_valid(year):
        raise Http404("Not a financial year")
    table = selectors.budget_table(user, service, year) if year else None
    previous = f"{int(year[:4]) - 1}/{int(year[2:4]) % 100:02d}" if year else ""
    comparison = None
    if year and previous in years and table is not None:
        comparison = [{**row, "change_text": presenters.change_text(row["change"])}
                      for row in presenters.year_on_year(table, selectors.budget_table(user, service, previous))]
    return render(request, "governance/budget.html", {
        "years": years, "year": year, "table": table, "previous": previous, "comparison": comparison,
        "grants": selectors.grants(user, service), "today": timezone.localdate(),
        "soon": timezone.localdate() + timedelta(days=91),
        "remand": selectors.remand_position(user, service, year) if year else None,
        "may_govern": _may_govern(request),
        "lines": selectors.governed(m.BudgetLine, user, service).filter(year=year).order_by("pk") if year else [],
    })


@require(GOVERN)
def budget_line_form(request, pk: int | None = None):
    line = _existing(request, m.BudgetLine, pk)
    return _record_page(request, f.BudgetLineForm, m.BudgetLine, instance=line, what="a budget line",
                        title="Change a budget line" if pk else "Add a budget line", to=reverse("governance_budget"))


@require(GOVERN)
def grant_form(request, pk: int | None = None):
    grant = _existing(request, m.Grant, pk)
    return _record_page(request, f.GrantForm, m.Grant, instance=grant, what="a grant",
                        title="Change a grant" if pk else "Add a time-limited grant", to=reverse("governance_budget"))


@require(GOVERN)
def remand_budget_form(request, pk: int | None = None):
    budget_ = _existing(request, m.RemandBudget, pk)
    return _record_page(request, f.RemandBudgetForm, m.RemandBudget, instance=budget_,
                        what="the remand budget", title="Remand budget", to=reverse("governance_budget"))


# Workforce ----------------------------------------------------------------------------------------


@require(VIEW)
def workforce(request):
    user, service = request.user, request.service
    suppress = _aggregate_only(request)
    staff = list(selectors.staff(user, service))
    paid = [s for s in staff if s.staff_type != "volunteer"]
    practitioner_fte = sum((s.fte or 0) for s in paid if presenters.grade_code(s.grade) == "practitioner")
    open_cases = selectors.open_cases(service)
    cohort = Counter(presenters.ethnic_group(e) for e in selectors.cohort_ethnicities(user, service))
    return render(request, "governance/workforce.html", {
        "table": presenters.workforce_table(staff, suppress=suppress),
        "volunteers": presenters.volunteer_table(staff, suppress=suppress),
        "secondees": presenters.secondees(staff, suppress=suppress),
        "comparison": presenters.ethnicity_comparison(Counter(presenters.ethnic_group(s.ethnicity) for s in paid),
                                                      cohort, suppress=suppress),
        "suppress": suppress, "sexes": presenters.SEXES,
        "practitioner_fte": format(Decimal(practitioner_fte).normalize(), "f"), "open_cases": open_cases,
        "average": round(open_cases / practitioner_fte, 1) if practitioner_fte else None,
        "caseloads": [] if suppress else selectors.caseloads(user, service),
        "staff": [] if suppress else staff, "may_govern": _may_govern(request),
        "training": [(course, presenters.count_text(n, suppress=suppress)) for course, n in
                     selectors.training_summary(user, service, since=timezone.localdate() - timedelta(days=365))],
    })


@require(GOVERN)
def staff_form(request, pk: int | None = None):
    member = _existing(request, m.StaffMember, pk)
    return _record_page(request, f.StaffForm, m.StaffMember, instance=member, what="a member of staff",
                        title="Change a member of staff" if pk else "Add a member of staff",
                        to=reverse("governance_workforce"))



@require(GOVERN)
def training_add(request, staff_pk: int):
    member = selectors.governed_get(m.StaffMember, request.user, request.service, staff_pk)
    return _record_page(request, f.TrainingForm, m.TrainingRecord, what="a training record",
                        title=f"Add training for {member.reference}", to=reverse("governance_workforce"),
                        extra={"staff": member})
