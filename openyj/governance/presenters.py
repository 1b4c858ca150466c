"""What the governance pages show: the rows, labels and figures the templates need, built from the
selectors' reads. Counts shown to a board member follow the one rule for aggregate outputs: a count
from 1 to 4 is shown as "fewer than 5"."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings

from openyj.governance import codes
from openyj.governance.budget import BudgetTable, pounds
from openyj.governance.models import StaffMember
from openyj.people import codes as people_codes

SMALL = 5  # counts below this (but above 0) are suppressed for aggregate-only readers


def attendance_threshold() -> int:
    """The attendance rate (a whole percentage) below which a partner is flagged; a deployment sets
    ``OPENYJ_BOARD_ATTENDANCE_THRESHOLD`` (default 75)."""
    return int(getattr(settings, "OPENYJ_BOARD_ATTENDANCE_THRESHOLD", 75))


def count_text(n: int, *, suppress: bool) -> str:
    if suppress and 0 < n < SMALL:
        return f"fewer than {SMALL}"
    return str(n)


def long_date(day: date | None) -> str:
    return f"{day.day} {day:%B %Y}" if day else "No date"


# Workforce ----------------------------------------------------------------------------------------

ETHNIC_ROWS = [*people_codes.ETHNIC_GROUPS, ("not_known", "Not known")]
SEXES = [("male", "M"), ("female", "F")]


def ethnic_group(code: str) -> str:
    if code in ("", "not_stated", "not_known"):
        return "not_known"
    return people_codes.ETHNICITY_GROUP.get(code) or "not_known"


@dataclass
class CrossTable:
    """Rows (ethnic groups) × columns (grade, sex) of counts, with row and column totals that add up."""

    columns: list[tuple[str, str]]  # (grade code, label)
    rows: list[dict]
    totals: dict
    other_sex: int  # staff whose sex is neither male nor female nor recorded, counted in no column
    total: int


_GRADE_WORDS = {label.lower(): code for code, label in codes.GRADE} | {code: code for code, _ in codes.GRADE}


def grade_code(grade: str) -> str:
    """A grade as written (a code, or words in any case) as the code of one of the usual grades, else
    as written."""
    return _GRADE_WORDS.get(grade.strip().lower(), grade.strip())


def _small(n: int) -> bool:
    return 0 < n < SMALL


def _total_text(total: int, parts: list[int], *, suppress: bool) -> str:
    """A total for an aggregate-only reader: suppressed when small, and not shown when exactly one of
    its parts is suppressed (the total would give that part away by subtraction)."""
    if suppress and sum(1 for n in parts if _small(n)) == 1:
        return "Not shown"
    return count_text(total, suppress=suppress)


def workforce_table(staff: Iterable[StaffMember], *, suppress: bool) -> CrossTable:
    """The Leeds-style table (ethnicity × sex × grade) of paid staff and sessional workers; volunteers
    are shown separately, as Leeds does. Every row and column total is the sum of its cells."""
    people = [s for s in staff if s.staff_type != "volunteer"]
    known_grades = dict(codes.GRADE)
    used = {grade_code(s.grade) for s in people}
    columns = [(code, label) for code, label in codes.GRADE if code in used]
    columns += sorted((g, g or "Grade not recorded") for g in used if g not in known_grades)
    counts = Counter((ethnic_group(s.ethnicity), grade_code(s.grade), s.sex) for s in people)
    rows: list[dict] = []
    grid: list[list[int]] = []  # one list of cells per ethnic group, grade by grade, M then F
    for group, label in ETHNIC_ROWS:
        cells = [counts[(group, grade, sex)] for grade, _ in columns for sex, _ in SEXES]
        grid.append(cells)
        totals = []
        for i, _sex in enumerate(SEXES):
            parts = cells[i::len(SEXES)]
            totals.append(_total_text(sum(parts), parts, suppress=suppress))
        rows.append({"label": label, "cells": [count_text(n, suppress=suppress) for n in cells], "totals": totals})
    column_parts = [[row[i] for row in grid] for i in range(len(columns) * len(SEXES))]
    sex_parts = [[n for row in grid for n in row[i::len(SEXES)]] for i in range(len(SEXES))]
    total_cells = [_total_text(sum(parts), parts, suppress=suppress) for parts in column_parts + sex_parts]
    other_sex = sum(1 for s in people if s.sex not in ("male", "female"))
    return CrossTable(columns=columns, rows=rows, totals={"cells": total_cells}, other_sex=other_sex, total=len(people))


def volunteer_table(staff: Iterable[StaffMember], *, suppress: bool) -> list[dict]:
    counts = Counter((ethnic_group(s.ethnicity), s.sex) for s in staff if s.staff_type == "volunteer")
    return [{"label": label, "cells": [count_text(counts[(group, sex)], suppress=suppress) for sex, _ in SEXES]}
            for group, label in ETHNIC_ROWS]


def secondees(staff: Iterable[StaffMember], *, suppress: bool) -> list[tuple[str, str]]:
    counts = Counter(s.agency or "Agency not recorded" for s in staff if s.staff_type == "secondee")
    return [(agency, count_text(n, suppress=suppress)) for agency, n in sorted(counts.items())]


def share(n: int, of: int, *, suppress: bool = False) -> str:
    """A whole percentage; for aggregate-only readers, not shown when it rests on 1 to 4 people (the
    percentage would give the count away)."""
    if not of:
        return "No records"
    if suppress and 0 < n < SMALL:
        return f"Not shown (fewer than {SMALL})"
    return f"{round(100 * n / of)}%"


def ethnicity_comparison(staff_groups: Counter, cohort_groups: Counter, *, suppress: bool) -> list[dict]:
    """Each ethnic group's share of the workforce beside its share of the children the service worked
    with (whole percentages of those whose ethnicity is known)."""
    staff_known = sum(n for g, n in staff_groups.items() if g != "not_known")
    cohort_known = sum(n for g, n in cohort_groups.items() if g != "not_known")
    return [{"label": label, "workforce": share(staff_groups[group], staff_known, suppress=suppress),
             "cohort": share(cohort_groups[group], cohort_known, suppress=suppress)}
            for group, label in people_codes.ETHNIC_GROUPS]


# Budget -------------------------------------------------------------------------------------------


def year_on_year(this: BudgetTable, last: BudgetTable) -> list[dict]:
    """Each agency's total this year beside last year's, and the change in pounds."""
    last_totals = {row.agency: row.total for row in last.rows}
    this_totals = {row.agency: row.total for row in this.rows}
    agencies = [row.agency for row in this.rows] + [a for a in last_totals if a not in this_totals]
    out = []
    for agency in agencies:
        now, before = this_totals.get(agency), last_totals.get(agency)
        change = None if now is None or before is None else now - before
        out.append({"agency": agency, "this": now, "last": before, "change": change})
    return out


def change_text(change: Decimal | None) -> str:
    if change is None:
        return "Not in both years"
    if change == 0:
        return "No change"
    return f"{pounds(abs(change))} {'more' if change > 0 else 'less'}"
