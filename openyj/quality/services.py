"""Writing quality records: case audits, inspections, National Standards, improvement actions.

Every function is keyword-only, runs in one transaction, checks what it is given against the framework
(a problem is a ``ValidationError`` keyed by the form field it belongs to) and writes the audit trail.
"""

from __future__ import annotations

import random
import secrets
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openyj.core.audit import audit
from openyj.core.models import AuditEvent
from openyj.governance.models import ImprovementAction
from openyj.quality import rating as engine
from openyj.quality import sampling
from openyj.quality.frameworks import inspection_framework, national_standards
from openyj.quality.models import (
    Answer,
    AuditAnswer,
    AuditCase,
    CaseAudit,
    GradingScale,
    Inspection,
    InspectionKeyQuestion,
    InspectionRecommendation,
    InspectionStandard,
    RatingAdjustment,
    StandardJudgement,
    StandardsCase,
    StandardsGrading,
    StandardsSample,
    StandardsSelfAssessment,
)
from openyj.quality.selectors import eligible_cases, relevant_cases

ANSWERS = {a.value for a in Answer}


def field_key(prefix: str, code: str) -> str:
    """The form field a key question's or standard's error belongs to (``answer_2_1_3``)."""
    return f"{prefix}_{code.replace('.', '_')}"


def _new_seed() -> int:
    return secrets.randbelow(1_000_000_000)


def _framework(code: str, field: str = "framework"):
    try:
        return inspection_framework(code)
    except LookupError as exc:
        raise ValidationError({field: str(exc)}) from None


# --- case audits ---------------------------------------------------------------------------------

@transaction.atomic
def case_audit_create(*, service, user, title: str, framework: str, reference_date: date, confidence: int = 80,
                      margin: int = 5, seed: int | None = None) -> CaseAudit:
    """Start a case audit and draw its sample (see :mod:`openyj.quality.sampling`)."""
    fw = _framework(framework)
    errors = {}
    if not title.strip():
        errors["title"] = "Enter a title for the audit"
    if not 50 <= confidence <= 99:
        errors["confidence"] = "Confidence level must be between 50 and 99 per cent"
    if not 1 <= margin <= 20:
        errors["margin"] = "Margin of error must be between 1 and 20 percentage points"
    if errors:
        raise ValidationError(errors)
    case_audit = CaseAudit.objects.create(
        service=service, title=title.strip(), framework=fw.code, reference_date=reference_date,
        confidence=confidence, margin=margin, seed=_new_seed() if seed is None else seed, created_by=user,
    )
    _draw_sample(case_audit)
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=case_audit,
          summary=f"Started case audit “{case_audit.title}” ({case_audit.cases.count()} cases drawn)",
          changes={"seed": case_audit.seed, "framework": fw.code, "reference_date": str(reference_date)})
    return case_audit


@transaction.atomic
def case_audit_redraw(*, case_audit: CaseAudit, user, seed: int | None = None) -> CaseAudit:
    """Draw the sample again (with a new seed) while no case has been answered."""
    if AuditAnswer.objects.filter(audit_case__audit=case_audit).exists():
        raise ValidationError("The sample cannot be drawn again once answers have been recorded.")
    old = case_audit.seed
    case_audit.seed = _new_seed() if seed is None else seed
    case_audit.save(update_fields=["seed"])
    case_audit.cases.all().delete()
    _draw_sample(case_audit)
    audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=case_audit, summary="Drew the audit sample again",
          changes={"seed": [old, case_audit.seed]})
    return case_audit


