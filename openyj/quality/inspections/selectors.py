"""Reading inspections, through the gate, and the ratings the rule computes from what was published."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from openyj.core.roles import Action
from openyj.quality import rating as engine
from openyj.quality.frameworks import InspectionFramework, inspection_framework
from openyj.quality.models import Inspection, RatingAdjustment


def inspections_visible(user, service) -> QuerySet[Inspection]:
    return Inspection.objects.restrict(user, Action.READ_QUALITY, service=service)


def inspection_get(user, service, pk) -> Inspection:
    return get_object_or_404(inspections_visible(user, service), pk=pk)


@dataclass
class InspectionRatings:
    """What was published, and what the rating rule computes from it (with any adjustments)."""

    framework: InspectionFramework
    result: engine.FrameworkResult
    published: dict[str, str]  # standard code → published rating
    percents: dict[str, Fraction]  # key question code → published % yes
    adjustments: dict[str, RatingAdjustment]  # standard code ("" for overall) → adjustment


def inspection_ratings(inspection: Inspection) -> InspectionRatings:
    """Rate each standard from the published percentages (or take the published rating of a standard
    judged from evidence), then the framework, with the adjustments recorded beside them."""
    framework = inspection_framework(inspection.framework)
    published = {s.standard: s.published_rating for s in inspection.standards.all()}
    percents = {k.key_question: Fraction(k.percent_yes) for k in inspection.key_questions.all()}
    adjustments = {a.standard: a for a in inspection.adjustments.all()}
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
    return InspectionRatings(framework, result, published, percents, adjustments)
