"""KPI 7 — Management board attendance (``kpi_board_attendance``).

Rule (``shared/domain/indicators.md``): of the attendance rows for board meetings held in the
quarter of members who are statutory partners, the % attended in person or by a deputy of
appropriate seniority. Missing: statutory partner not recorded, or a deputy whose seniority is not
recorded (apologies and absences need no seniority); missing rows are not in the denominator. Ids
are ``meeting_date/member``.

Sub-measures ``agency:<agency>``: the same for each agency's statutory partners. Also reported:
``meetings_held`` (meetings in the quarter, from every row) and ``below_threshold`` (agencies whose
attendance is below the service's threshold, default 75%).

The rows are read by :func:`attendance`, the one place that knows where board attendance is kept:
``governance.BoardAttendance``, which holds the imported ``board_attendance.csv`` rows and (on the
governance branch) the attendance recorded on the board pages alike, so both count; if that ever
moves, only this function changes.
"""

from __future__ import annotations

import sys
from datetime import date

from openyj.indicators.engine import Tables
from openyj.indicators.kpis.base import Measure, Version, known, measure, result
from openyj.indicators.periods import Period

CODE = "kpi_board_attendance"
NUMBER = "7"
NAME = "Management board attendance"
BETTER = "higher"
VERSIONS = [Version(1, date(2023, 4, 1), "YJB KPI 7 as introduced in April 2023")]


def attendance(t: Tables, period: Period):
    """Board attendance rows for meetings held in the period."""
    a = t.raw("governance.BoardAttendance")
    a = a.filter(t.within(a.meeting_date))
    return a.select("service_id", "meeting_date", "member", "agency", "statutory_partner",
                    "appropriate_seniority", "attendance")


def _missing(r: dict) -> bool:
    return not known(r["statutory_partner"]) or (
        r["statutory_partner"] is True and r["attendance"] == "deputy" and not known(r["appropriate_seniority"]))


def _counted(r: dict) -> bool:
    return r["attendance"] == "attended" or (r["attendance"] == "deputy" and r["appropriate_seniority"] is True)


def main(rows: list[dict]) -> Measure:
    partners = [r for r in rows if r["statutory_partner"] is True and not _missing(r)]
    m = measure(partners, item=lambda r: r["attendance"], counted=_counted, key="row_id")
    m.missing_ids = sorted(r["row_id"] for r in rows if _missing(r))
    return m


def compute(t, period, rows: list[dict], threshold: float = 75.0):
    for r in rows:
        r["row_id"] = f"{r['meeting_date'].isoformat()}/{r['member']}"
    subs = {f"agency:{agency}": main([r for r in rows if r["agency"] == agency])
            for agency in sorted({r["agency"] for r in rows if r["statutory_partner"] is True})}
    below = [code.partition(":")[2] for code, m in subs.items() if m.value is not None and m.value < threshold]
    return result(sys.modules[__name__], period, main(rows), sub_measures=subs, ids_kind="attendance",
                  more={"meetings_held": len({r["meeting_date"] for r in rows}), "below_threshold": below,
                        "threshold_percent": threshold},
                  numerator_label="attended in person or by a deputy of appropriate seniority",
                  denominator_label="statutory partners' places at meetings")