def _draw_sample(case_audit: CaseAudit) -> None:
    fw = inspection_framework(case_audit.framework)
    found = eligible_cases(service=case_audit.service, framework=fw, reference_date=case_audit.reference_date)
    summary = {}
    for case_type, figures in found.items():
        candidates = figures["candidates"]
        size = sampling.sample_size(len(candidates), case_audit.confidence, case_audit.margin)
        # One generator per case type, seeded from the audit's seed: reproducible and independent.
        rng = random.Random(f"{case_audit.seed}:{case_type}")
        drawn = sampling.proportionate_sample(candidates, size, rng)
        AuditCase.objects.bulk_create([
            AuditCase(
                service=case_audit.service, audit=case_audit, case_type=case_type, position=i,
                child_id=c.child_id, outcome_id=c.key, outcome_date=c.outcome_date, disposal_type=c.disposal_type,
                disposal_label=c.disposal_label, sex=c.sex, serious_harm=c.serious_harm,
                safety_wellbeing=c.safety_wellbeing,
            )
            for i, c in enumerate(drawn, start=1)
        ])
        margin = sampling.achieved_margin(len(candidates), len(drawn), case_audit.confidence)
        summary[case_type] = {
            "window": [figures["window"][0].isoformat(), figures["window"][1].isoformat()],
            "label": figures["label"],
            "population": len(candidates),
            "sample_size": len(drawn),
            "achieved_margin": None if margin is None else round(margin, 1),
            "shares": {a: sampling.shares(candidates, drawn, a) for a in sampling.STRATIFY_BY},
        }
    case_audit.sampling = summary
    case_audit.save(update_fields=["sampling"])


@transaction.atomic
def audit_answers_record(*, audit_case: AuditCase, user, standard: str, answers: dict) -> list[AuditAnswer]:
    """Record one auditor's answers to a standard's key questions for one case.

    ``answers`` maps each key question code to ``{"answer", "comment", "evidence", "prompts"}``; every
    key question of the standard must be answered yes, no or not applicable.
    """
    fw = inspection_framework(audit_case.audit.framework)
    try:
        std = fw.standard(standard)
    except KeyError:
        raise ValidationError(f"Standard {standard} is not in {fw.name}.") from None
    if not std.rated_from_cases or std.case_type != audit_case.case_type:
        kind = audit_case.get_case_type_display().lower()
        raise ValidationError(f"Standard {standard} is not audited for {kind} cases.")
    if audit_case.moderated_at:
        raise ValidationError("This case has been moderated, so its answers can no longer be changed.")
    errors = {}
    for kq in std.key_questions:
        given = answers.get(kq.code) or {}
        if given.get("answer") not in ANSWERS:
            errors[field_key("answer", kq.code)] = f"Select yes, no or not applicable for {kq.code}"
        prompts = given.get("prompts") or {}
        valid_prompts = {p.code for p in kq.prompts}
        for code, value in prompts.items():
            if code not in valid_prompts or (value and value not in ANSWERS):
                errors[field_key("prompt", code)] = (f"Select yes, no or not applicable for prompt {code}, "
                                                     "or leave it blank")
    if errors:
        raise ValidationError(errors)
    saved = []
    changes = {}
    for kq in std.key_questions:
        given = answers[kq.code]
        record, created = AuditAnswer.objects.get_or_create(
            service=audit_case.service, audit_case=audit_case, key_question=kq.code,
            defaults={"answer": given["answer"], "answered_by": user},
        )
        before = None if created else record.answer
        record.answer = given["answer"]
        record.comment = (given.get("comment") or "").strip()
        record.evidence = (given.get("evidence") or "").strip()
        record.prompts = {k: v for k, v in (given.get("prompts") or {}).items() if v}
        record.answered_by = user
        record.save()
        saved.append(record)
        if before != record.answer:
            changes[kq.code] = [before, record.answer]
    if audit_case.auditor_id is None and user is not None:
        audit_case.auditor = user
        audit_case.save(update_fields=["auditor"])
    audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=audit_case, child_id=audit_case.child_id,
          summary=f"Answered standard {standard} for case {audit_case.position} of “{audit_case.audit.title}”",
          changes=changes)
    return saved


