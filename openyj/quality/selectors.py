"""Reading quality records: every lookup goes through the visibility gate (``restrict``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404

from openyj.casework import codes as casework_codes
from openyj.core.roles import Action
from openyj.governance.models import ImprovementAction
from openyj.offending import codes as offending_codes
from openyj.people import codes as people_codes
from openyj.quality import rating as engine
from openyj.quality.frameworks import (
    InspectionFramework,
    KeyQuestion,
    Standard,
    inspection_framework,
    national_standards,
)
from openyj.quality.models import (
    Answer,
    AuditAnswer,
    AuditCase,
    CaseAudit,
    CaseType,
    GradingScale,
    Inspection,
    StandardsSelfAssessment,
)
from openyj.quality.sampling import NOT_KNOWN, Candidate, window

COURT_TIERS = ("first_tier", "community", "custody")
OUT_OF_COURT_TIERS = ("informal", "formal_ooc")
# Outcomes the service always works with, whether or not an intervention record is linked. Other
# outcomes (a fine, a discharge, a community resolution) count as cases only when the service
# recorded an intervention for them: the inspectorate reads the cases the service worked.
ALWAYS_SUPERVISED = frozenset({
    "referral_order", "reparation_order", "youth_rehabilitation_order", "yro_iss", "yro_fostering",
    "detention_training_order", "section_250", "section_254", "section_259", "extended_sentence",
    "youth_caution", "youth_conditional_caution",
})

LABELS = {
    "sex": dict(people_codes.SEX),
    "serious_harm": dict(casework_codes.RISK_LEVEL),
    "safety_wellbeing": dict(casework_codes.RISK_LEVEL),
    "disposal_type": dict(offending_codes.OUTCOME_TYPE_CHOICES),
}
CHARACTERISTICS = [
    ("disposal_type", "Disposal type"),
    ("sex", "Sex"),
    ("serious_harm", "Risk of serious harm"),
    ("safety_wellbeing", "Safety and wellbeing"),
]


def label(attribute: str, value: str) -> str:
    if value == NOT_KNOWN:
        return "Not known"
    return LABELS.get(attribute, {}).get(value, value)


# --- case audits ---------------------------------------------------------------------------------

def audits_visible(user, service):
    return CaseAudit.objects.restrict(user, Action.AUDIT, service=service)


def audit_get(user, service, pk) -> CaseAudit:
    return get_object_or_404(audits_visible(user, service), pk=pk)


def audit_case_get(user, service, audit: CaseAudit, pk) -> AuditCase:
    return get_object_or_404(
        AuditCase.objects.restrict(user, Action.AUDIT, service=service)
        .select_related("child", "outcome", "auditor", "moderator"),
        audit=audit, pk=pk,
    )


def eligible_cases(*, service, framework: InspectionFramework, reference_date: date) -> dict[str, dict]:
    """The cases an inspection as at ``reference_date`` would sample from, per case type.

    One case per child per case type: the child's most recent eligible outcome in the window.
    """
    from openyj.casework.models import Assessment
    from openyj.offending.models import Outcome

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
            .filter(Q(outcome_type_id__in=ALWAYS_SUPERVISED) | Q(interventions__isnull=False))
            .select_related("child", "outcome_type")
            .distinct()
            .order_by("child_id", "-outcome_date", "-pk")
        )
        latest = {}
        for o in outcomes:
            latest.setdefault(o.child_id, o)
        levels = _risk_levels(Assessment, service, list(latest), reference_date)
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


def _risk_levels(Assessment, service, child_ids, reference_date) -> dict[int, tuple[str, str]]:
    """Each child's risk of serious harm and safety and wellbeing from their latest assessment on or
    before the reference date."""
    found: dict[int, tuple] = {}
    for a in Assessment.objects.filter(service=service, child_id__in=child_ids).order_by("pk"):
        when = a.completed_on or a.started_on
        if when is None or when > reference_date:
            continue
        current = found.get(a.child_id)
        if current is None or (when, a.pk) > current[0]:
            found[a.child_id] = ((when, a.pk), (a.serious_harm or NOT_KNOWN, a.safety_wellbeing or NOT_KNOWN))
    return {child: value for child, (_key, value) in found.items()}


def audit_sampling_view(audit: CaseAudit) -> list[dict]:
    """The audit's sampling figures with labels, per case type, for the sample page."""
    rows = []
    for case_type, label_text in CaseType.choices:
        figures = audit.sampling.get(case_type)
        if not figures:
            continue
        tables = []
        for attribute, heading in CHARACTERISTICS:
            tables.append({
                "heading": heading,
                "rows": [dict(r, label=label(attribute, r["value"])) for r in figures["shares"].get(attribute, [])],
            })
        start, end = (date.fromisoformat(d) for d in figures["window"])
        rows.append(dict(figures, case_type=case_type, case_type_label=label_text, tables=tables,
                         window_start=start, window_end=end))
    return rows


