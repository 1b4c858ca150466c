"""Caseload.

Rule (``domain/indicators.md``): interventions open on a date, by intervention kind — here on the
period's last day (an intervention is open on D when it started on or before D and has not ended
before D) — and the average daily number open over the period (the sum over interventions of the
days each was open inside the period, divided by the days in the period, 1 dp).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import ibis

from openyj.casework import codes
from openyj.indicators import registry
from openyj.indicators.engine import Tables, by_service, fetch
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_COUNT, Result, round_half_up

CASELOAD = registry.Indicator(
    code="caseload", name="Caseload", unit=UNIT_COUNT, better="none", period=registry.POINT_IN_TIME,
    group=registry.LOCAL, ids="interventions",
    version="1", effective=date(2024, 4, 1), order=20, breakdowns=("Intervention kind",),
    definition="The interventions open on the last day of the period, by kind, and the average number open "
               "on each day of the period.",
)


def counted(t: Tables, period: Period):
    """Interventions open on at least one day of the period, with their days open inside it."""
    i = t.interventions
    first = ibis.greatest(i.start_date, t.p("start"))
    stop = ibis.least(i.end_date.fill_null(t.p("end")), t.p("end"))
    i = i.mutate(days=(stop.delta(first, unit="day") + 1).cast("int64"),
                 open_at_end=(i.start_date <= t.p("end")) & (i.end_date.isnull() | (i.end_date >= t.p("end"))))
    i = i.filter(i.days > 0)
    c = t.children
    j = i.join(c, [i.child_pk == c.child_pk, i.service_id == c.service_id])
    return j.select("service_id", "intervention_pk", "intervention_id", "child_pk", "child_id", "kind", "days",
                    "open_at_end")


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    rows = by_service(fetch(t, counted, period), t.service_ids)
    labels = dict(codes.INTERVENTION_KIND)
    out = {}
    for sid, items in rows.items():
        at_end = [i for i in items if i["open_at_end"]]
        kinds = Counter(i["kind"] for i in at_end)
        average = round_half_up(sum(i["days"] for i in items) / period.days, 1)
        out[sid] = CASELOAD.result(
            period=period, numerator=len(at_end), denominator=None, value=len(at_end),
            ids=sorted(i["intervention_id"] for i in at_end), child_ids=sorted({i["child_id"] for i in at_end}),
            numerator_label=f"interventions open on {period.end:%d %B %Y}",
            extra={"average_open": average, "children_open": len({i["child_id"] for i in at_end})},
            breakdowns={"Intervention kind": [{"group": labels[k], "open": kinds.get(k, 0)}
                                              for k, _ in codes.INTERVENTION_KIND if kinds.get(k)]},
        )
    return {CASELOAD.code: out}


DEFINITION = registry.Definition(key="caseload", indicators=(CASELOAD,), compute=compute)