@transaction.atomic
def audit_case_moderate(*, audit_case: AuditCase, user, decisions: dict) -> AuditCase:
    """A second auditor's moderation of a case: each key question's answer confirmed or changed.

    ``decisions`` maps key question code to ``{"answer", "note"}``. The moderator must not have answered
    any question of the case; a changed answer needs a note saying why.
    """
    fw = inspection_framework(audit_case.audit.framework)
    expected = [kq for s in fw.case_standards(audit_case.case_type) for kq in s.key_questions]
    answers = {a.key_question: a for a in audit_case.answers.all()}
    missing = [kq.code for kq in expected if kq.code not in answers]
    if missing:
        raise ValidationError(f"Answer every key question before moderating (not yet answered: {', '.join(missing)}).")
    if user is None or any(a.answered_by_id == user.pk for a in answers.values()):
        raise ValidationError("A second auditor must moderate this case: you answered questions in it.")
    errors = {}
    for kq in expected:
        given = decisions.get(kq.code) or {}
        if given.get("answer") not in ANSWERS:
            errors[field_key("answer", kq.code)] = f"Select yes, no or not applicable for {kq.code}"
        elif given["answer"] != answers[kq.code].answer and not (given.get("note") or "").strip():
            errors[field_key("note", kq.code)] = f"Say why you changed the answer to {kq.code}"
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    changes = {}
    for kq in expected:
        a = answers[kq.code]
        given = decisions[kq.code]
        a.moderated_answer = given["answer"]
        a.moderation_note = (given.get("note") or "").strip()
        a.moderated_by = user
        a.moderated_at = now
        a.save()
        if a.changed_by_moderation:
            changes[kq.code] = [a.answer, a.moderated_answer]
    audit_case.moderator = user
    audit_case.moderated_at = now
    audit_case.save(update_fields=["moderator", "moderated_at"])
    audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=audit_case, child_id=audit_case.child_id,
          summary=f"Moderated case {audit_case.position} of “{audit_case.audit.title}” "
                  f"({len(changes)} answer(s) changed)", changes=changes)
    return audit_case


def _rating(value: str, rule, *, allow_not_rated: bool, field: str) -> str:
    try:
        return engine.normalise_rating(value, rule, allow_not_rated=allow_not_rated)
    except ValueError:
        allowed = ", ".join(rule.ratings) + (f" or {rule.not_rated}" if allow_not_rated else "")
        raise ValidationError({field: f"Select a rating: {allowed}"}) from None


@transaction.atomic
def standard_judgement_record(*, case_audit: CaseAudit, user, standard: str, rating: str,
                              evidence: str) -> StandardJudgement:
    """The self-audit's judgement on a standard rated from evidence rather than from cases."""
    fw = inspection_framework(case_audit.framework)
    try:
        std = fw.standard(standard)
    except KeyError:
        raise ValidationError(f"Standard {standard} is not in {fw.name}.") from None
    if std.rated_from_cases:
        raise ValidationError(f"Standard {standard} is rated from the case answers, not from a judgement.")
    rating = _rating(rating, fw.rule, allow_not_rated=std.may_be_not_rated, field="rating")
    if not evidence.strip():
        raise ValidationError({"evidence": "Enter the evidence for this rating"})
    record, created = StandardJudgement.objects.update_or_create(
        service=case_audit.service, audit=case_audit, standard=standard,
        defaults={"rating": rating, "evidence": evidence.strip(), "recorded_by": user},
    )
    audit(user=user, verb=AuditEvent.Verb.CREATE if created else AuditEvent.Verb.CHANGE, obj=record,
          summary=f"Recorded {standard} as {rating} in “{case_audit.title}”")
    return record


@transaction.atomic
def rating_adjustment_record(*, user, standard: str, rating: str, reason: str, case_audit: CaseAudit | None = None,
                             inspection: Inspection | None = None) -> RatingAdjustment:
    """An adjusted rating for a standard (or, with ``standard=""``, the overall rating) with its reason."""
    owner = case_audit or inspection
    if (case_audit is None) == (inspection is None):
        raise ValueError("an adjustment belongs to an audit or to an inspection")
    fw = inspection_framework(owner.framework)
    if standard:
        try:
            fw.standard(standard)
        except KeyError:
            raise ValidationError({"standard": f"Standard {standard} is not in {fw.name}"}) from None
    rating = _rating(rating, fw.rule, allow_not_rated=False, field="rating")
    if not reason.strip():
        raise ValidationError({"reason": "Enter the reason for the adjusted rating"})
    record, created = RatingAdjustment.objects.update_or_create(
        service=owner.service, audit=case_audit, inspection=inspection, standard=standard,
        defaults={"rating": rating, "reason": reason.strip(), "adjusted_by": user},
    )
    audit(user=user, verb=AuditEvent.Verb.CREATE if created else AuditEvent.Verb.CHANGE, obj=record,
          summary=f"Adjusted {standard or 'the overall rating'} to {rating} in “{owner.title}”",
          changes={"reason": record.reason})
    return record


