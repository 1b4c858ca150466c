"""KPI 8 — Links to wider services (``kpi_wider_services``).

Rule (``shared/domain/indicators.md``): of the cohort children, the % with a looked-after,
child-in-need or child-protection episode overlapping the measured intervention (any day in
common; an open episode runs on). A looked-after episode of any legal basis, remand included,
counts. Early help is **[unconfirmed]**: counted only when the service's setting says so (off by
default). Nothing is missing: an episode is recorded or it is not.

Sub-measures ``looked_after``, ``child_in_need``, ``child_protection`` (and ``early_help`` when
counted): the % of the cohort with such an episode (a child can be in several).
"""

from __future__ import annotations

import sys
from datetime import date

from openyj.indicators.engine import Tables
from openyj.indicators.kpis.base import Measure, Version, by_kind, cohort, result
from openyj.indicators.periods import Period

CODE = "kpi_wider_services"
NUMBER = "8"
NAME = "Links to wider services"
BETTER = "higher"
VERSIONS = [Version(1, date(2023, 4, 1), "YJB KPI 8 as introduced in April 2023; early help a setting")]
TYPES = ["looked_after", "child_in_need", "child_protection"]


def types(t: Tables) -> list[str]:
    return TYPES + (["early_help"] if t.settings.kpi_early_help else [])


def linked(t: Tables, period: Period):
    """(service, child, episode type) for each cohort child with an episode overlapping its intervention."""
    c = cohort(t, period).select("service_id", "child_pk", "child_id", i_start="start_date", i_end="end_date")
    e = t.episodes
    e = e.filter(e.episode_type.isin(types(t))).select(
        "service_id", "child_pk", "episode_type", e_start="start_date", e_end="end_date")
    j = c.join(e, ["service_id", "child_pk"])
    j = j.filter(j.e_start <= j.i_end, j.e_end.isnull() | (j.e_end >= j.i_start))
    return j.select("service_id", "child_id", "episode_type").distinct()


def compute(t, period, cohort_rows: list[dict], links: list[dict]):
    by_child: dict[str, set[str]] = {}
    for r in links:
        by_child.setdefault(r["child_id"], set()).add(r["episode_type"])
    for r in cohort_rows:
        r["episode_types"] = sorted(by_child.get(r["child_id"], ()))

    def main(rows: list[dict], only: str | None = None) -> Measure:
        ids = sorted(r["child_id"] for r in rows)
        return Measure(numerator_ids=sorted(r["child_id"] for r in rows
                                            if (only in r["episode_types"] if only else r["episode_types"])),
                       denominator_ids=ids)

    subs = {kind: main(cohort_rows, kind) for kind in types(t)}
    return result(sys.modules[__name__], period, main(cohort_rows), sub_measures=subs,
                  breakdown=by_kind(cohort_rows, main), more={"early_help_counted": t.settings.kpi_early_help},
                  numerator_label="linked to children's social care", denominator_label="children")