@dataclass
class CaseProgress:
    case: AuditCase
    answered: int
    expected: int
    standards_done: list[str]

    @property
    def complete(self) -> bool:
        return self.answered >= self.expected

    @property
    def status(self) -> str:
        if self.case.moderated_at:
            return "Moderated"
        if self.complete:
            return "Ready for moderation"
        if self.answered:
            return "In progress"
        return "Not started"


def audit_progress(audit: CaseAudit) -> list[CaseProgress]:
    framework = inspection_framework(audit.framework)
    answers = defaultdict(set)
    for case_id, kq in AuditAnswer.objects.filter(audit_case__audit=audit).values_list("audit_case_id", "key_question"):
        answers[case_id].add(kq)
    out = []
    for case in audit.cases.select_related("child", "auditor", "moderator"):
        standards = framework.case_standards(case.case_type)
        expected = sum(len(s.key_questions) for s in standards)
        done = [s.code for s in standards if all(k.code in answers[case.pk] for k in s.key_questions)]
        out.append(CaseProgress(case, len(answers[case.pk]), expected, done))
    return out


def case_standards_for(audit: CaseAudit, case: AuditCase) -> list[tuple[Standard, bool]]:
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
    actions: list = field(default_factory=list)

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
    def percent_text(self) -> str:
        return engine.format_percent(self.percent) if self.percent is not None else ""


@dataclass
class StandardFigures:
    standard: Standard
    questions: list[QuestionFigures] = field(default_factory=list)
    result: engine.StandardResult | None = None
    judgement: object | None = None
    adjustment: object | None = None
    actions: list = field(default_factory=list)


@dataclass
class AuditResults:
    framework: InspectionFramework
    standards: list[StandardFigures]
    result: engine.FrameworkResult
    weakest: list[QuestionFigures]
    overall_adjustment: object | None
    cases: int
    moderated: int


def _kq_counts(audit: CaseAudit, framework: InspectionFramework) -> dict[str, QuestionFigures]:
    figures = {}
    case_counts = defaultdict(int)
    for case_type in audit.cases.values_list("case_type", flat=True):
        case_counts[case_type] += 1
    for s in framework.case_standards():
        for kq in s.key_questions:
            figures[kq.code] = QuestionFigures(kq, s, cases=case_counts[s.case_type])
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
    actions = defaultdict(list)
    for action in ImprovementAction.objects.filter(service=audit.service, source_ref__startswith=f"audit:{audit.pk}/"):
        actions[action.source_ref.split("/", 1)[1]].append(action)

    inputs = {}
    standards = []
    for s in framework.standards:
        adj = adjustments.get(s.code)
        adjustment = engine.Adjustment(adj.rating, adj.reason) if adj else None
        sf = StandardFigures(s, adjustment=adj, actions=actions.get(s.code, []))
        if s.rated_from_cases:
            sf.questions = [figures[k.code] for k in s.key_questions]
            for q in sf.questions:
                q.actions = actions.get(q.key_question.code, [])
            if all(q.percent is not None for q in sf.questions):
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
    return AuditResults(framework, standards, result, weakest, overall_adj, cases, moderated)


def answers_saying_no(audit: CaseAudit, key_question: str):
    """The answers (with their cases) whose counted answer to ``key_question`` is "no": the drill-down."""
    return (
        AuditAnswer.objects.filter(audit_case__audit=audit, key_question=key_question)
        .filter(Q(moderated_answer=Answer.NO) | Q(moderated_answer="", answer=Answer.NO))
        .select_related("audit_case__child", "answered_by", "moderated_by")
        .order_by("audit_case__case_type", "audit_case__position")
    )


# --- inspections ---------------------------------------------------------------------------------

def inspections_visible(user, service):
    return Inspection.objects.restrict(user, Action.AUDIT, service=service)


def inspection_get(user, service, pk) -> Inspection:
    return get_object_or_404(inspections_visible(user, service), pk=pk)


