"""Demo quality data: a synthetic inspection of Demo City, a self-audit and National Standards self-assessments.

Called by the ``openyj demo`` command after the demo service's cases are loaded::

    load_demo_quality(service)                       # answers recorded without a named auditor
    load_demo_quality(service, auditor=a, moderator=m)  # a and m must be different people

Idempotent: a second call finds what the first created (by title) and adds nothing.
"""

from __future__ import annotations

import random
from datetime import date

from django.db import transaction
from django.utils import timezone

from openyj.core.actors import DEMO_LOADER
from openyj.governance.models import ActionLink, ImprovementAction
from openyj.governance.selectors import action_answering
from openyj.governance.services import improvement_action_create
from openyj.offending.models import Outcome
from openyj.quality.audits import selectors, services
from openyj.quality.frameworks import inspection_framework, national_standards
from openyj.quality.inspections import services as inspection_services
from openyj.quality.models import CaseAudit, Inspection, StandardsSelfAssessment
from openyj.quality.sampling import months_before
from openyj.quality.standards import services as standards_services

# A synthetic inspection of the fictional Demo City service under the 2018 framework: invented ratings,
# key-question percentages and recommendations, consistent with the rating rule (total 21, Good). The
# real Leeds 2019 inspection is the worked example of docs/quality.md and tests/quality, not the demo's.
DEMO_CITY_INSPECTION = {
    "framework": "hmip-2018",
    "title": "Inspection of Demo City Youth Justice Service (synthetic, 2023)",
    "fieldwork_started": date(2023, 5, 1),
    "published_overall": "Good",
    "court_cases": 38,
    "out_of_court_cases": 26,
    "source": "Synthetic inspection made for the demo service: not a real inspection report",
    "ratings": {
        "1.1": "Good", "1.2": "Good", "1.3": "Requires improvement", "1.4": "Good",
        "2.1": "Good", "2.2": "Good", "2.3": "Good", "2.4": "Requires improvement",
        "3.1": "Requires improvement", "3.2": "Requires improvement", "3.3": "Good", "3.4": "Outstanding",
    },
    "percents": {
        "2.1.1": 88, "2.1.2": 81, "2.1.3": 71, "2.2.1": 84, "2.2.2": 69, "2.2.3": 66,
        "2.3.1": 92, "2.3.2": 86, "2.3.3": 79, "2.4.1": 80, "2.4.2": 72, "2.4.3": 64,
        "3.1.1": 74, "3.1.2": 58, "3.1.3": 52, "3.2.1": 77, "3.2.2": 63, "3.2.3": 61,
        "3.3.1": 85, "3.3.2": 78, "3.3.3": 68, "3.4.1": 90, "3.4.2": 94,
    },
    "recommendations": [
        ("The service", "improve the quality of assessment and planning in out-of-court disposal work"),
        ("The service", "make sure that reviews of court work respond to changes in the child's risk of harm to "
                        "others"),
        ("The service", "escalate barriers to education, training and employment to managers and partners"),
        ("The service", "use performance and quality information in supervision and team meetings"),
        ("The management board", "hold each partner agency to account for attendance and for the resources it "
                                 "has agreed to provide"),
    ],
}
AUDIT_TITLE = "Self-audit against the inspection standards (demo)"
NO_COMMENTS = {
    "desistance": "Offending behaviour described but not analysed; strengths not built on.",
    "child_safety": "Safety and wellbeing concerns known to children's social care not drawn into the work.",
    "others_safety": "Previous harmful behaviour not considered; no contingency plan for potential victims.",
    "joint_working": "Police not kept informed of progress.",
}
JUDGEMENTS = {
    "1.1": ("Requires improvement", "Board attendance by health and education was below half this year; the board "
                                    "sees the national indicators but little about the quality of practice."),
    "1.2": ("Good", "Staff survey: most case managers say oversight helps them; caseloads within the agreed range."),
    "1.3": ("Good", "Wide range of interventions, with speech and language and CAMHS workers in the team."),
    "1.4": ("Good", "Policies reviewed this year; performance reports to the board each quarter."),
    "3.4": ("Good", "Joint decision-making panel with the police meets weekly; diversion policy agreed in 2024."),
    "4.1": ("Requires improvement", "Two children released this year; accommodation confirmed late for one."),
}
NS_GRADES = [  # (standard, level, grade last year, grade this year)
    ("1", "strategic", "Good", "Good"), ("1", "operational", "Requires improvement", "Good"),
    ("2", "strategic", "Good", "Good with outstanding features"), ("2", "operational", "Good", "Good"),
    ("3", "strategic", "Requires improvement", "Good"), ("3", "operational", "Requires improvement",
                                                         "Requires improvement"),
    ("4", "strategic", "Good", "Good"), ("4", "operational", "Good", "Good"),
    ("5", "strategic", "Requires improvement", "Requires improvement"), ("5", "operational", "Inadequate",
                                                                          "Requires improvement"),
]