@transaction.atomic
def rating_adjustment_remove(*, adjustment: RatingAdjustment, user) -> None:
    owner = adjustment.audit or adjustment.inspection
    audit(user=user, verb=AuditEvent.Verb.DELETE, obj=adjustment,
          summary=f"Removed the adjusted rating of {adjustment.standard or 'the overall rating'} in “{owner.title}”")
    adjustment.delete()


# --- inspections ---------------------------------------------------------------------------------

@transaction.atomic
def inspection_record(*, service, user, framework: str, title: str, published_overall: str,
                      ratings: dict[str, str], percents: dict[str, object], recommendations: list[tuple[str, str]] = (),
                      inspectorate: str = "HM Inspectorate of Probation", fieldwork_started: date | None = None,
                      published_on: date | None = None, court_cases: int | None = None,
                      out_of_court_cases: int | None = None, source: str = "", notes: str = "") -> Inspection:
    """Record a published inspection: every standard's rating, the case key questions' % yes, and the
    recommendations (``(addressed_to, text)`` in their published order)."""
    fw = _framework(framework)
    rule = fw.rule
    errors = {}
    if not title.strip():
        errors["title"] = "Enter the inspection's title"
    try:
        published_overall = engine.normalise_rating(published_overall, rule)
    except ValueError:
        errors["published_overall"] = f"Select the published overall rating: {', '.join(rule.ratings)}"
    clean_ratings = {}
    clean_percents = {}
    for std in fw.standards:
        value = (ratings.get(std.code) or "").strip()
        if not value:
            if std.may_be_not_rated:
                value = rule.not_rated
            else:
                errors[field_key("rating", std.code)] = f"Select the published rating of {std.label}"
                continue
        try:
            clean_ratings[std.code] = engine.normalise_rating(value, rule, allow_not_rated=std.may_be_not_rated)
        except ValueError:
            errors[field_key("rating", std.code)] = f"Select the published rating of {std.label}"
        if std.rated_from_cases:
            for kq in std.key_questions:
                raw = percents.get(kq.code)
                if raw in (None, ""):
                    errors[field_key("kq", kq.code)] = f"Enter the % yes for {kq.code}, a number from 0 to 100"
                    continue
                try:
                    value = Decimal(str(raw))
                    engine.to_percent(value)
                except (InvalidOperation, ValueError):
                    errors[field_key("kq", kq.code)] = f"The % yes for {kq.code} must be a number from 0 to 100"
                    continue
                clean_percents[kq.code] = value
    for i, (_to, text) in enumerate(recommendations, start=1):
        if not text.strip():
            errors["recommendations"] = f"Recommendation {i} has no text"
    if errors:
        raise ValidationError(errors)
    inspection = Inspection.objects.create(
        service=service, framework=fw.code, title=title.strip(), inspectorate=inspectorate,
        fieldwork_started=fieldwork_started, published_on=published_on, published_overall=published_overall,
        court_cases=court_cases, out_of_court_cases=out_of_court_cases, source=source, notes=notes, recorded_by=user,
    )
    InspectionStandard.objects.bulk_create([
        InspectionStandard(service=service, inspection=inspection, standard=c, published_rating=r)
        for c, r in clean_ratings.items()
    ])
    InspectionKeyQuestion.objects.bulk_create([
        InspectionKeyQuestion(service=service, inspection=inspection, key_question=c, percent_yes=p)
        for c, p in clean_percents.items()
    ])
    InspectionRecommendation.objects.bulk_create([
        InspectionRecommendation(service=service, inspection=inspection, number=i, addressed_to=to.strip(),
                                 text=text.strip())
        for i, (to, text) in enumerate(recommendations, start=1)
    ])
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=inspection,
          summary=f"Recorded inspection “{inspection.title}” ({published_overall})")
    return inspection


# --- improvement actions -------------------------------------------------------------------------

def _text(value):
    return None if value is None else str(value)


def _action_errors(what: str, owner: str, status: str) -> dict:
    errors = {}
    if not what.strip():
        errors["what"] = "Enter what will be done"
    if not owner.strip():
        errors["owner"] = "Enter who owns the action"
    if status not in ImprovementAction.Status.values:
        errors["status"] = "Select a status"
    return errors