@dataclass
class InspectionView:
    inspection: Inspection
    framework: InspectionFramework
    result: engine.FrameworkResult
    rows: list[dict]
    published: dict[str, str]
    percents: dict[str, Fraction]

    @property
    def computed_matches_published(self) -> bool:
        return all(r["matches"] for r in self.rows) and self.result.overall == self.inspection.published_overall


def inspection_view(inspection: Inspection) -> InspectionView:
    """The published ratings beside the ratings the rule computes from the published percentages."""
    framework = inspection_framework(inspection.framework)
    published = {s.standard: s.published_rating for s in inspection.standards.all()}
    percents = {k.key_question: Fraction(k.percent_yes) for k in inspection.key_questions.all()}
    adjustments = {a.standard: a for a in inspection.adjustments.all()}
    actions = defaultdict(list)
    for action in ImprovementAction.objects.filter(service=inspection.service,
                                                   source_ref__startswith=f"inspection:{inspection.pk}/"):
        actions[action.source_ref.split("/", 1)[1]].append(action)
    inputs = {}
    for s in framework.standards:
        adj = adjustments.get(s.code)
        adjustment = engine.Adjustment(adj.rating, adj.reason) if adj else None
        if s.rated_from_cases and all(k.code in percents for k in s.key_questions):
            inputs[s.code] = engine.StandardInput(
                key_questions={k.code: percents[k.code] for k in s.key_questions}, adjustment=adjustment)
        elif s.code in published:
            inputs[s.code] = engine.StandardInput(rating=published[s.code], adjustment=adjustment)
    overall_adj = adjustments.get("")
    result = engine.rate_framework(
        framework, inputs, partial=True,
        overall_adjustment=engine.Adjustment(overall_adj.rating, overall_adj.reason) if overall_adj else None,
    )
    rows = []
    for s in framework.standards:
        try:
            r = result.standard(s.code)
        except KeyError:
            r = None
        pub = published.get(s.code, "")
        rows.append({
            "standard": s, "result": r, "published": pub,
            "matches": r is None or not pub or r.final_rating == pub,
            "adjustment": adjustments.get(s.code), "actions": actions.get(s.code, []),
            "questions": [
                {"kq": k, "percent": percents.get(k.code),
                 "percent_text": engine.format_percent(percents[k.code]) if k.code in percents else "",
                 "band": engine.band(percents[k.code], framework.rule) if k.code in percents else "",
                 "actions": actions.get(k.code, [])}
                for k in s.key_questions
            ] if s.rated_from_cases else [],
        })
    return InspectionView(inspection, framework, result, rows, published, percents)


def inspection_recommendation_actions(inspection: Inspection) -> dict[int, list]:
    found = defaultdict(list)
    prefix = f"inspection:{inspection.pk}/recommendation:"
    for action in ImprovementAction.objects.filter(service=inspection.service, source_ref__startswith=prefix):
        try:
            found[int(action.source_ref[len(prefix):])].append(action)
        except ValueError:
            continue
    return found


def comparison(inspection: Inspection, audit: CaseAudit) -> list[dict]:
    """Key question by key question: the inspection's % yes beside the self-audit's, and the ratings.

    Only standards both frameworks share (same code) are compared; a difference of framework is said
    on the page.
    """
    iv = inspection_view(inspection)
    ar = audit_results(audit)
    audit_standards = {sf.standard.code: sf for sf in ar.standards}
    rows = []
    for row in iv.rows:
        s = row["standard"]
        other = audit_standards.get(s.code)
        questions = []
        for q in row["questions"]:
            aq = next((x for x in (other.questions if other else []) if x.key_question.code == q["kq"].code), None)
            diff = None
            if q["percent"] is not None and aq is not None and aq.percent is not None:
                diff = engine.format_percent(aq.percent - q["percent"])
            questions.append({"kq": q["kq"], "inspection": q["percent_text"], "inspection_band": q["band"],
                              "audit": aq.percent_text if aq else "", "audit_band": (
                                  engine.band(aq.percent, iv.framework.rule) if aq and aq.percent is not None else ""),
                              "difference": diff})
        rows.append({
            "standard": s,
            "inspection": row["result"].final_rating if row["result"] else row["published"],
            "audit": other.result.final_rating if other and other.result else "",
            "questions": questions,
        })
    return rows


# --- National Standards --------------------------------------------------------------------------

