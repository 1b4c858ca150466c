"""KPI 10 — Victims (``kpi_victims``).

Rule (``shared/domain/indicators.md``): victims of offences whose first substantive-or-informal
outcome date is in the quarter (a victim of several offences is placed by the earliest first outcome
among them). Of those who consented to contact and whose participation is recorded, the % who took
part in restorative justice (``rj_participation`` direct or indirect). Ids are victim references.
Missing: consent not recorded, or consent given and participation not recorded.

Sub-measures, of those who consented (each over those whose item is recorded): ``views_sought``
(views sought before the decision), ``kept_informed``, ``signposted`` (to support), ``rj_offered``.
"""

from __future__ import annotations

import sys
from datetime import date

from openyj.indicators.engine import Tables
from openyj.indicators.kpis.base import Measure, Version, known, measure, result
from openyj.indicators.periods import Period

CODE = "kpi_victims"
NUMBER = "10"
NAME = "Victims"
BETTER = "higher"
VERSIONS = [Version(1, date(2023, 4, 1), "YJB KPI 10 as introduced in April 2023")]
SUBS = {"views_sought": "views_sought", "kept_informed": "kept_informed", "signposted": "support_signposted",
        "rj_offered": "rj_offered"}


def placed(t: Tables, period: Period):
    """The victims placed in the period, with what was recorded about them."""
    v = t.raw("casework.Victim")
    v = v.select("service_id", "consent_to_contact", "views_sought", "rj_offered", "rj_participation",
                 "kept_informed", "support_signposted", victim_pk="id", victim_id="reference")
    vo = t.raw("casework.Victim_offences").select(victim_pk="victim_id", offence_pk="offence_id")
    if t.in_database:
        vo = vo.filter(vo.victim_pk.isin(v.victim_pk))
    o = t.outcomes
    o = o.filter(o.substantive | (o.tier == "informal"))
    proof = t.outcome_offences.join(o, "outcome_pk")
    first = proof.group_by(proof.offence_pk).agg(first_on=proof.outcome_date.min())
    j = vo.join(first, "offence_pk")
    when = j.group_by(j.victim_pk).agg(placed_on=j.first_on.min())
    v = v.join(when, "victim_pk").filter(lambda x: t.within(x.placed_on))
    return v.drop("victim_pk")


def _yes(rows: list[dict], name: str) -> Measure:
    return measure(rows, item=lambda r: r[name], counted=lambda r: r[name] is True, key="victim_id")


def compute(t, period, rows: list[dict]):
    consented = [r for r in rows if r["consent_to_contact"] is True]
    main = measure(consented, item=lambda r: r["rj_participation"],
                   counted=lambda r: r["rj_participation"] in ("direct", "indirect"), key="victim_id")
    main.missing_ids = sorted(r["victim_id"] for r in rows if not known(r["consent_to_contact"])
                              or (r["consent_to_contact"] is True and not known(r["rj_participation"])))
    subs = {code: _yes(consented, f) for code, f in SUBS.items()}
    return result(sys.modules[__name__], period, main, sub_measures=subs, ids_kind="victims",
                  more={"victims": len(rows), "consented": len(consented)},
                  numerator_label="took part in restorative justice",
                  denominator_label="victims who consented to contact, with participation recorded")
