"""The need → offered → attending cascade that KPIs 4 and 5 share.

Main measure: of the cohort children whose need is recorded, the % with a need. Sub-measures
``offered`` (of the children with a need whose offer is recorded, the % offered or planned) and
``attending`` (of the children offered whose attendance is recorded, the % attending). Each step's
denominator is the children at the previous step whose item is known. Missing (main measure): the
need not recorded; each step also reports its own missing.
"""

from __future__ import annotations

from openyj.indicators.kpis.base import Measure, by_kind, measure, result


def measures(rows: list[dict], prefix: str) -> tuple[Measure, dict[str, Measure]]:
    need, offered, attending = f"{prefix}_need", f"{prefix}_offered", f"{prefix}_attending"
    main = measure(rows, item=lambda r: r[need], counted=lambda r: r[need] is True)
    step1 = measure([r for r in rows if r[need] is True], item=lambda r: r[offered],
                    counted=lambda r: r[offered] is True)
    step2 = measure([r for r in rows if r[need] is True and r[offered] is True], item=lambda r: r[attending],
                    counted=lambda r: r[attending] is True)
    return main, {"offered": step1, "attending": step2}


def compute(module, period, cohort: list[dict], prefix: str, what: str):
    main, subs = measures(cohort, prefix)
    return result(module, period, main, sub_measures=subs,
                  breakdown=by_kind(cohort, lambda rows: measures(rows, prefix)[0]),
                  numerator_label=f"with a {what} need", denominator_label=f"children whose {what} need is recorded")
