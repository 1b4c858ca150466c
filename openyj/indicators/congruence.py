"""Congruence of decisions with the service's proposals.

Rules (``domain/indicators.md``):

- **Pre-sentence reports**: court outcomes dated in the period that had a pre-sentence report
  proposal; congruent when the sentence given is the outcome type proposed (%, higher is better).
- **Out-of-court panel**: panel referrals decided in the period with both a recommendation and a
  decision; congruent when the decision is the recommendation (%, higher is better).
"""

from __future__ import annotations

from openyj.indicators.engine import Tables, by_service, fetch
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_PERCENT, Result, ratio


def psr(t: Tables, period: Period):
    o = t.outcomes
    o = o.filter(t.within(o.outcome_date), o.psr_proposal.notnull())
    c = t.children
    j = o.join(c, [o.child_pk == c.child_pk, o.service_id == c.service_id])
    return j.select("service_id", "outcome_id", "child_id", matched=j.psr_proposal == j.outcome_type)


def panel(t: Tables, period: Period):
    p = t.panel_decisions
    p = p.filter(t.within(p.decided_on), p.recommendation.notnull(), p.decision.notnull())
    c = t.children
    j = p.join(c, [p.child_pk == c.child_pk, p.service_id == c.service_id])
    return j.select("service_id", "panel_pk", "child_id", matched=j.recommendation == j.decision)


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    ps = by_service(fetch(t, psr, period), t.service_ids)
    pa = by_service(fetch(t, panel, period), t.service_ids)
    out: dict[str, dict[int, Result]] = {"psr_congruence": {}, "panel_congruence": {}}
    for sid in t.service_ids:
        items = ps.get(sid, [])
        yes = [i for i in items if i["matched"]]
        out["psr_congruence"][sid] = Result(
            id="psr_congruence", name="Sentences matching the pre-sentence report proposal", period=period,
            numerator=len(yes), denominator=len(items), value=ratio(len(yes), len(items), 100, 1),
            unit=UNIT_PERCENT, better="higher", ids=sorted(i["outcome_id"] for i in yes), ids_kind="outcomes",
            child_ids=sorted({i["child_id"] for i in yes}), numerator_label="sentences as proposed",
            denominator_label="sentences with a pre-sentence report proposal")
        items = pa.get(sid, [])
        yes = [i for i in items if i["matched"]]
        children = sorted({i["child_id"] for i in yes})
        out["panel_congruence"][sid] = Result(
            id="panel_congruence", name="Panel decisions matching the recommendation", period=period,
            numerator=len(yes), denominator=len(items), value=ratio(len(yes), len(items), 100, 1),
            unit=UNIT_PERCENT, better="higher", ids=children, ids_kind="children", child_ids=children,
            numerator_label="decisions as recommended", denominator_label="panel decisions")
    return out
