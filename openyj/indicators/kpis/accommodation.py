"""KPI 1 — Suitable accommodation (``kpi_accommodation``).

Rule (``shared/domain/indicators.md``): of the cohort children (intervention ended in the quarter,
measured at the end) whose ``accommodation_suitable_end`` is recorded, the % with it true. Missing:
``accommodation_suitable_end`` not recorded.

Sub-measures: ``type:<code>`` — of the children whose accommodation type at the end is recorded, the %
in each type; ``unsuitable_to_suitable`` — of the children in unsuitable accommodation at the start
whose end suitability is recorded, the % in suitable accommodation at the end.
"""

from __future__ import annotations

import sys
from datetime import date

from openyj.indicators.kpis.base import Measure, Version, by_kind, measure, result

CODE = "kpi_accommodation"
NUMBER = "1"
NAME = "Suitable accommodation"
BETTER = "higher"
VERSIONS = [Version(1, date(2023, 4, 1), "YJB KPI 1 as introduced in April 2023")]
ITEMS = ["accommodation_suitable_end", "accommodation_type_end", "accommodation_suitable_start"]
ACCOMMODATION_TYPES = [
    "parent_family", "foster", "residential", "supported", "independent", "custody", "temporary",
    "no_fixed_abode", "other",
]


def main(rows: list[dict]) -> Measure:
    return measure(rows, item=lambda r: r["accommodation_suitable_end"],
                   counted=lambda r: r["accommodation_suitable_end"] is True)


def _of_type(rows: list[dict], code: str) -> Measure:
    return measure(rows, item=lambda r: r["accommodation_type_end"],
                   counted=lambda r: r["accommodation_type_end"] == code)


def compute(t, period, cohort: list[dict]):
    subs = {}
    for code in ACCOMMODATION_TYPES:
        m = _of_type(cohort, code)
        if m.numerator:
            subs[f"type:{code}"] = m
    subs["unsuitable_to_suitable"] = measure(
        [r for r in cohort if r["accommodation_suitable_start"] is False],
        item=lambda r: r["accommodation_suitable_end"], counted=lambda r: r["accommodation_suitable_end"] is True)
    return result(sys.modules[__name__], period, main(cohort), sub_measures=subs,
                  breakdown=by_kind(cohort, main), numerator_label="in suitable accommodation at the end",
                  denominator_label="children whose accommodation at the end is recorded")
