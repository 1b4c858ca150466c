"""Reading National Standards self-assessments, through the gate, and the cases relevant to a standard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from openyj.casework.models import Intervention
from openyj.core.roles import Action
from openyj.offending.models import CustodyEpisode, Outcome
from openyj.quality.frameworks import national_standards
from openyj.quality.models import GradingScale, StandardsCase, StandardsGrading, StandardsSelfAssessment


def self_assessments_visible(user, service) -> QuerySet[StandardsSelfAssessment]:
    return StandardsSelfAssessment.objects.restrict(user, Action.READ_QUALITY, service=service)


def self_assessment_get(user, service, pk) -> StandardsSelfAssessment:
    return get_object_or_404(self_assessments_visible(user, service), pk=pk)


def grading_scales_visible(user, service) -> QuerySet[GradingScale]:
    return GradingScale.objects.restrict(user, Action.READ_QUALITY, service=service)


def grading_get(user, service, self_assessment: StandardsSelfAssessment, standard: str, level: str) -> StandardsGrading:
    return get_object_or_404(StandardsGrading.objects.restrict(user, Action.READ_QUALITY, service=service),
                             self_assessment=self_assessment, standard=standard, level=level)


def standards_case_get(user, service, self_assessment: StandardsSelfAssessment, pk) -> StandardsCase:
    return get_object_or_404(StandardsCase.objects.restrict(user, Action.READ_QUALITY, service=service)
                             .select_related("sample", "child"), sample__self_assessment=self_assessment, pk=pk)


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
        # Both queries filter on the date they take, so it is never empty here.
        for c in CustodyEpisode.objects.filter(service=service, release_date__range=(period_start, period_end)):
            found.append(RelevantCase(c.child_id, "custody", c.pk, "Release from custody", cast(date, c.release_date)))
        for i in Intervention.objects.filter(
            service=service, end_reason__in=["transferred_out", "transferred_to_probation"],
            end_date__range=(period_start, period_end),
        ):
            found.append(RelevantCase(i.child_id, "intervention", i.pk, i.get_end_reason_display(),
                                      cast(date, i.end_date)))
    else:
        raise ValueError(f"standard {standard_code}: unknown relevant-case source {source!r}")
    return sorted(found, key=lambda c: (c.record_type, c.record_id))
