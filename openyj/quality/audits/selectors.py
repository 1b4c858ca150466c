"""Reading case audits: every lookup goes through the visibility gate (``restrict``), and the figures
and ratings of an audit are computed here from its answers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from django.conf import settings
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from openyj.casework.models import Assessment
from openyj.core.roles import Action
from openyj.offending.codes import COURT_TIERS, OUT_OF_COURT_TIERS
from openyj.offending.models import Outcome
from openyj.quality import rating as engine
from openyj.quality.frameworks import InspectionFramework, KeyQuestion, Standard, inspection_framework
from openyj.quality.models import Answer, AuditAnswer, AuditCase, CaseAudit, CaseType, RatingAdjustment
from openyj.quality.sampling import NOT_KNOWN, Candidate, window


def audits_visible(user, service) -> QuerySet[CaseAudit]:
    return CaseAudit.objects.restrict(user, Action.READ_QUALITY, service=service)


def audit_get(user, service, pk) -> CaseAudit:
    return get_object_or_404(audits_visible(user, service), pk=pk)


def audit_case_get(user, service, audit: CaseAudit, pk) -> AuditCase:
    return get_object_or_404(
        AuditCase.objects.restrict(user, Action.READ_QUALITY, service=service)
        .select_related("child", "outcome", "auditor", "moderator"),
        audit=audit, pk=pk,
    )


def adjustment_get(user, service, pk) -> RatingAdjustment:
    return get_object_or_404(RatingAdjustment.objects.restrict(user, Action.READ_QUALITY, service=service), pk=pk)


def eligible_cases(*, service, framework: InspectionFramework, reference_date: date) -> dict[str, dict]:
    """The cases an inspection as at ``reference_date`` would sample from, per case type.

    A case is an outcome of the case type's tiers (court or out of court) in the framework's window
    that the service worked with: one the outcome ladder marks as supervised (an order, a caution), or
    any other for which an intervention is recorded. One case per child per case type: the child's
    most recent eligible outcome in the window.
    """
    out: dict[str, dict] = {}
    for case_type in (CaseType.COURT, CaseType.OUT_OF_COURT):
        if not framework.case_standards(case_type):
            continue
        rule = framework.sampling.get(case_type, {})
        start, end = window(reference_date, int(rule.get("months_before_from", 0)),
                            int(rule.get("months_before_to", 0)))
        tiers = COURT_TIERS if case_type == CaseType.COURT else OUT_OF_COURT_TIERS
        outcomes = (
            Outcome.objects.filter(service=service, outcome_type__tier__in=tiers, outcome_date__range=(start, end))
            .filter(Q(outcome_type__supervised=True) | Q(interventions__isnull=False))
            .select_related("child", "outcome_type")
            .distinct()
            .order_by("child_id", "-outcome_date", "-pk")
        )
        latest: dict[int, Outcome] = {}
        for o in outcomes:
            latest.setdefault(o.child_id, o)
        levels = _risk_levels(service, list(latest), reference_date)
        candidates = [
            Candidate(
                key=o.pk, child_id=o.child_id, case_type=case_type, outcome_date=o.outcome_date,
                disposal_type=o.outcome_type_id, disposal_label=o.outcome_type.name, sex=o.child.sex or NOT_KNOWN,
                serious_harm=levels.get(o.child_id, (NOT_KNOWN, NOT_KNOWN))[0],
                safety_wellbeing=levels.get(o.child_id, (NOT_KNOWN, NOT_KNOWN))[1],
            )
            for o in latest.values()
        ]
        out[case_type] = {"window": (start, end), "label": rule.get("label", ""), "candidates": candidates}
    return out


def _risk_levels(service, child_ids: list[int], reference_date: date) -> dict[int, tuple[str, str]]:
    """Each child's risk of serious harm and safety and wellbeing from their latest assessment on or
    before the reference date."""
    found: dict[int, tuple[tuple[date, int], tuple[str, str]]] = {}
    for a in Assessment.objects.filter(service=service, child_id__in=child_ids).order_by("pk"):
        when = a.completed_on or a.started_on
        if when is None or when > reference_date:
            continue
        current = found.get(a.child_id)
        if current is None or (when, a.pk) > current[0]:
            found[a.child_id] = ((when, a.pk), (a.serious_harm or NOT_KNOWN, a.safety_wellbeing or NOT_KNOWN))
    return {child: value for child, (_key, value) in found.items()}


def answered_questions(audit: CaseAudit) -> dict[int, set[str]]:
    """The key questions answered so far, by case id."""
    answers: dict[int, set[str]] = defaultdict(set)
    for case_id, kq in AuditAnswer.objects.filter(audit_case__audit=audit).values_list("audit_case_id", "key_question"):
        answers[case_id].add(kq)
    return answers


def case_standards_for(audit: CaseAudit, case: AuditCase) -> list[tuple[Standard, bool]]:
    """The standards audited for a case, each with whether all its key questions are answered."""
    framework = inspection_framework(audit.framework)
    answered = set(case.answers.values_list("key_question", flat=True))
    return [(s, all(k.code in answered for k in s.key_questions)) for s in framework.case_standards(case.case_type)]


@dataclass
class QuestionFigures:
    key_question: KeyQuestion
    standard: Standard
    yes: int = 0
    no: int = 0
    not_applicable: int = 0
    cases: int = 0  # cases of the right type in the sample

    @property
    def answered(self) -> int:
        return self.yes + self.no + self.not_applicable

    @property
    def unanswered(self) -> int:
        return self.cases - self.answered

    @property
    def percent(self) -> Fraction | None:
        return engine.percent_yes(self.yes, self.no)

    @property
    def base(self) -> int:
        """The cases the percentage rests on: those answered yes or no (not applicable is left out)."""
        return self.yes + self.no

    @property
    def enough(self) -> bool:
        return self.base >= min_cases()

    @property
    def percent_text(self) -> str:
        return engine.format_percent(self.percent) if self.percent is not None else ""


def min_cases() -> int:
    """The fewest cases a key question's percentage must rest on before it rates a standard."""
    return max(1, int(getattr(settings, "OPENYJ_QUALITY_MIN_CASES", 5)))