@transaction.atomic
def load_demo_quality(service, *, auditor=None, moderator=None) -> dict:
    """Load the synthetic inspection of Demo City, a self-audit of the service's own cases (answered, part moderated
    when an ``auditor`` and a different ``moderator`` are given) and two years of National Standards
    self-assessment, with a few improvement actions. Returns what was created or found."""
    auditor = auditor or DEMO_LOADER  # without a person, the demo loader does the work, audited by name
    inspection = _inspection(service)
    case_audit = _self_audit(service, auditor, moderator)
    assessments = _national_standards(service, auditor, moderator)
    actions = _actions(service, auditor, inspection, case_audit, assessments[-1])
    return {"inspection": inspection, "audit": case_audit, "self_assessments": assessments, "actions": actions}


def _inspection(service) -> Inspection:
    existing = Inspection.objects.filter(service=service, title=DEMO_CITY_INSPECTION["title"]).first()
    if existing:
        return existing
    data = dict(DEMO_CITY_INSPECTION)
    return inspection_services.inspection_record(service=service, user=DEMO_LOADER, **data)


def _reference_date(service) -> date:
    today = timezone.localdate()
    latest = (Outcome.objects.filter(service=service).order_by("-outcome_date")
              .values_list("outcome_date", flat=True).first())
    if latest is None:
        return today
    # Sample as at six months after the latest outcome (so recent court cases are eligible), never in the future.
    return min(today, months_before(latest, -6))


