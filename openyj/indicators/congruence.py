"""Congruence of decisions with the service's proposals.

Rules (``domain/indicators.md``):

- **Pre-sentence reports**: court outcomes dated in the period that had a pre-sentence report
  proposal; congruent when the sentence given is the outcome type proposed (%, higher is better).
- **Out-of-court panel**: panel referrals decided in the period with both a recommendation and a
  decision; congruent when the decision is the recommendation (%, higher is better).
"""

from __future__ import annotations

from datetime import date

from openyj.indicators import registry
from openyj.indicators.engine import Tables, by_service, fetch
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_PERCENT, Result, ratio

PSR_CONGRUENCE = registry.Indicator(
    code="psr_congruence", name="Sentences matching the pre-sentence report proposal", unit=UNIT_PERCENT,
    better="higher", period=registry.QUARTERLY, group=registry.LOCAL, ids="outcomes",
    version="1", effective=date(2024, 4, 1), order=70,
    numerator="sentences as proposed", denominator="sentences with a pre-sentence report proposal",
    definition="Of the sentences given in the period where the pre-sentence report proposed a sentence, the "
               "share where the court gave the sentence proposed.",
)
PANEL_CONGRUENCE = registry.Indicator(
    code="panel_congruence", name="Panel decisions matching the recommendation", unit=UNIT_PERCENT,
    better="higher", period=registry.QUARTERLY, group=registry.LOCAL, ids="children",
    version="1", effective=date(2024, 4, 1), order=71,
    numerator="decisions as recommended", denominator="panel decisions",
    definition="Of the out-of-court disposal panel decisions made in the period, the share that followed the "
               "service's recommendation.",
)


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
        out["psr_congruence"][sid] = PSR_CONGRUENCE.result(
            period=period, numerator=len(yes), denominator=len(items), value=ratio(len(yes), len(items), 100, 1),
            ids=sorted(i["outcome_id"] for i in yes), child_ids=sorted({i["child_id"] for i in yes}))
        items = pa.get(sid, [])
        yes = [i for i in items if i["matched"]]
        children = sorted({i["child_id"] for i in yes})
        out["panel_congruence"][sid] = PANEL_CONGRUENCE.result(
            period=period, numerator=len(yes), denominator=len(items), value=ratio(len(yes), len(items), 100, 1),
            ids=children, child_ids=children)
    return out


DEFINITION = registry.Definition(key="congruence", indicators=(PSR_CONGRUENCE, PANEL_CONGRUENCE), compute=compute)
