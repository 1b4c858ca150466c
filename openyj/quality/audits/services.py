"""Writing case audits: the sample, answers, moderation, judgements and adjusted ratings.

Every function is keyword-only, runs in one transaction, checks that the user may audit in the
record's service (managers; :func:`openyj.quality.checks.ensure_may_audit`), checks what it is given
against the framework (a problem is a ``ValidationError`` keyed by the form field it belongs to) and
writes the audit trail.
"""

from __future__ import annotations

import random
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from openyj.core.actors import person
from openyj.core.audit import audit
from openyj.core.models import AuditEvent
from openyj.quality import rating as engine
from openyj.quality import sampling
from openyj.quality.audits.selectors import eligible_cases
from openyj.quality.checks import ANSWERS, ensure_may_audit, framework_or_error, new_seed
from openyj.quality.frameworks import field_key, inspection_framework
from openyj.quality.models import (
    AuditAnswer,
    AuditCase,
    CaseAudit,
    Inspection,
    RatingAdjustment,
    StandardJudgement,
)


@transaction.atomic
def case_audit_create(*, service, user, title: str, framework: str, reference_date: date, confidence: int = 80,
                      margin: int = 5, seed: int | None = None) -> CaseAudit:
    """Start a case audit and draw its sample (see :mod:`openyj.quality.sampling`)."""
    ensure_may_audit(user, service)
    fw = framework_or_error(framework)
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
        confidence=confidence, margin=margin, seed=new_seed() if seed is None else seed, created_by=person(user),
    )
    _draw_sample(case_audit)
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=case_audit,
          summary=f"Started case audit “{case_audit.title}” ({case_audit.cases.count()} cases drawn)",
          changes={"seed": case_audit.seed, "framework": fw.code, "reference_date": str(reference_date)})
    return case_audit


@transaction.atomic
def case_audit_redraw(*, case_audit: CaseAudit, user, seed: int | None = None) -> CaseAudit:
    """Draw the sample again (with a new seed) while no case has been answered."""
    ensure_may_audit(user, case_audit.service_id)
    if AuditAnswer.objects.filter(audit_case__audit=case_audit).exists():
        raise ValidationError("The sample cannot be drawn again once answers have been recorded.")
    old = case_audit.seed
    case_audit.seed = new_seed() if seed is None else seed
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
    ensure_may_audit(user, audit_case.service_id)
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
            defaults={"answer": given["answer"], "answered_by": person(user)},
        )
        before = None if created else record.answer
        record.answer = given["answer"]
        record.comment = (given.get("comment") or "").strip()
        record.evidence = (given.get("evidence") or "").strip()
        record.prompts = {k: v for k, v in (given.get("prompts") or {}).items() if v}
        record.answered_by = person(user)
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
    ensure_may_audit(user, audit_case.service_id)
    fw = inspection_framework(audit_case.audit.framework)
    expected = [kq for s in fw.case_standards(audit_case.case_type) for kq in s.key_questions]
    answers = {a.key_question: a for a in audit_case.answers.all()}
    missing = [kq.code for kq in expected if kq.code not in answers]
    if missing:
        raise ValidationError(f"Answer every key question before moderating (not yet answered: {', '.join(missing)}).")
    if getattr(user, "pk", None) is None or any(a.answered_by_id == user.pk for a in answers.values()):
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
    ensure_may_audit(user, case_audit.service_id)
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
        defaults={"rating": rating, "evidence": evidence.strip(), "recorded_by": person(user)},
    )
    audit(user=user, verb=AuditEvent.Verb.CREATE if created else AuditEvent.Verb.CHANGE, obj=record,
          summary=f"Recorded {standard} as {rating} in “{case_audit.title}”")
    return record


@transaction.atomic
def rating_adjustment_record(*, user, standard: str, rating: str, reason: str, case_audit: CaseAudit | None = None,
                             inspection: Inspection | None = None) -> RatingAdjustment:
    """An adjusted rating for a standard (or, with ``standard=""``, the overall rating) with its reason."""
    owner = case_audit or inspection
    if owner is None or (case_audit is None) == (inspection is None):
        raise ValueError("an adjustment belongs to an audit or to an inspection")
    ensure_may_audit(user, owner.service_id)
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
        defaults={"rating": rating, "reason": reason.strip(), "adjusted_by": person(user)},
    )
    audit(user=user, verb=AuditEvent.Verb.CREATE if created else AuditEvent.Verb.CHANGE, obj=record,
          summary=f"Adjusted {standard or 'the overall rating'} to {rating} in “{owner.title}”",
          changes={"reason": record.reason})
    return record


@transaction.atomic
def rating_adjustment_remove(*, adjustment: RatingAdjustment, user) -> None:
    ensure_may_audit(user, adjustment.service_id)
    owner = adjustment.audit or adjustment.inspection
    if owner is None:
        raise ValueError("an adjustment belongs to an audit or to an inspection")
    audit(user=user, verb=AuditEvent.Verb.DELETE, obj=adjustment,
          summary=f"Removed the adjusted rating of {adjustment.standard or 'the overall rating'} in “{owner.title}”")
    adjustment.delete()