def self_assessments_visible(user, service):
    return StandardsSelfAssessment.objects.restrict(user, Action.AUDIT, service=service)


def self_assessment_get(user, service, pk) -> StandardsSelfAssessment:
    return get_object_or_404(self_assessments_visible(user, service), pk=pk)


def grading_scales_visible(user, service):
    return GradingScale.objects.restrict(user, Action.AUDIT, service=service)


@dataclass(frozen=True)
class RelevantCase:
    child_id: int
    record_type: str
    record_id: int
    record_label: str
    record_date: date


def relevant_cases(*, service, standard_code: str, period_start: date, period_end: date,
                   framework_code: str = "ns-2019") -> list[RelevantCase]:
    """The cases relevant to one National Standard in the period, as its ``relevant_cases`` rule says."""
    from openyj.casework.models import Intervention
    from openyj.offending.models import CustodyEpisode, Outcome

    standard = national_standards(framework_code).standard(standard_code)
    rule = standard.relevant_cases
    source = rule.get("source")
    found: list[RelevantCase] = []
    if source == "outcomes":
        for o in Outcome.objects.filter(service=service, outcome_type__tier__in=rule.get("tiers", []),
                                        outcome_date__range=(period_start, period_end)).select_related("outcome_type"):
            found.append(RelevantCase(o.child_id, "outcome", o.pk, o.outcome_type.name, o.outcome_date))
    elif source == "interventions":
        interventions = Intervention.objects.filter(
            service=service, kind__in=rule.get("kinds", []), start_date__lte=period_end
        ).filter(Q(end_date__isnull=True) | Q(end_date__gte=period_start))
        for i in interventions:
            found.append(RelevantCase(i.child_id, "intervention", i.pk, i.get_kind_display(), i.start_date))
    elif source == "custody":
        for c in CustodyEpisode.objects.filter(service=service, start_date__lte=period_end).filter(
            Q(release_date__isnull=True) | Q(release_date__gte=period_start)
        ):
            found.append(RelevantCase(c.child_id, "custody", c.pk, "Custody", c.start_date))
    elif source == "transitions":
        for c in CustodyEpisode.objects.filter(service=service, release_date__range=(period_start, period_end)):
            found.append(RelevantCase(c.child_id, "custody", c.pk, "Release from custody", c.release_date))
        for i in Intervention.objects.filter(
            service=service, end_reason__in=["transferred_out", "transferred_to_probation"],
            end_date__range=(period_start, period_end),
        ):
            found.append(RelevantCase(i.child_id, "intervention", i.pk, i.get_end_reason_display(), i.end_date))
    else:
        raise ValueError(f"standard {standard_code}: unknown relevant-case source {source!r}")
    return sorted(found, key=lambda c: (c.record_type, c.record_id))


def standards_overview(sa: StandardsSelfAssessment) -> list[dict]:
    """One row per standard: grading per level, the operational sample and its % met, actions raised."""
    framework = national_standards(sa.framework)
    gradings = {(g.standard, g.level): g for g in sa.gradings.all()}
    samples = {s.standard: s for s in sa.samples.prefetch_related("cases")}
    actions = defaultdict(list)
    for action in ImprovementAction.objects.filter(service=sa.service, source_ref__startswith=f"standards:{sa.pk}/"):
        actions[action.source_ref.split("/", 1)[1]].append(action)
    rows = []
    for s in framework.standards:
        sample = samples.get(s.code)
        met = not_met = audited = 0
        if sample:
            for c in sample.cases.all():
                if c.met:
                    audited += 1
                    met += c.met == Answer.YES
                    not_met += c.met == Answer.NO
        rows.append({
            "standard": s,
            "levels": [{"level": lv, "grading": gradings.get((s.code, lv.code)),
                        "actions": actions.get(f"{s.code}/{lv.code}", [])} for lv in framework.levels],
            "sample": sample, "audited": audited, "met": met, "not_met": not_met,
            "percent_met": engine.format_percent(engine.percent_yes(met, not_met)) if met + not_met else "",
        })
    return rows


def standards_history(user, service) -> dict:
    """Every year's final grades, standard by standard and level by level, oldest year first."""
    assessments = list(
        self_assessments_visible(user, service).order_by("period_end", "pk").prefetch_related("gradings")
    )
    framework = national_standards()
    rows = []
    for s in framework.standards:
        for lv in framework.levels:
            cells = []
            for sa in assessments:
                g = next((g for g in sa.gradings.all() if g.standard == s.code and g.level == lv.code), None)
                cells.append(g.final_grade if g else "")
            rows.append({"standard": s, "level": lv, "cells": cells})
    return {"assessments": assessments, "rows": rows}


