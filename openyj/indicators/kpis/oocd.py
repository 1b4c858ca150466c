"""KPI 6 — Out-of-court disposals (``kpi_oocd``).

Rule (``shared/domain/indicators.md``): **interventions**, not children: of the interventions of
kind ``out_of_court`` ending in the quarter whose ``end_reason`` is recorded, the % completed
(``end_reason`` completed). An ended one with no end reason is missing (listed, not in the
denominator). Ids are intervention references.

Sub-measures: ``outcome:<type>`` — completion by the outcome type the intervention carries out
(``none`` when it is linked to no outcome); ``not_completed:<reason>`` — of the interventions whose
end reason is recorded, the % that ended for that reason.
"""

from __future__ import annotations

import sys
from datetime import date

from openyj.indicators.engine import Tables
from openyj.indicators.kpis.base import Measure, Version, measure, result
from openyj.indicators.periods import Period

CODE = "kpi_oocd"
NUMBER = "6"
NAME = "Out-of-court disposals"
BETTER = "higher"
VERSIONS = [Version(1, date(2023, 4, 1), "YJB KPI 6 as introduced in April 2023")]
ITEMS = ["end_reason"]


def ended(t: Tables, period: Period):
    """The out-of-court interventions ending in the period, with the outcome type they carry out."""
    i = t.interventions
    i = i.filter(i.kind == "out_of_court", i.end_date.notnull(), t.within(i.end_date))
    i = i.select("service_id", "intervention_pk", "intervention_id", "child_pk", "outcome_pk", "end_reason")
    o = t.outcomes.select(outcome_key=t.outcomes.outcome_pk, outcome_type=t.outcomes.outcome_type)
    j = i.left_join(o, i.outcome_pk == o.outcome_key)
    c = t.children.select("service_id", "child_pk", "child_id")
    j = j.join(c, ["service_id", "child_pk"])
    return j.select("service_id", "intervention_pk", "intervention_id", "child_id", "end_reason", "outcome_type")


def main(rows: list[dict]) -> Measure:
    return measure(rows, item=lambda r: r["end_reason"], counted=lambda r: r["end_reason"] == "completed",
                   key="intervention_id")


def _ended_for(rows: list[dict], reason: str) -> Measure:
    return measure(rows, item=lambda r: r["end_reason"], counted=lambda r: r["end_reason"] == reason,
                   key="intervention_id")


def compute(t, period, rows: list[dict]):
    subs: dict[str, Measure] = {}
    for kind in sorted({r["outcome_type"] or "none" for r in rows}):
        subs[f"outcome:{kind}"] = main([r for r in rows if (r["outcome_type"] or "none") == kind])
    for reason in sorted({r["end_reason"] for r in rows if r["end_reason"] and r["end_reason"] != "completed"}):
        subs[f"not_completed:{reason}"] = _ended_for(rows, reason)
    return result(sys.modules[__name__], period, main(rows), sub_measures=subs, ids_kind="interventions",
                  numerator_label="out-of-court interventions completed",
                  denominator_label="out-of-court interventions ended with the reason recorded")
