"""Small, fast helpers for the demo generator: weighted choice, date arithmetic on ordinals.

Dates inside the generator are proleptic Gregorian ordinals (``date.toordinal()``): adding days is
integer addition and formatting goes through a pre-built table, which keeps a million-row run fast.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from datetime import date
from itertools import accumulate


class Weighted:
    """A weighted choice that costs one ``random()`` call and one bisect.

    ``random.choices`` rebuilds its cumulative weights on every call; these tables are built once.
    """

    __slots__ = ("items", "cum", "total", "last")

    def __init__(self, pairs: Iterable[tuple[object, float]]):
        pairs = [(item, weight) for item, weight in pairs if weight > 0]
        if not pairs:
            raise ValueError("a weighted choice needs at least one positive weight")
        self.items = [item for item, _ in pairs]
        self.cum = list(accumulate(weight for _, weight in pairs))
        self.total = self.cum[-1]
        self.last = len(self.items) - 1

    def pick(self, rnd: Callable[[], float]):
        i = bisect_right(self.cum, rnd() * self.total)
        return self.items[i if i <= self.last else self.last]


def weighted(mapping: dict) -> Weighted:
    return Weighted(mapping.items())


class Dates:
    """ISO strings for every ordinal in a range, plus the date arithmetic the generator needs."""

    def __init__(self, first: int, last: int):
        self.first = first
        self.last = last
        self._iso = [date.fromordinal(o).isoformat() for o in range(first, last + 1)]
        self._aug31: dict[int, int] = {}

    def iso(self, o: int | None) -> str:
        if o is None:
            return ""
        i = o - self.first
        if 0 <= i < len(self._iso):
            return self._iso[i]
        return date.fromordinal(o).isoformat()

    def last_aug31(self, o: int) -> int:
        """The ordinal of the latest 31 August on or before ``o`` (start of the school-year count)."""
        d = date.fromordinal(o)
        year = d.year if (d.month, d.day) >= (8, 31) else d.year - 1
        a = self._aug31.get(year)
        if a is None:
            a = self._aug31[year] = date(year, 8, 31).toordinal()
        return a


def add_years(o: int, years: int) -> int:
    """The same day ``years`` later; 29 February becomes 1 March (the day a birthday is attained)."""
    d = date.fromordinal(o)
    try:
        return d.replace(year=d.year + years).toordinal()
    except ValueError:
        return date(d.year + years, 3, 1).toordinal()


def add_months(o: int, months: int) -> int:
    """The same day ``months`` later, clamped to the end of a shorter month."""
    d = date.fromordinal(o)
    m = d.month - 1 + months
    year, month = d.year + m // 12, m % 12 + 1
    day = d.day
    while True:
        try:
            return date(year, month, day).toordinal()
        except ValueError:
            day -= 1


def add_working_days(o: int, n: int) -> int:
    """``n`` working days (Monday–Friday) after ``o``; bank holidays are not modelled.

    A start on a Saturday or Sunday counts from the Friday before, so the result is always a weekday.
    """
    wd = (o - 1) % 7  # ordinal 1 (1 January of year 1) was a Monday
    if wd >= 5:
        o -= wd - 4
        wd = 4
    weeks, rem = divmod(n, 5)
    o += weeks * 7
    return o + rem + (2 if wd + rem >= 5 else 0)


def financial_year_label(start_year: int) -> str:
    """``2024`` → ``"2024/25"``."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"
