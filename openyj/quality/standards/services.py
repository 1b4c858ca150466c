"""Writing the National Standards self-assessment: scales, self-assessments, samples, gradings.

Keyword-only, one transaction, the user's right to audit in the service checked, problems as a
``ValidationError`` keyed by form field, and the audit trail written.
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
from openyj.quality import sampling
from openyj.quality.checks import ANSWERS, ensure_may_audit, new_seed
from openyj.quality.frameworks import national_standards
from openyj.quality.models import (
    GradingScale,
    StandardsCase,
    StandardsGrading,
    StandardsSample,
    StandardsSelfAssessment,
)
from openyj.quality.standards.selectors import relevant_cases


@transaction.atomic
def grading_scale_create(*, service, user, name: str, grades: list[str]) -> GradingScale:
    """A service's own grading scale, best grade first."""
    ensure_may_audit(user, service)
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
    scale = GradingScale.objects.create(service=service, name=name.strip(), grades=grades, created_by=person(user))
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=scale, summary=f"Added grading scale “{scale.name}”")
    return scale


@transaction.atomic
def standards_self_assessment_create(*, service, user, title: str, period_start: date, period_end: date,
                                     scale_name: str, grades: list[str], seed: int | None = None,
                                     framework: str = "ns-2019") -> StandardsSelfAssessment:
    """Start a year's National Standards self-assessment with a copy of the chosen grading scale."""
    ensure_may_audit(user, service)
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
        scale_name=scale_name, grades=list(grades), seed=new_seed() if seed is None else seed, created_by=person(user),
    )
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=sa,
          summary=f"Started National Standards self-assessment “{sa.title}”")
    return sa


@transaction.atomic
def standards_sample_draw(*, self_assessment: StandardsSelfAssessment, user, standard: str) -> StandardsSample:
    """Draw the operational sample for one standard: at least 20% of the relevant cases, at least 20 where
    there are that many (the framework's numbers). Drawing again is refused once a case is audited."""
    ensure_may_audit(user, self_assessment.service_id)
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
            relevant_cases=len(cases), sample_size=size, drawn_by=person(user),
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
    ensure_may_audit(user, case.service_id)
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
    ensure_may_audit(user, self_assessment.service_id)
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
                  "improvements": improvements.strip(), "assessors": assessors.strip(), "graded_by": person(user)},
    )
    audit(user=user, verb=AuditEvent.Verb.CREATE if created else AuditEvent.Verb.CHANGE, obj=record,
          summary=f"Graded National Standard {standard} ({level}) as {grade} in “{self_assessment.title}”")
    return record


@transaction.atomic
def standards_grading_moderate(*, grading: StandardsGrading, user, grade: str, note: str = "") -> StandardsGrading:
    """A second person confirms or changes a grade; a change needs a note."""
    ensure_may_audit(user, grading.service_id)
    if getattr(user, "pk", None) is None or grading.graded_by_id == user.pk:  # a person, not a system actor
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