def _self_audit(service, auditor, moderator) -> CaseAudit:
    existing = CaseAudit.objects.filter(service=service, title=AUDIT_TITLE).first()
    if existing:
        return existing
    case_audit = services.case_audit_create(
        service=service, user=auditor, title=AUDIT_TITLE, framework="hmip-2021",
        reference_date=_reference_date(service), seed=2025,
    )
    framework = inspection_framework(case_audit.framework)
    inspected = DEMO_CITY_INSPECTION["percents"]
    rng = random.Random(2025)
    cases = list(case_audit.cases.all())
    for case in cases:
        for standard in framework.case_standards(case.case_type):
            answers = {}
            for kq in standard.key_questions:
                # A service some years on from its inspection: about five points better on each key question.
                p_yes = min(0.95, (inspected.get(kq.code, 70) + 5) / 100)
                roll = rng.random()
                answer = "not_applicable" if roll > 0.97 and kq.lens == "others_safety" else (
                    "yes" if rng.random() < p_yes else "no")
                answers[kq.code] = {
                    "answer": answer,
                    "comment": NO_COMMENTS.get(kq.lens, "") if answer == "no" else "Sufficient.",
                    "evidence": "AssetPlus and case notes",
                    "prompts": {p.code: answer for p in kq.prompts[:2]},
                }
            services.audit_answers_record(audit_case=case, user=auditor, standard=standard.code, answers=answers)
    if auditor is not None and moderator is not None and auditor != moderator:
        for case in cases[: max(1, len(cases) // 3)]:
            decisions = {a.key_question: {"answer": a.answer, "note": ""} for a in case.answers.all()}
            last = max(decisions, key=lambda code: [int(p) for p in code.split(".")], default=None)
            if last and decisions[last]["answer"] == "yes":
                decisions[last] = {"answer": "no", "note": "Risk to others reviewed without police information."}
            services.audit_case_moderate(audit_case=case, user=moderator, decisions=decisions)
    for code, (rating, evidence) in JUDGEMENTS.items():
        try:
            framework.standard(code)
        except KeyError:
            continue
        services.standard_judgement_record(case_audit=case_audit, user=auditor, standard=code, rating=rating,
                                           evidence=evidence)
    return case_audit


def _national_standards(service, auditor, moderator) -> list[StandardsSelfAssessment]:
    framework = national_standards()
    scale = framework.grading_scale("five-point")
    today = timezone.localdate()
    year = today.year if today.month >= 4 else today.year - 1  # the financial year that ended last
    out = []
    for offset, grade_index in ((2, 2), (1, 3)):
        start = date(year - offset, 4, 1)
        end = date(year - offset + 1, 3, 31)
        title = f"National Standards self-assessment {start.year}/{str(end.year)[2:]} (demo)"
        sa = StandardsSelfAssessment.objects.filter(service=service, title=title).first()
        if sa is None:
            sa = standards_services.standards_self_assessment_create(
                service=service, user=auditor, title=title, period_start=start, period_end=end,
                scale_name=scale.name, grades=list(scale.grades), seed=start.year,
            )
            for row in NS_GRADES:
                code, level, grade = row[0], row[1], row[grade_index]
                standards_services.standards_grading_record(
                    self_assessment=sa, user=auditor, standard=code, level=level, grade=grade,
                    evidence=f"{'Board and manager self-assessment' if level == 'strategic' else 'Case audit'} "
                             f"for standard {code}: see the audit notes.",
                    assessors="Board member (police) with the operational manager" if level == "strategic" else "",
                )
            if offset == 1:
                rng = random.Random(start.year)
                for s in framework.standards:
                    sample = standards_services.standards_sample_draw(self_assessment=sa, user=auditor, standard=s.code)
                    for case in list(sample.cases.all())[:5]:
                        standards_services.standards_case_record(case=case, user=auditor,
                                                       met="yes" if rng.random() < 0.75 else "no")
                if auditor is not None and moderator is not None and auditor != moderator:
                    for g in sa.gradings.filter(level="strategic"):
                        standards_services.standards_grading_moderate(grading=g, user=moderator, grade=g.grade)
        out.append(sa)
    return out


def _actions(service, user, inspection, case_audit, sa) -> list[ImprovementAction]:
    wanted = []
    results = selectors.audit_results(case_audit)
    if results.weakest:
        weakest = results.weakest[0].key_question
        wanted.append((ActionLink.audit_finding(case_audit, weakest.code,
                                                text=f"Case audit “{case_audit.title}”, key question {weakest.code}"),
                       f"Practice workshop and audit follow-up on {weakest.code}: {weakest.text}",
                       "Operational manager"))
    for number, what, owner in [
        (1, "Introduce management sign-off of every out-of-court assessment and plan", "Head of service"),
        (5, "Report partner attendance to each board meeting; chair follows up absences", "Board chair"),
    ]:
        rec = inspection.recommendations.get(number=number)
        wanted.append((ActionLink.for_recommendation(
            rec, text=f"{inspection.title}, recommendation {number}: {rec.text}"[:300]), what, owner))
    wanted.append((ActionLink.standards_grading(
        sa, "5", "operational", text=f"National Standards self-assessment “{sa.title}”, standard 5, operational level"),
        "Agree a transitions protocol with adult probation", "Practice manager"))
    out = []
    for link, what, owner in wanted:
        action = action_answering(service, link)
        if action is None:
            action = improvement_action_create(
                service=service, user=user, what=what, owner=owner, due_on=months_before(timezone.localdate(), -3),
                status=ImprovementAction.Status.ONGOING, answers=[link],
            )
        out.append(action)
    return out
