"""Serious youth violence — **[unconfirmed definition]**, configurable.

Rule (``domain/indicators.md``): proven offences in the categories drugs offences, robbery and
violence against the person with a YJB seriousness score of 5 or more, whose first substantive
outcome (the proof) is dated in the period, committed by a child aged 10–17 on the offence date.
Count of offences and of children; rate = offences ÷ population aged 10–17 × 10,000 (1 dp).
The categories and the minimum score are settings (``Settings.syv_categories``,
``Settings.syv_min_seriousness``), so a service can follow a different local definition.
"""

from __future__ import annotations

from datetime import date

from django import forms

from openyj.indicators import registry
from openyj.indicators.engine import Tables, age_at, by_service, fetch, population
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_PER_10K, Result, ratio
from openyj.offending import codes

SERIOUS_VIOLENCE = registry.Indicator(
    code="serious_violence", name="Serious youth violence", unit=UNIT_PER_10K, better="lower",
    period=registry.ANNUAL, group=registry.NATIONAL, ids="offences", version="1", effective=date(2024, 4, 1),
    order=40, numerator="serious violence offences", denominator="children aged 10–17",
    breakdowns=("Offence category",),
    definition="Proven offences of drugs, robbery or violence against the person with a seriousness score of 5 "
               "or more, proven in the period and committed by a child aged 10 to 17, for every 10,000 children "
               "aged 10 to 17 living in the area. The definition is not confirmed nationally: each service can "
               "choose the offence categories and the lowest seriousness score.",
)


def _categories_field():
    return forms.MultipleChoiceField(
        label="Offence categories that count", choices=codes.OFFENCE_CATEGORY, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one offence category"})


def _seriousness_field():
    return forms.IntegerField(
        label="Lowest seriousness score that counts", min_value=1, max_value=8,
        help_text="YJB seriousness score, 1 to 8", widget=forms.TextInput(attrs={"class": "govuk-input--width-2",
                                                                                  "inputmode": "numeric"}),
        error_messages={"required": "Enter the lowest seriousness score", "invalid": "Enter a whole number",
                        "min_value": "The score must be 1 or more", "max_value": "The score must be 8 or less"})


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


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    rows = by_service(fetch(t, counted, period), t.service_ids)
    pops = population(t, period)
    out = {}
    for sid, items in rows.items():
        pop, year = pops.get(sid, (None, None))
        children = sorted({i["child_id"] for i in items})
        cats: dict[str, list[dict]] = {}
        for i in items:
            cats.setdefault(i["category_name"], []).append(i)
        out[sid] = SERIOUS_VIOLENCE.result(
            period=period, numerator=len(items), denominator=pop, value=ratio(len(items), pop, 10_000, 1),
            ids=sorted(i["offence_id"] for i in items), child_ids=children,
            extra={"offences": len(items), "children": len(children), "population_year": year,
                   "definition": {"categories": list(t.settings.syv_categories),
                                  "min_seriousness": t.settings.syv_min_seriousness}},
            breakdowns={"Offence category": [
                {"group": name, "offences": len(v), "children": len({i["child_id"] for i in v})}
                for name, v in sorted(cats.items())]},
            notes=["Definition [unconfirmed]: configurable categories and minimum seriousness score."],
        )
    return {SERIOUS_VIOLENCE.code: out}


def _summary(s) -> str:
    names = dict(codes.OFFENCE_CATEGORY)
    return (f"Categories: {', '.join(names.get(c, c) for c in s.syv_categories)}; "
            f"seriousness score {s.syv_min_seriousness} or more")


DEFINITION = registry.Definition(
    key="serious_violence", indicators=(SERIOUS_VIOLENCE,), compute=compute,
    title="Serious youth violence: what counts", summary=_summary,
    parameters=(
        registry.Parameter("categories", "syv_categories", ("drugs", "robbery", "violence_against_the_person"),
                           "The offence categories that count", _categories_field),
        registry.Parameter("min_seriousness", "syv_min_seriousness", 5,
                           "The lowest YJB seriousness score that counts (1 to 8)", _seriousness_field),
    ),
)
