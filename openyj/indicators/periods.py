"""Periods and age arithmetic: the calendar rules every indicator shares.

Rules (``shared/domain/indicators.md``, Conventions):

- periods are inclusive at both ends: a quarter (Jan–Mar, Apr–Jun, Jul–Sep, Oct–Dec), a financial
  year (1 April–31 March), a calendar year, or the rolling 12 months ending at a quarter end;
- age is whole years on a stated date; a child born on 29 February has their birthday on 1 March
  in a non-leap year (the day after 28 February), as in English law;
- adding months keeps the day of the month, clamped to the month's last day (31 Jan + 1 month =
  28/29 Feb), which is how "within 12 months" and "18 months after" are measured.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

KINDS = {
    "quarter": "Quarter",
    "financial_year": "Financial year",
    "calendar_year": "Calendar year",
    "rolling_12": "Rolling 12 months",
    "custom": "Custom period",
}


def age_on(date_of_birth: date, when: date) -> int:
    """Age in whole years on ``when`` (same rule as ``Child.age_on``)."""
    years = when.year - date_of_birth.year
    if (when.month, when.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def add_months(when: date, months: int) -> date:
    """``when`` plus a number of months, the day clamped to the end of the target month."""
    index = when.year * 12 + (when.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    day = min(when.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_of(when: date) -> tuple[int, int]:
    """(year, quarter number 1–4) of the calendar quarter containing ``when``."""
    return when.year, (when.month - 1) // 3 + 1


@dataclass(frozen=True, order=True)
class Period:
    """An inclusive date range with a kind and a label in words."""

    start: date
    end: date
    kind: str = "custom"

    def __post_init__(self):
        if self.end < self.start:
            raise ValueError(f"The period ends ({self.end}) before it starts ({self.start}).")

    # Constructors -------------------------------------------------------------------------
    @classmethod
    def quarter(cls, year: int, number: int) -> Period:
        if number not in (1, 2, 3, 4):
            raise ValueError("A quarter is numbered 1 to 4.")
        first_month = 3 * (number - 1) + 1
        return cls(date(year, first_month, 1), month_end(year, first_month + 2), "quarter")

    @classmethod
    def quarter_containing(cls, when: date) -> Period:
        return cls.quarter(*quarter_of(when))

    @classmethod
    def financial_year(cls, starting_year: int) -> Period:
        """The financial year starting 1 April ``starting_year`` (e.g. 2024 → 2024/25)."""
        return cls(date(starting_year, 4, 1), date(starting_year + 1, 3, 31), "financial_year")

    @classmethod
    def financial_year_containing(cls, when: date) -> Period:
        return cls.financial_year(when.year if when.month >= 4 else when.year - 1)

    @classmethod
    def calendar_year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), "calendar_year")

    @classmethod
    def rolling_12(cls, quarter_end: date) -> Period:
        """The 12 months ending at ``quarter_end``, which must be the last day of a quarter."""
        if quarter_end.month % 3 != 0 or quarter_end != month_end(quarter_end.year, quarter_end.month):
            raise ValueError(f"{quarter_end} is not the last day of a quarter.")
        start = add_months(quarter_end + timedelta(days=1), -12)
        return cls(start, quarter_end, "rolling_12")

    @classmethod
    def of_kind(cls, kind: str, when: date) -> Period:
        """The period of ``kind`` containing ``when`` (rolling 12: ending at that quarter's end)."""
        if kind == "quarter":
            return cls.quarter_containing(when)
        if kind == "financial_year":
            return cls.financial_year_containing(when)
        if kind == "calendar_year":
            return cls.calendar_year(when.year)
        if kind == "rolling_12":
            return cls.rolling_12(cls.quarter_containing(when).end)
        raise ValueError(f"Unknown kind of period: {kind}")

    # Properties ---------------------------------------------------------------------------
    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def midpoint(self) -> date:
        return self.start + timedelta(days=(self.end - self.start).days // 2)

    def __contains__(self, when: date) -> bool:
        return self.start <= when <= self.end

    @property
    def label(self) -> str:
        if self.kind == "quarter":
            return f"{self.start:%B} to {self.end:%B %Y}"
        if self.kind == "financial_year":
            return f"{self.start.year}/{str(self.end.year)[-2:]}"
        if self.kind == "calendar_year":
            return str(self.start.year)
        if self.kind == "rolling_12":
            return f"12 months to {self.end:%B %Y}".replace(" 0", " ")
        return f"{self.start:%d %B %Y} to {self.end:%d %B %Y}"

    @property
    def short_label(self) -> str:
        if self.kind == "quarter":
            return f"{self.start:%b}–{self.end:%b} {self.end:%y}"
        return self.label

    def shift_months(self, months: int) -> Period:
        """The same-length period ``months`` later (earlier if negative), keeping month ends."""
        start = add_months(self.start, months)
        if self.end == month_end(self.end.year, self.end.month):
            moved = add_months(self.end, months)
            end = month_end(moved.year, moved.month)
        else:
            end = add_months(self.end, months)
        return Period(start, end, self.kind)

    @property
    def months(self) -> int | None:
        """Whole months covered when the period runs from a 1st to a month end, else None."""
        if self.start.day != 1 or self.end != month_end(self.end.year, self.end.month):
            return None
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def previous(self) -> Period:
        """The previous period of the same length, ending the day before this one starts."""
        if self.months is not None:
            return self.shift_months(-self.months)
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=self.days - 1), end, self.kind)

    def year_earlier(self) -> Period:
        """The same period a year earlier."""
        return self.shift_months(-12)

    def quarters(self) -> list[Period]:
        """The calendar quarters that make up this period (for quarter-aligned periods)."""
        out = []
        q = Period.quarter_containing(self.start)
        while q.start <= self.end:
            out.append(q)
            q = q.shift_months(3)
        return out

    def as_dict(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "kind": self.kind,
                "label": self.label}


def last_quarters(end: date, count: int = 8) -> list[Period]:
    """The ``count`` calendar quarters ending with the quarter containing ``end``, oldest first."""
    last = Period.quarter_containing(end)
    return [last.shift_months(-3 * i) for i in range(count - 1, -1, -1)]


def population_year(period: Period) -> int:
    """The calendar year whose mid-year population estimate is the period's denominator."""
    return period.midpoint.year


def age_band(age: int) -> str:
    """Age bands used in breakdowns and the cohort profile."""
    if age < 10:
        return "under 10"
    if age <= 14:
        return "10–14"
    if age <= 17:
        return "15–17"
    return "18+"
