"""Use of custody.

Rule (``domain/indicators.md``): custodial sentences (detention and training order, section
250/254/259 detention, extended sentences — the outcome ladder's "custodial" flag) with an
outcome date in the period, given to children aged 10–17 on that date. Rate = sentences ÷
population aged 10–17 × 1,000, to 2 decimal places. Also the number of distinct children ("five
custodial sentences imposed on four children").
"""

from __future__ import annotations

from datetime import date

from openyj.indicators import registry
from openyj.indicators.engine import Tables, age_at, by_service, fetch, population
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_PER_1K, Result, ratio

CUSTODY = registry.Indicator(
    code="custody", name="Use of custody", unit=UNIT_PER_1K, better="lower", period=registry.ANNUAL,
    group=registry.NATIONAL, ids="outcomes", version="1", effective=date(2024, 4, 1), order=30, places=2,
    numerator="custodial sentences", denominator="children aged 10–17",
    definition="Custodial sentences (detention and training orders, section 250, 254 and 259 detention and "
               "extended sentences) given in the period to children aged 10 to 17 on the day, for every 1,000 "
               "children aged 10 to 17 living in the area. A child sentenced twice counts twice; the number of "
               "children sentenced is shown too.",
)


def counted(t: Tables, period: Period):
    """One row per custodial sentence in the period."""
    o = t.outcomes
    s = o.filter(o.custodial, t.within(o.outcome_date))
    c = t.children
    j = s.join(c, [s.child_pk == c.child_pk, s.service_id == c.service_id])
    j = j.mutate(age=age_at(j.dob, j.outcome_date))
    j = j.filter(j.age.between(10, 17))
    return j.select("service_id", "outcome_pk", "outcome_id", "child_pk", "child_id", "outcome_type",
                    date=j.outcome_date, age=j.age)


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    rows = by_service(fetch(t, counted, period), t.service_ids)
    pops = population(t, period)
    out = {}
    for sid, items in rows.items():
        pop, year = pops.get(sid, (None, None))
        children = sorted({i["child_id"] for i in items})
        out[sid] = CUSTODY.result(
            period=period, numerator=len(items), denominator=pop, value=ratio(len(items), pop, 1_000, 2),
            ids=sorted(i["outcome_id"] for i in items), child_ids=children,
            extra={"sentences": len(items), "children_sentenced": len(children), "population_year": year},
            notes=[] if pop else ["No population estimate for the service's area: the rate cannot be computed."],
        )
    return {CUSTODY.code: out}


DEFINITION = registry.Definition(key="custody", indicators=(CUSTODY,), compute=compute)