@dataclass
class StandardFigures:
    standard: Standard
    questions: list[QuestionFigures] = field(default_factory=list)
    result: engine.StandardResult | None = None
    judgement: object | None = None
    adjustment: object | None = None
    too_few: list[QuestionFigures] = field(default_factory=list)  # key questions below the minimum


@dataclass
class AuditResults:
    framework: InspectionFramework
    standards: list[StandardFigures]
    result: engine.FrameworkResult
    weakest: list[QuestionFigures]
    overall_adjustment: object | None
    cases: int
    moderated: int
    min_cases: int = 1

    def question(self, code: str) -> QuestionFigures | None:
        return next((q for sf in self.standards for q in sf.questions if q.key_question.code == code), None)


def _kq_counts(audit: CaseAudit, framework: InspectionFramework) -> dict[str, QuestionFigures]:
    figures = {}
    case_counts: dict[str, int] = defaultdict(int)
    for case_type in audit.cases.values_list("case_type", flat=True):
        case_counts[case_type] += 1
    for s in framework.case_standards():
        for kq in s.key_questions:
            figures[kq.code] = QuestionFigures(kq, s, cases=case_counts[s.case_type or ""])
    for a in AuditAnswer.objects.filter(audit_case__audit=audit).only("key_question", "answer", "moderated_answer"):
        f = figures.get(a.key_question)
        if f is None:
            continue
        final = a.final_answer
        if final == Answer.YES:
            f.yes += 1
        elif final == Answer.NO:
            f.no += 1
        else:
            f.not_applicable += 1
    return figures


def audit_results(audit: CaseAudit) -> AuditResults:
    """Percentages per key question (moderated answers count), the rating of each standard, and — when
    every standard is rated — the total and the overall rating, with adjustments beside them."""
    framework = inspection_framework(audit.framework)
    rule = framework.rule
    figures = _kq_counts(audit, framework)
    judgements = {j.standard: j for j in audit.judgements.all()}
    adjustments = {a.standard: a for a in audit.adjustments.all()}

    inputs = {}
    standards = []
    for s in framework.standards:
        adj = adjustments.get(s.code)
        adjustment = engine.Adjustment(adj.rating, adj.reason) if adj else None
        sf = StandardFigures(s, adjustment=adj)
        if s.rated_from_cases:
            sf.questions = [figures[k.code] for k in s.key_questions]
            sf.too_few = [q for q in sf.questions if q.percent is not None and not q.enough]
            if all(q.percent is not None for q in sf.questions) and not sf.too_few:
                percents = {q.key_question.code: q.percent for q in sf.questions}
                sf.result = engine.rate_key_questions(s, percents, rule, adjustment)
                inputs[s.code] = engine.StandardInput(key_questions=percents, adjustment=adjustment)
        else:
            j = judgements.get(s.code)
            sf.judgement = j
            if j:
                inputs[s.code] = engine.StandardInput(rating=j.rating, adjustment=adjustment)
        standards.append(sf)
    overall_adj = adjustments.get("")
    result = engine.rate_framework(
        framework, inputs, partial=True,
        overall_adjustment=engine.Adjustment(overall_adj.rating, overall_adj.reason) if overall_adj else None,
    )
    for sf in standards:
        if sf.result is None and not sf.standard.rated_from_cases:
            try:
                sf.result = result.standard(sf.standard.code)
            except KeyError:
                pass
    weakest = sorted(
        (q for q in figures.values() if q.percent is not None),
        key=lambda q: (q.percent, [int(p) for p in q.key_question.code.split(".")]),
    )
    cases = audit.cases.count()
    moderated = audit.cases.filter(moderated_at__isnull=False).count()
    return AuditResults(framework, standards, result, weakest, overall_adj, cases, moderated, min_cases())


def answers_saying_no(audit: CaseAudit, key_question: str) -> QuerySet[AuditAnswer]:
    """The answers (with their cases) whose counted answer to ``key_question`` is "no": the drill-down."""
    return (
        AuditAnswer.objects.filter(audit_case__audit=audit, key_question=key_question)
        .filter(Q(moderated_answer=Answer.NO) | Q(moderated_answer="", answer=Answer.NO))
        .select_related("audit_case__child", "answered_by", "moderated_by")
        .order_by("audit_case__case_type", "audit_case__position")
    )
