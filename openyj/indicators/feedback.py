"""Feedback at closure.

Rule (``domain/indicators.md``): interventions ended in the period with feedback from the child
or a parent/carer (the intervention's closure flags, or a feedback record from the child or a
parent/carer linked to it and marked "at closure") ÷ interventions ended in the period (%,
1 dp; higher is better; Leicester's target is 80%).
"""

from __future__ import annotations

from datetime import date

from openyj.indicators import registry
from openyj.indicators.engine import Tables, by_service, fetch
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_PERCENT, Result, ratio

FEEDBACK = registry.Indicator(
    code="feedback", name="Feedback at closure", unit=UNIT_PERCENT, better="higher", period=registry.QUARTERLY,
    group=registry.LOCAL, ids="interventions", version="1", effective=date(2024, 4, 1), order=80,
    numerator="interventions ended with feedback", denominator="interventions ended",
    definition="Of the interventions that ended in the period, the share where the child or a parent or carer "
               "gave feedback.",
)


def counted(t: Tables, period: Period):
    i = t.interventions
    i = i.filter(t.within(i.end_date))
    f = t.feedback
    f = f.filter(f.at_closure, f.source.isin(["child", "parent"]), f.intervention_pk.notnull())
    given = f.group_by(f.intervention_pk).agg(records=f.intervention_pk.count())
    j = i.left_join(given, i.intervention_pk == given.intervention_pk)
    c = t.children
    j = j.join(c, [j.child_pk == c.child_pk, j.service_id == c.service_id])
    return j.select("service_id", "intervention_pk", "intervention_id", "child_pk", "child_id",
                    with_feedback=(j.feedback_child.fill_null(False) | j.feedback_parent.fill_null(False)
                                   | (j.records.fill_null(0) > 0)))


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    rows = by_service(fetch(t, counted, period), t.service_ids)
    out = {}
    for sid, items in rows.items():
        yes = [i for i in items if i["with_feedback"]]
        out[sid] = FEEDBACK.result(
            period=period, numerator=len(yes), denominator=len(items), value=ratio(len(yes), len(items), 100, 1),
            ids=sorted(i["intervention_id"] for i in yes), child_ids=sorted({i["child_id"] for i in yes}),
        )
    return {FEEDBACK.code: out}


DEFINITION = registry.Definition(key="feedback", indicators=(FEEDBACK,), compute=compute)
