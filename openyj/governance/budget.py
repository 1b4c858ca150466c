"""The partner budget table checked: every row and column total computed, stated totals kept.

A stated total that does not match its parts is **kept and flagged** with where and by how much, never
refused and never silently corrected (the Leeds seed's Police row: parts £122,663, stated total
£155,187). The rules are the contract of ``openyj budget`` (``shared/spec/interchange.md``):

* a row whose agency is ``Total`` is the stated totals row: kept as ``total_row_stated``, never a row;
* an empty part means none (£0) in ``total_computed``;
* ``discrepancy`` = stated − computed, 0 when they agree, ``None`` when no total was stated;
* ``column_totals.total`` sums the rows' stated totals (the computed one where none is stated);
* money is exact: Decimal throughout, no rounding tolerance.

Pure functions of the lines: the command and the budget page both use :func:`check_table`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

PARTS = ("staffing", "payments_in_kind", "other_delegated")
PART_NAMES = {"staffing": "staffing costs", "payments_in_kind": "payments in kind",
              "other_delegated": "other delegated funds", "total": "total"}
TOTAL_AGENCY = "total"
ZERO = Decimal("0")
YEAR_PATTERN = re.compile(r"^(\d{4})/(\d{2})$")


def financial_year_valid(year: str) -> bool:
    """A financial year written as the YJB writes it: 2024/25 (the second year follows the first)."""
    match = YEAR_PATTERN.match(year)
    return match is not None and (int(match.group(1)) + 1) % 100 == int(match.group(2))


def is_total_row(agency: str) -> bool:
    """The stated totals row of a table is the one whose agency is ``Total`` (any case)."""
    return agency.strip().lower() == TOTAL_AGENCY


def pounds(amount: Decimal | None) -> str:
    """Money in words for a sentence: "£155,187" or "£1,250.50"; "none" for an empty part."""
    if amount is None:
        return "none"
    sign = "minus " if amount < 0 else ""
    amount = abs(amount)
    if amount == amount.to_integral_value():
        return f"{sign}£{int(amount):,}"
    return f"{sign}£{amount:,.2f}"


@dataclass
class BudgetRow:
    """One agency's row, with its computed total and how far the stated one is from it."""

    agency: str
    staffing: Decimal | None
    payments_in_kind: Decimal | None
    other_delegated: Decimal | None
    total_stated: Decimal | None

    @property
    def total_computed(self) -> Decimal:
        return sum((getattr(self, part) or ZERO for part in PARTS), ZERO)

    @property
    def discrepancy(self) -> Decimal | None:
        return None if self.total_stated is None else self.total_stated - self.total_computed

    @property
    def total(self) -> Decimal:
        """The row's total as the table uses it: the stated one, else the computed one."""
        return self.total_computed if self.total_stated is None else self.total_stated


@dataclass
class BudgetTable:
    """A year's table: its rows, its column totals, the stated totals row and the problems found."""

    year: str
    rows: list[BudgetRow]
    total_row: BudgetRow | None
    problems: list[str] = field(default_factory=list)

    @property
    def column_totals(self) -> dict[str, Decimal]:
        totals = {part: sum((getattr(row, part) or ZERO for row in self.rows), ZERO) for part in PARTS}
        totals["total"] = sum((row.total for row in self.rows), ZERO)
        return totals

    @property
    def total_computed(self) -> Decimal:
        """The sum of every part of every row."""
        return sum((row.total_computed for row in self.rows), ZERO)

    @property
    def adds_up(self) -> bool:
        return not self.problems

    def total_row_differences(self) -> dict[str, Decimal]:
        """For each column the Total row states, how far it is from the rows' total (stated − rows)."""
        if self.total_row is None:
            return {}
        columns = self.column_totals
        found = {}
        for name in (*PARTS, "total"):
            stated = self.total_row.total_stated if name == "total" else getattr(self.total_row, name)
            if stated is not None and stated != columns[name]:
                found[name] = stated - columns[name]
        return found


def _more_or_less(difference: Decimal) -> str:
    return f"{pounds(abs(difference))} {'more' if difference > 0 else 'less'}"


def check_table(year: str, lines: Iterable[Any]) -> BudgetTable:
    """Check one year's lines (anything with ``agency``, the three parts and ``total``, in table order)."""
    rows: list[BudgetRow] = []
    total_row = None
    problems: list[str] = []
    for line in lines:
        row = BudgetRow(agency=line.agency, staffing=line.staffing, payments_in_kind=line.payments_in_kind,
                        other_delegated=line.other_delegated, total_stated=line.total)
        if is_total_row(row.agency):
            if total_row is not None:
                problems.append(f"The {year} table has more than one Total row; only the first is used.")
                continue
            total_row = row
        else:
            rows.append(row)
    if not rows and total_row is None:
        problems.append(f"There is no budget table for {year}. Enter the partners' contributions on the budget "
                        f"page or import them in budget.csv.")
    for row in [*rows, *([total_row] if total_row else [])]:
        for name in (*PARTS, "total_stated"):
            value = getattr(row, name)
            if value is not None and value < 0:
                label = PART_NAMES.get(name, "total")
                problems.append(f"{row.agency}: {label} is {pounds(value)}; a contribution cannot be below £0. "
                                f"Correct the {label} for {row.agency}.")
    for row in rows:
        difference = row.discrepancy
        if difference:
            problems.append(
                f"{row.agency}: the stated total of {pounds(row.total_stated)} is {_more_or_less(difference)} "
                f"than its parts, which add up to {pounds(row.total_computed)}. Check the {row.agency} row "
                f"with the partner."
            )
    table = BudgetTable(year=year, rows=rows, total_row=total_row, problems=problems)
    if total_row is not None:
        if total_row.discrepancy:
            problems.append(
                f"Total row: its stated total of {pounds(total_row.total_stated)} is "
                f"{_more_or_less(total_row.discrepancy)} than its own columns, which add up to "
                f"{pounds(total_row.total_computed)}."
            )
        columns = table.column_totals
        for name, difference in table.total_row_differences().items():
            stated = total_row.total_stated if name == "total" else getattr(total_row, name)
            problems.append(
                f"Total row: it states {pounds(stated)} for {PART_NAMES[name]}, {_more_or_less(difference)} than "
                f"the agencies' rows, which add up to {pounds(columns[name])}."
            )
    return table


def money(amount: Decimal | None) -> int | float | None:
    """Money as a JSON number in pounds: whole pounds as an integer, else pounds and pence.

    A Decimal of at most 12 digits and 2 decimal places converts to the float whose shortest
    representation is the same decimal, so the JSON text is exact."""
    if amount is None:
        return None
    if amount == amount.to_integral_value():
        return int(amount)
    return float(amount)


def table_as_json(table: BudgetTable) -> dict[str, Any]:
    """The contract's JSON for one year's table."""
    total_row = table.total_row
    return {
        "year": table.year,
        "rows": [
            {"agency": row.agency, **{part: money(getattr(row, part)) for part in PARTS},
             "total_stated": money(row.total_stated), "total_computed": money(row.total_computed),
             "discrepancy": money(row.discrepancy)}
            for row in table.rows
        ],
        "column_totals": {name: money(value) for name, value in table.column_totals.items()},
        "total_row_stated": None if total_row is None else {
            **{part: money(getattr(total_row, part)) for part in PARTS}, "total": money(total_row.total_stated),
        },
        "problems": list(table.problems),
    }