@transaction.atomic
def improvement_action_create(*, service, user, what: str, owner: str, due_on: date | None = None,
                              status: str = ImprovementAction.Status.NOT_STARTED, source: str = "",
                              source_ref: str = "") -> ImprovementAction:
    """Raise an improvement action linked to what it answers (``source`` in words, ``source_ref`` as a
    stable pointer such as ``audit:12/2.1.3``). The improvement-plan pages reuse this record."""
    errors = _action_errors(what, owner, status)
    if errors:
        raise ValidationError(errors)
    action = ImprovementAction.objects.create(
        service=service, what=what.strip(), owner=owner.strip(), due_on=due_on, status=status,
        source=source[:300], source_ref=source_ref[:100], created_by=user,
    )
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=action, summary=f"Raised improvement action: {action.what[:200]}",
          changes={"source_ref": source_ref})
    return action


@transaction.atomic
def improvement_action_update(*, action: ImprovementAction, user, what: str, owner: str, due_on: date | None,
                              status: str) -> ImprovementAction:
    errors = _action_errors(what, owner, status)
    if errors:
        raise ValidationError(errors)
    before = {"what": action.what, "owner": action.owner, "due_on": action.due_on, "status": action.status}
    action.what, action.owner, action.due_on, action.status = what.strip(), owner.strip(), due_on, status
    action.save()
    changes = {k: [_text(v), _text(getattr(action, k))] for k, v in before.items() if v != getattr(action, k)}
    audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=action,
          summary=f"Updated improvement action: {action.what[:200]}", changes=changes)
    return action


# --- National Standards --------------------------------------------------------------------------

@transaction.atomic
def grading_scale_create(*, service, user, name: str, grades: list[str]) -> GradingScale:
    """A service's own grading scale, best grade first."""
    grades = [g.strip() for g in grades if g.strip()]
    errors = {}
    if not name.strip():
        errors["name"] = "Enter a name for the scale"
    elif GradingScale.objects.filter(service=service, name=name.strip()).exists():
        errors["name"] = "Your service already has a scale with this name"
    if len(grades) < 2:
        errors["grades"] = "Enter at least two grades, one a line, best first"
    elif len({g.casefold() for g in grades}) != len(grades):
        errors["grades"] = "Each grade must be different"
    if errors:
        raise ValidationError(errors)
    scale = GradingScale.objects.create(service=service, name=name.strip(), grades=grades, created_by=user)
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=scale, summary=f"Added grading scale “{scale.name}”")
    return scale


@transaction.atomic
def standards_self_assessment_create(*, service, user, title: str, period_start: date, period_end: date,
                                     scale_name: str, grades: list[str], seed: int | None = None,
                                     framework: str = "ns-2019") -> StandardsSelfAssessment:
    """Start a year's National Standards self-assessment with a copy of the chosen grading scale."""
    national_standards(framework)
    errors = {}
    if not title.strip():
        errors["title"] = "Enter a title, for example “National Standards self-assessment 2024/25”"
    if period_end < period_start:
        errors["period_end"] = "The end of the period must be on or after its start"
    if len(grades) < 2:
        errors["scale"] = "Select a grading scale"
    if errors:
        raise ValidationError(errors)
    sa = StandardsSelfAssessment.objects.create(
        service=service, framework=framework, title=title.strip(), period_start=period_start, period_end=period_end,
        scale_name=scale_name, grades=list(grades), seed=_new_seed() if seed is None else seed, created_by=user,
    )
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=sa,
          summary=f"Started National Standards self-assessment “{sa.title}”")
    return sa


