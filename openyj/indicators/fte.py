"""First time entrants (local records).

Rule (``domain/indicators.md``): children whose **first substantive outcome** (youth caution,
youth conditional caution or court sentence — the outcome ladder's "substantive" flag) has an
outcome date in the period and who were **aged 10–17 on that date**, excluding children recorded
as having an earlier substantive outcome before the service's records began
(``prior_substantive_outcome``). Rate = FTEs ÷ population aged 10–17 × 100,000, to 1 decimal
place. The national figure (Police National Computer) is a published comparator, never mixed in.
"""

from __future__ import annotations

from datetime import date

from openyj.indicators import registry
from openyj.indicators.engine import Tables, age_at, by_service, fetch, population
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_PER_100K, Result, ratio

FTE = registry.Indicator(
    code="fte", name="First time entrants (local records)", unit=UNIT_PER_100K, better="lower",
    period=registry.ANNUAL, group=registry.NATIONAL, ids="children", version="1", effective=date(2024, 4, 1),
    order=10, numerator="first time entrants", denominator="children aged 10–17",
    definition="Children whose first youth caution, youth conditional caution or court sentence was in the "
               "period and who were aged 10 to 17 on that day, for every 100,000 children aged 10 to 17 "
               "living in the area. Children recorded as having had one before the service's records began "
               "are not counted. The national figure, from the Police National Computer, is shown beside "
               "ours, never mixed with it.",
)


def counted(t: Tables, period: Period):
    """One row per first time entrant in the period."""
    sub = t.outcomes.filter(t.outcomes.substantive)
    first = sub.group_by([sub.service_id, sub.child_pk]).agg(first_date=sub.outcome_date.min())
    first = first.filter(t.within(first.first_date))
    c = t.children
    j = first.join(c, [first.child_pk == c.child_pk, first.service_id == c.service_id])
    j = j.mutate(age=age_at(j.dob, j.first_date))
    j = j.filter(j.age.between(10, 17), ~j.prior)
    return j.select("service_id", "child_pk", "child_id", date=j.first_date, age=j.age, sex=j.sex,
                    ethnicity=j.ethnicity)


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    rows = by_service(fetch(t, counted, period), t.service_ids)
    pops = population(t, period)
    out = {}
    for sid, items in rows.items():
        pop, year = pops.get(sid, (None, None))
        count = len(items)
        r = FTE.result(
            period=period, numerator=count, denominator=pop, value=ratio(count, pop, 100_000),
            ids=sorted(i["child_id"] for i in items), extra={"population_year": year},
        )
        if pop is None:
            r.notes.append("No population estimate for the service's area: the rate cannot be computed.")
        elif year != period.midpoint.year:
            r.notes.append(f"Population estimate for {period.midpoint.year} not available; used {year}.")
        out[sid] = r
    return {FTE.code: out}


DEFINITION = registry.Definition(key="fte", indicators=(FTE,), compute=compute)
