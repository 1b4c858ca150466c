"""Writing inspections: a published inspection's ratings, percentages and recommendations.

Keyword-only, one transaction, the user's right to audit in the service checked, problems as a
``ValidationError`` keyed by form field, and the audit trail written.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from openyj.core.actors import person
from openyj.core.audit import audit
from openyj.core.models import AuditEvent
from openyj.quality import rating as engine
from openyj.quality.checks import ensure_may_audit, framework_or_error
from openyj.quality.frameworks import field_key
from openyj.quality.models import Inspection, InspectionKeyQuestion, InspectionRecommendation, InspectionStandard


@transaction.atomic
def inspection_record(*, service, user, framework: str, title: str, published_overall: str,
                      ratings: dict[str, str], percents: dict[str, object],
                      recommendations: Sequence[tuple[str, str]] = (),
                      inspectorate: str = "HM Inspectorate of Probation", fieldwork_started: date | None = None,
                      published_on: date | None = None, court_cases: int | None = None,
                      out_of_court_cases: int | None = None, source: str = "", notes: str = "") -> Inspection:
    """Record a published inspection: every standard's rating, the case key questions' % yes, and the
    recommendations (``(addressed_to, text)`` in their published order)."""
    ensure_may_audit(user, service)
    fw = framework_or_error(framework)
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
                    percent = Decimal(str(raw))
                    engine.to_percent(percent)
                except (InvalidOperation, ValueError):
                    errors[field_key("kq", kq.code)] = f"The % yes for {kq.code} must be a number from 0 to 100"
                    continue
                clean_percents[kq.code] = percent
    for i, (_to, text) in enumerate(recommendations, start=1):
        if not text.strip():
            errors["recommendations"] = f"Recommendation {i} has no text"
    if errors:
        raise ValidationError(errors)
    inspection = Inspection.objects.create(
        service=service, framework=fw.code, title=title.strip(), inspectorate=inspectorate,
        fieldwork_started=fieldwork_started, published_on=published_on, published_overall=published_overall,
        court_cases=court_cases, out_of_court_cases=out_of_court_cases, source=source, notes=notes,
        recorded_by=person(user),
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