@transaction.atomic
def standards_sample_draw(*, self_assessment: StandardsSelfAssessment, user, standard: str) -> StandardsSample:
    """Draw the operational sample for one standard: at least 20% of the relevant cases, at least 20 where
    there are that many (the framework's numbers). Drawing again is refused once a case is audited."""
    framework = national_standards(self_assessment.framework)
    try:
        framework.standard(standard)
    except KeyError:
        raise ValidationError(f"Standard {standard} is not in {framework.name}.") from None
    existing = StandardsSample.objects.filter(self_assessment=self_assessment, standard=standard).first()
    if existing and existing.cases.exclude(met="").exists():
        raise ValidationError("The sample cannot be drawn again once cases have been audited.")
    cases = relevant_cases(service=self_assessment.service, standard_code=standard,
                           period_start=self_assessment.period_start, period_end=self_assessment.period_end,
                           framework_code=self_assessment.framework)
    size = sampling.minimum_share_size(len(cases), framework.minimum_share, framework.minimum_cases)
    rng = random.Random(f"{self_assessment.seed}:{standard}")
    drawn = rng.sample(cases, size)
    if existing:
        existing.cases.all().delete()
        sample = existing
        sample.relevant_cases, sample.sample_size, sample.drawn_by = len(cases), size, user
        sample.save()
    else:
        sample = StandardsSample.objects.create(
            service=self_assessment.service, self_assessment=self_assessment, standard=standard,
            relevant_cases=len(cases), sample_size=size, drawn_by=user,
        )
    StandardsCase.objects.bulk_create([
        StandardsCase(service=self_assessment.service, sample=sample, position=i, child_id=c.child_id,
                      record_type=c.record_type, record_id=c.record_id, record_label=c.record_label,
                      record_date=c.record_date)
        for i, c in enumerate(drawn, start=1)
    ])
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=sample,
          summary=f"Drew {size} of {len(cases)} relevant cases for National Standard {standard}")
    return sample


@transaction.atomic
def standards_case_record(*, case: StandardsCase, user, met: str, notes: str = "") -> StandardsCase:
    if met not in ANSWERS:
        raise ValidationError({"met": "Select yes, no or not applicable"})
    before = case.met
    case.met, case.notes, case.audited_by, case.audited_at = met, notes.strip(), user, timezone.now()
    case.save()
    audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=case, child_id=case.child_id,
          summary=f"Audited case {case.position} for National Standard {case.sample.standard}",
          changes={"met": [before or None, met]})
    return case


@transaction.atomic
def standards_grading_record(*, self_assessment: StandardsSelfAssessment, user, standard: str, level: str,
                             grade: str, evidence: str, strengths: str = "", improvements: str = "",
                             assessors: str = "") -> StandardsGrading:
    framework = national_standards(self_assessment.framework)
    errors = {}
    try:
        framework.standard(standard)
        framework.level(level)
    except KeyError:
        raise ValidationError("Unknown standard or level.") from None
    if grade not in self_assessment.grades:
        errors["grade"] = f"Select a grade: {', '.join(self_assessment.grades)}"
    if not evidence.strip():
        errors["evidence"] = "Enter the evidence for the grade"
    if errors:
        raise ValidationError(errors)
    existing = StandardsGrading.objects.filter(self_assessment=self_assessment, standard=standard, level=level).first()
    if existing and existing.moderated_at:
        raise ValidationError("This grading has been moderated, so it can no longer be changed.")
    record, created = StandardsGrading.objects.update_or_create(
        service=self_assessment.service, self_assessment=self_assessment, standard=standard, level=level,
        defaults={"grade": grade, "evidence": evidence.strip(), "strengths": strengths.strip(),
                  "improvements": improvements.strip(), "assessors": assessors.strip(), "graded_by": user},
    )
    audit(user=user, verb=AuditEvent.Verb.CREATE if created else AuditEvent.Verb.CHANGE, obj=record,
          summary=f"Graded National Standard {standard} ({level}) as {grade} in “{self_assessment.title}”")
    return record


@transaction.atomic
def standards_grading_moderate(*, grading: StandardsGrading, user, grade: str, note: str = "") -> StandardsGrading:
    """A second person confirms or changes a grade; a change needs a note."""
    if user is None or grading.graded_by_id == user.pk:
        raise ValidationError("A second person must moderate this grading: you graded it.")
    if grade not in grading.self_assessment.grades:
        raise ValidationError({"grade": f"Select a grade: {', '.join(grading.self_assessment.grades)}"})
    if grade != grading.grade and not note.strip():
        raise ValidationError({"note": "Say why you changed the grade"})
    grading.moderated_grade, grading.moderation_note = grade, note.strip()
    grading.moderated_by, grading.moderated_at = user, timezone.now()
    grading.save()
    audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=grading,
          summary=f"Moderated National Standard {grading.standard} ({grading.level}): {grading.grade} → {grade}")
    return grading
