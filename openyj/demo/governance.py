"""Demo governance records: an inspection improvement plan with five key objectives (modelled on the
structure of a published inspection improvement plan; the wording here is the demo's own), a race and
identity plan, the board (members, meetings and attendance from the imported attendance rows, an
action log, a forward planner, terms of reference), a risk register, a remand budget and grants, and
one budget row whose stated total does not match its parts, as real tables sometimes do.

    load_demo_governance(service, manager=user)

Run once after the demo import; a second run changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from openyj.governance import models as m
from openyj.governance import services

# (objective, [(number, what, owner, months from now to due (negative: past), status, rag, update)])
INSPECTION_PLAN = [
    ("Quality of assessment and planning in out-of-court work improved", [
        ("1.1", "Assessment and analysis training for all practitioners and managers", "Practice manager, AB", -9,
         "closed", "green", "Four sessions delivered; every practitioner and manager attended."),
        ("1.2", "Every out-of-court assessment signed off by a manager before panel", "Operational manager, CD", -6,
         "closed", "green", "Sign-off in place; the panel chair feeds back on report quality."),
        ("1.3", "Track how often panel decisions follow the service's proposal", "Performance officer, EF", -1,
         "ongoing", "amber", "Tracker built; first quarter's figures due at the next performance meeting."),
        ("1.4", "Reinstate monthly practice forums", "Practice manager, AB", 2, "ongoing", "green",
         "First two themes agreed: identity in assessments, and work with children in custody."),
    ]),
    ("Rigorous and effective management oversight of all cases", [
        ("2.1", "Monthly joint scrutiny of out-of-court decisions with police managers", "Head of service, GH", -2,
         "ongoing", "red", "Sessions lapsed for two months through staff absence; restart agreed with police."),
        ("2.2", "Management oversight training for every manager", "Head of service, GH", -8, "closed", "green",
         "Delivered by an external trainer; the next case audit will check its effect."),
        ("2.3", "A reporting tool for practitioners to follow their own key practice measures", "Performance officer, "
         "EF", 4, "not_started", "", ""),
    ]),
    ("Assessment of risk of serious harm is analytical and robust, with risk planning and review improved", [
        ("3.1", "Refresher training on risk of serious harm", "Practice manager, IJ", 1, "ongoing", "amber",
         "Trainer commissioned; dates set for next month."),
        ("3.2", "Review the risk management panel so it is sustainable", "Operational manager, CD", -3, "ongoing",
         "amber", "Templates shortened; attendance from social care still patchy."),
        ("3.3", "Panel chairs feed back good practice to practitioners and their managers", "Operational manager, CD",
         3, "ongoing", "green", "Feedback now part of each panel's minutes."),
    ]),
    ("Fewer barriers to safeguarding and education services for children in the justice system", [
        ("4.1", "Monthly multi-agency meeting on children missing education, with escalation", "Education officer, KL",
         -4, "closed", "green", "Meeting runs monthly; 14 children escalated, 9 back in full-time education."),
        ("4.2", "Deep dive into the education histories of a cohort of children", "Education officer, KL", 1,
         "ongoing", "amber", "Case files read; findings to the board's education-themed meeting."),
        ("4.3", "Separate education, training and employment action plan", "Head of service, GH", 5, "not_started",
         "", ""),
    ]),
    ("The partnership board has a clear overview of practice", [
        ("5.1", "Quarterly report to the board on this plan's progress", "Head of service, GH", -5, "closed", "green",
         "Standing item on every agenda."),
        ("5.2", "Review the board's terms of reference and membership", "Board chair", -7, "closed", "green",
         "Reviewed at the board workshop; membership refreshed."),
        ("5.3", "A named board lead for each of the plan's priority areas", "Board chair", 0, "ongoing", "amber",
         "Leads named for four of six priorities."),
        ("5.4", "Keep and report a register of attendance, following up absent partners", "Business support, MN",
         2, "ongoing", "green", "Register reported quarterly; partners below the threshold contacted."),
    ]),
]

RACE_PLAN = [
    ("Leadership and organisational culture", [
        ("1.1", "The board holds the partnership to account for disproportionality", "Board chair", 3, "ongoing",
         "green", "Race and identity was the theme of the last meeting, with a full data report."),
        ("1.2", "Each manager takes personal responsibility for action in their team", "All managers", 2, "ongoing",
         "amber", "Managers' pledge agreed; discussed in every team meeting this quarter."),
        ("1.3", "Staff survey on race and identity", "Head of service, GH", -6, "closed", "green",
         "Survey completed and findings discussed with every team."),
    ]),
    ("Understanding the data", [
        ("2.1", "An annual report to the board on race and identity, using the disproportionality figures",
         "Performance officer, EF", 4, "ongoing", "green", "Figures refreshed for the year to date."),
    ]),
    ("Direct work with children", [
        ("3.1", "Identity and heritage covered in every assessment and plan", "Practice manager, AB", 1, "ongoing",
         "amber", "Case audit found it covered in 6 of 10 cases sampled."),
    ]),
]

RISKS = [
    ("Loss of the seconded mental health post when its funding ends", "Head of service, GH", 3, 4,
     "Discussed with health commissioners; bid submitted for recurring funding.", 1, "rising"),
    ("Remand costs exceed the remand budget", "Finance lead", 4, 3, "Monthly review of remand nights; bail "
     "support offered at every first hearing.", -1, "rising"),
    ("Case management system change disrupts recording", "Performance officer, EF", 2, 4,
     "Data checks before and after the change; extra support for staff.", 2, "steady"),
    ("Practitioner vacancies raise caseloads", "Operational manager, CD", 3, 3,
     "Agency cover agreed; recruitment campaign under way.", -2, "falling"),
]


def _months(today: date, n: int) -> date:
    month = today.month - 1 + n
    return date(today.year + month // 12, month % 12 + 1, min(today.day, 28))


def _plan(service, user, title: str, kind: str, objectives, today: date) -> None:
    plan = services.plan_create(user=user, service=service, title=title, kind=kind,
                                started_on=_months(today, -12), objectives=[text for text, _ in objectives])
    for objective, (_text, actions) in zip(plan.objectives.order_by("number"), objectives, strict=True):
        for number, what, owner, months, status, rag, update in actions:
            action = services.improvement_action_create(
                user=user, service=service, objective=objective, number=number, what=what, owner=owner,
                due_on=_months(today, months), status="ongoing" if status == "closed" else status, rag=rag)
            if update:
                services.action_update_record(user=user, action=action, written_on=today - timedelta(days=20),
                                              text=update, status=status, rag=rag)


def _board(service, user, today: date) -> None:
    rows = list(m.BoardAttendance.objects.filter(service=service, meeting__isnull=True).order_by("meeting_date"))
    members: dict[str, m.BoardMember] = {}
    meetings: dict[date, m.BoardMeeting] = {}
    themes = ["Education", "Race and identity", "Serious youth violence", "Children in care"]
    for row in rows:
        if row.member not in members:
            members[row.member] = services.record_save(
                user=user, service=service, model=m.BoardMember,
                data={"name": row.member.split(" (")[0], "agency": row.agency, "role": row.member.partition(" (")[2]
                      .rstrip(")"), "statutory_partner": bool(row.statutory_partner)})
        if row.meeting_date not in meetings:
            n = len(meetings)
            meetings[row.meeting_date] = services.record_save(
                user=user, service=service, model=m.BoardMeeting,
                data={"held_on": row.meeting_date, "themes": themes[n % len(themes)],
                      "deep_dive": f"Deep dive: {themes[n % len(themes)].lower()}",
                      "papers": "Performance report\nImprovement plan progress\nRisk register\nBudget monitoring"})
        # The imported row becomes the recorded one: the same row, now tied to its meeting and member.
        row.meeting, row.board_member = meetings[row.meeting_date], members[row.member]
        row.save(update_fields=["meeting", "board_member"])
    recent = sorted(meetings.values(), key=lambda x: x.held_on)[-4:]
    for n, meeting in enumerate(recent):
        services.record_save(user=user, service=service, model=m.BoardAction, data={
            "meeting": meeting, "what": ["Partners to report on education places for children on orders",
                                         "Police to present stop and search figures by ethnicity",
                                         "Health to confirm funding for the mental health post",
                                         "Circulate the revised terms of reference"][n],
            "owner": ["Director of education", "Police superintendent", "Health commissioner", "Board chair"][n],
            "due_on": meeting.held_on + timedelta(days=90), "status": "closed" if n < 2 else "ongoing"})
    for n, (kind, title, agency) in enumerate([
            ("partner_report", "Police report on first-time entrants", "Police"),
            ("deep_dive", "Children remanded to youth detention", ""),
            ("partner_report", "Health report on speech and language needs", "Health"),
            ("theme", "Resettlement", ""),
    ]):
        services.record_save(user=user, service=service, model=m.ForwardPlanItem, data={
            "due_on": _months(today, 3 * (n // 2 + 1)), "kind": kind, "title": title, "agency": agency})
    services.record_save(user=user, service=service, model=m.TermsOfReference, data={
        "agreed_on": _months(today, -10), "review_on": _months(today, 2),
        "summary": "The board oversees the service's work, holds partners to account for their contribution and "
                   "approves the Youth Justice Plan."})


def load_demo_governance(service, *, manager=None) -> None:
    if m.ImprovementPlan.objects.filter(service=service).exists():
        return
    today = timezone.localdate()
    _plan(service, manager, "Inspection improvement plan", "inspection_response", INSPECTION_PLAN, today)
    _plan(service, manager, "Race and identity action plan", "race_and_identity", RACE_PLAN, today)
    _board(service, manager, today)
    for title, owner, likelihood, impact, mitigations, review_months, trend in RISKS:
        services.record_save(user=manager, service=service, model=m.Risk, data={
            "title": title, "owner": owner, "likelihood": likelihood, "impact": impact, "mitigations": mitigations,
            "review_on": _months(today, review_months), "trend": trend})
    years = sorted(set(m.BudgetLine.objects.filter(service=service).values_list("year", flat=True)))
    if len(years) >= 2:
        # The year before last: the police row's stated total does not match its parts (kept and flagged).
        police = m.BudgetLine.objects.filter(service=service, year=years[-2], agency="Police").first()
        if police is not None and police.total is not None:
            services.record_save(user=manager, service=service, model=m.BudgetLine, instance=police,
                                 data={"total": police.total + Decimal("32524")}, what="a budget line")
    for year in years[-2:]:
        services.record_save(user=manager, service=service, model=m.RemandBudget,
                             data={"year": year, "budget": Decimal("150000"), "nightly_cost": Decimal("650")})
    services.record_save(user=manager, service=service, model=m.Grant, data={
        "name": "Turnaround programme", "funder": "Ministry of Justice", "year": years[-1] if years else "2025/26",
        "amount": Decimal("98250"), "ends_on": _months(today, 4)})
    services.record_save(user=manager, service=service, model=m.Grant, data={
        "name": "Serious violence duty", "funder": "Home Office", "year": years[-1] if years else "2025/26",
        "amount": Decimal("45000"), "ends_on": _months(today, 9)})
