"""Serious youth violence — **[unconfirmed definition]**, configurable.

Rule (``domain/indicators.md``): proven offences in the categories drugs offences, robbery and
violence against the person with a YJB seriousness score of 5 or more, whose first substantive
outcome (the proof) is dated in the period, committed by a child aged 10–17 on the offence date.
Count of offences and of children; rate = offences ÷ population aged 10–17 × 10,000 (1 dp).
The categories and the minimum score are settings (``Settings.syv_categories``,
``Settings.syv_min_seriousness``), so a service can follow a different local definition.
"""

from __future__ import annotations

from openyj.indicators.engine import Tables, age_at, by_service, fetch, population
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_PER_10K, Result, ratio

ID = "serious_violence"
NAME = "Serious youth violence"
UNIT = UNIT_PER_10K
BETTER = "lower"


def counted(t: Tables, period: Period):
    """One row per serious violence offence proven in the period."""
    s = t.settings
    of = t.offences
    of = of.filter(of.category.isin(list(s.syv_categories)), of.seriousness >= s.syv_min_seriousness)
    o = t.outcomes.filter(t.outcomes.substantive)
    proof = t.outcome_offences.join(o, "outcome_pk")
    first = proof.group_by(proof.offence_pk).agg(proven_on=proof.outcome_date.min())
    j = of.join(first, "offence_pk").filter(lambda x: t.within(x.proven_on))
    c = t.children
    j = j.join(c, [j.child_pk == c.child_pk, j.service_id == c.service_id])
    j = j.mutate(age=age_at(j.dob, j.offence_date)).filter(lambda x: x.age.between(10, 17))
    return j.select("service_id", "offence_pk", "offence_id", "child_pk", "child_id", "category",
                    "category_name", "seriousness", "offence_date", "proven_on")


def compute(t: Tables, period: Period) -> dict[int, Result]:
    rows = by_service(fetch(t, counted, period), t.service_ids)
    pops = population(t, period)
    out = {}
    for sid, items in rows.items():
        pop, year = pops.get(sid, (None, None))
        children = sorted({i["child_id"] for i in items})
        cats: dict[str, list[dict]] = {}
        for i in items:
            cats.setdefault(i["category_name"], []).append(i)
        out[sid] = Result(
            id=ID, name=NAME, period=period, numerator=len(items), denominator=pop,
            value=ratio(len(items), pop, 10_000, 1), unit=UNIT, better=BETTER,
            ids=sorted(i["offence_id"] for i in items), ids_kind="offences", child_ids=children,
            numerator_label="serious violence offences", denominator_label="children aged 10–17",
            extra={"offences": len(items), "children": len(children), "population_year": year,
                   "definition": {"categories": list(t.settings.syv_categories),
                                  "min_seriousness": t.settings.syv_min_seriousness}},
            breakdowns={"Offence category": [
                {"group": name, "offences": len(v), "children": len({i["child_id"] for i in v})}
                for name, v in sorted(cats.items())]},
            notes=["Definition [unconfirmed]: configurable categories and minimum seriousness score."],
        )
    return out
