"""KPI 3 — Special educational needs and disabilities / additional learning needs (``kpi_send``).

Rule (``shared/domain/indicators.md``): of the cohort children with ``send_identified`` true and
``send_plan_current`` recorded, the % with a current formal plan (EHCP, SEN support plan, Welsh IDP).
Missing: SEND not recorded, or SEND identified and the plan not recorded (a child with no SEND
identified and an empty plan is not missing).

Sub-measure ``suitable_ete``: of the children with SEND identified whose ETE at the end is recorded,
the % in suitable ETE at the end.
"""

from __future__ import annotations

import sys
from datetime import date

from openyj.indicators.kpis.base import Measure, Version, by_kind, known, measure, result

CODE = "kpi_send"
NUMBER = "3"
NAME = "Special educational needs and disabilities"
BETTER = "higher"
VERSIONS = [Version(1, date(2023, 4, 1), "YJB KPI 3 as introduced in April 2023")]
ITEMS = ["send_identified", "send_plan_current", "ete_suitable_end"]


def _missing(r: dict) -> bool:
    return not known(r["send_identified"]) or (r["send_identified"] is True and not known(r["send_plan_current"]))


def main(rows: list[dict]) -> Measure:
    m = measure([r for r in rows if r["send_identified"] is True], item=lambda r: r["send_plan_current"],
                counted=lambda r: r["send_plan_current"] is True)
    m.missing_ids = sorted(r["child_id"] for r in rows if _missing(r))
    return m


def compute(t, period, cohort: list[dict]):
    identified = [r for r in cohort if r["send_identified"] is True]
    subs = {"suitable_ete": measure(identified, item=lambda r: r["ete_suitable_end"],
                                    counted=lambda r: r["ete_suitable_end"] is True)}
    return result(sys.modules[__name__], period, main(cohort), sub_measures=subs, breakdown=by_kind(cohort, main),
                  numerator_label="with a current formal plan",
                  denominator_label="children with SEND identified whose plan is recorded")
