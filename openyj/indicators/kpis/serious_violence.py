"""KPI 9 — Serious violence (``kpi_serious_violence``).

Rule (``shared/domain/indicators.md``): **children**, not offences, with a proven serious-violence
offence — category drugs, robbery or violence against the person with YJB seriousness (gravity)
score 5 or more, proven by a substantive outcome — whose first such proof (the earliest substantive
outcome date for that offence) is in the quarter; per 10,000 children aged 10–17 resident in the
service's area (the population estimate the other rates use). No age filter beyond the records' own.

The definition is the YJB's and fixed in this version (a change is a new version); the service's own
serious youth violence indicator, whose categories and score are settings, is separate.

Sub-measures ``category:<code>``: children per 10,000 for each offence category (a child can be in
several). Nothing is missing: category and seriousness are required on every offence.
"""

from __future__ import annotations

import sys
from datetime import date

from openyj.indicators.engine import Tables
from openyj.indicators.kpis.base import Measure, Version, result
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_PER_10K

CODE = "kpi_serious_violence"
NUMBER = "9"
NAME = "Serious violence"
BETTER = "lower"
VERSIONS = [Version(1, date(2023, 4, 1), "YJB KPI 9: drugs, robbery, violence against the person, score 5+")]
CATEGORIES = ("drugs", "robbery", "violence_against_the_person")
MIN_SERIOUSNESS = 5


def proven(t: Tables, period: Period):
    """One row per serious-violence offence first proven in the period."""
    of = t.offences
    of = of.filter(of.category.isin(list(CATEGORIES)), of.seriousness >= MIN_SERIOUSNESS)
    o = t.outcomes.filter(t.outcomes.substantive)
    proof = t.outcome_offences.join(o, "outcome_pk")
    first = proof.group_by(proof.offence_pk).agg(proven_on=proof.outcome_date.min())
    j = of.join(first, "offence_pk").filter(lambda x: t.within(x.proven_on))
    c = t.children.select("service_id", "child_pk", "child_id")
    j = j.join(c, ["service_id", "child_pk"])
    return j.select("service_id", "child_id", "offence_id", "category", "proven_on")


def compute(t, period, rows: list[dict], population: int | None, population_year: int | None):
    pop = population or 0

    def rate(items: list[dict]) -> Measure:
        return Measure(numerator_ids=sorted({r["child_id"] for r in items}), multiplier=10_000)

    def value(m: Measure):
        from openyj.indicators.results import ratio

        return ratio(m.numerator, pop, 10_000, 1)

    main = rate(rows)
    subs = {f"category:{code}": rate([r for r in rows if r["category"] == code]) for code in CATEGORIES}
    res = result(sys.modules[__name__], period, main, unit=UNIT_PER_10K, value=value(main), denominator=pop,
                 more={"population_year": population_year, "offence_ids": sorted(r["offence_id"] for r in rows)},
                 numerator_label="children with a serious violence offence first proven",
                 denominator_label="children aged 10–17 in the area")
    res.extra["kpi"]["sub_measures"] = {
        code: {"numerator": m.numerator, "denominator": pop, "value": value(m), "missing": 0,
               "numerator_ids": m.numerator_ids, "denominator_ids": [], "missing_ids": []}
        for code, m in subs.items()}
    return res
