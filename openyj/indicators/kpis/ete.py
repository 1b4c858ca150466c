"""KPI 2 — Education, training and employment (``kpi_ete``).

Rule (``shared/domain/indicators.md``): of the cohort children whose ``ete_suitable_end`` is
recorded, the % with it true. Missing: ``ete_suitable_end`` not recorded.

Sub-measures: ``school_age`` and ``above_school_age`` — the main measure for the children of
compulsory school age at the end (``school_age_end`` true) and above it (false); ``hours_offered`` and
``hours_attended`` — the average hours a week offered and attended at the end, over the children
whose hours are recorded (numerator: total hours; denominator: children).
"""

from __future__ import annotations

import sys
from datetime import date

from openyj.indicators.kpis.base import Measure, Version, average, by_kind, measure, result

CODE = "kpi_ete"
NUMBER = "2"
NAME = "Education, training and employment"
BETTER = "higher"
VERSIONS = [Version(1, date(2023, 4, 1), "YJB KPI 2 as introduced in April 2023")]
ITEMS = ["ete_suitable_end", "school_age_end", "ete_hours_offered_end", "ete_hours_attended_end"]


def main(rows: list[dict]) -> Measure:
    return measure(rows, item=lambda r: r["ete_suitable_end"], counted=lambda r: r["ete_suitable_end"] is True)


def compute(t, period, cohort: list[dict]):
    subs = {
        "school_age": main([r for r in cohort if r["school_age_end"] is True]),
        "above_school_age": main([r for r in cohort if r["school_age_end"] is False]),
        "hours_offered": average(cohort, "ete_hours_offered_end"),
        "hours_attended": average(cohort, "ete_hours_attended_end"),
    }
    return result(sys.modules[__name__], period, main(cohort), sub_measures=subs, breakdown=by_kind(cohort, main),
                  numerator_label="in suitable education, training or employment at the end",
                  denominator_label="children whose ETE at the end is recorded")