# --- improvement actions -------------------------------------------------------------------------

def quality_actions(user, service):
    """Improvement actions raised from quality work (audits, inspections, National Standards)."""
    return (
        ImprovementAction.objects.restrict(user, Action.AUDIT, service=service)
        .filter(Q(source_ref__startswith="audit:") | Q(source_ref__startswith="inspection:")
                | Q(source_ref__startswith="standards:"))
    )


def action_get(user, service, pk) -> ImprovementAction:
    return get_object_or_404(quality_actions(user, service), pk=pk)


@dataclass(frozen=True)
class Source:
    ref: str
    text: str  # what the action answers, in words
    suggestion: str  # a starting point for "what"
    url_name: str
    url_args: tuple


def resolve_source(user, service, ref: str) -> Source:
    """What an action's ``source_ref`` points at, looked up through the gate (404 if not visible).

    Forms: ``audit:<id>/<standard or key question>``, ``inspection:<id>/<standard or key question>``,
    ``inspection:<id>/recommendation:<n>``, ``standards:<id>/<standard>/<level>``.
    """
    try:
        kind, rest = ref.split(":", 1)
        pk_text, target = rest.split("/", 1)
        pk = int(pk_text)
    except ValueError:
        raise Http404("Unknown source") from None
    found = None
    if kind == "audit":
        found = _audit_source(audit_get(user, service, pk), ref, target)
    elif kind == "inspection":
        found = _inspection_source(inspection_get(user, service, pk), ref, target)
    elif kind == "standards":
        found = _standards_source(self_assessment_get(user, service, pk), ref, target)
    if found is None:
        raise Http404("Unknown source")
    return found


def _audit_source(audit: CaseAudit, ref: str, target: str) -> Source | None:
    for sf in audit_results(audit).standards:
        if sf.standard.code == target:
            rating = sf.result.final_rating if sf.result else "not rated yet"
            return Source(ref, f"Case audit “{audit.title}”, standard {sf.standard.label} ({rating})",
                          f"Improve {sf.standard.name.lower()} ({sf.standard.code}): ", "quality_audit_results",
                          (audit.pk,))
        for q in sf.questions:
            if q.key_question.code == target:
                pct = f"{q.percent_text}% yes" if q.percent is not None else "no answers yet"
                return Source(ref, f"Case audit “{audit.title}”, key question {target} “{q.key_question.text}” ({pct})",
                              f"Improve {target}: {q.key_question.text} ", "quality_audit_question", (audit.pk, target))
    return None


def _inspection_source(inspection: Inspection, ref: str, target: str) -> Source | None:
    framework = inspection_framework(inspection.framework)
    back = ("quality_inspection_detail", (inspection.pk,))
    if target.startswith("recommendation:"):
        number = target.split(":", 1)[1]
        rec = inspection.recommendations.filter(number=int(number)).first() if number.isdigit() else None
        if rec is None:
            return None
        return Source(ref, f"{inspection.title}, recommendation {rec.number}: {rec.text}",
                      rec.text[:1].upper() + rec.text[1:], *back)
    try:
        s = framework.standard(target)
    except KeyError:
        pass
    else:
        published = inspection.standards.filter(standard=target).values_list("published_rating", flat=True).first()
        return Source(ref, f"{inspection.title}, standard {s.label} ({published or 'no rating'})",
                      f"Improve {s.name.lower()} ({s.code}): ", *back)
    try:
        kq = framework.key_question(target)
    except KeyError:
        return None
    return Source(ref, f"{inspection.title}, key question {kq.code} “{kq.text}”", f"Improve {kq.code}: {kq.text} ",
                  *back)


def _standards_source(sa: StandardsSelfAssessment, ref: str, target: str) -> Source | None:
    framework = national_standards(sa.framework)
    try:
        code, level = target.split("/", 1)
        s = framework.standard(code)
        lv = framework.level(level)
    except (ValueError, KeyError):
        return None
    return Source(ref, f"National Standards self-assessment “{sa.title}”, standard {s.label}, {lv.name.lower()} level",
                  f"National Standard {s.code} ({s.name}), {lv.name.lower()}: ", "quality_standards_detail", (sa.pk,))
