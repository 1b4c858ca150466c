"""Comparators and change: previous period, same period a year earlier, target, published values.

Rules (``domain/indicators.md``): the previous period has the same length and ends the day before;
the year-earlier period is the same dates a year before; the target is the service's setting;
published values (national, region, YJS family, police force area) come from reference data with
their source and publication date. The published value used is the one for exactly the same
period, else the latest published for a period ending on or before the period's end (its own
period is then shown). Change is absolute (percentage points for percentages) and relative (%).
Published figures are shown beside the local one, never mixed with it.
"""

from __future__ import annotations

from datetime import date

from openyj.indicators import codes
from openyj.indicators.rag import DEFAULT_TOLERANCE, rag
from openyj.indicators.results import UNIT_PERCENT, Comparator, Result, ratio, round_half_up


def change(value, base, places: int = 1) -> tuple[float | None, float | None]:
    """(absolute, relative %) change of ``value`` from ``base``."""
    if value is None or base is None:
        return None, None
    absolute = round_half_up(value - base, places)
    relative = ratio(value - base, base, 100, 1) if base else None
    return absolute, relative


# Two periods are "the same length" when their lengths differ by no more than this many days
# (a quarter is 90 to 92 days; a year 365 or 366).
SAME_LENGTH_DAYS = 7
NOT_COMPARABLE = "not comparable: different period"


def local(kind: str, label: str, earlier: Result | None) -> Comparator | None:
    if earlier is None:
        return None
    return Comparator(kind=kind, label=label, value=earlier.value, numerator=earlier.numerator,
                      denominator=earlier.denominator, period_start=earlier.period.start.isoformat(),
                      period_end=earlier.period.end.isoformat(), provisional=earlier.provisional)


def published(indicator: str, period, values) -> list[Comparator]:
    """Published values for ``indicator``: one per area (type, name), best-matching period.

    The best match is the value for exactly the same period; else the latest published for a period
    of the same length ending on or before the period's end; else (shown for context only, never
    rated) the latest of any length ending on or before it.
    """
    chosen: dict[tuple[str, str], object] = {}

    def rank(v) -> tuple:
        exact = v.period_start == period.start and v.period_end == period.end
        return (exact, same_length(period.days, (v.period_end - v.period_start).days + 1), v.period_end)

    for v in values:
        if v.indicator != indicator or v.period_end > period.end:
            continue
        key = (v.area_type, v.area_name)
        current = chosen.get(key)
        if current is None or rank(v) > rank(current):
            chosen[key] = v
    area_labels = dict(codes.AREA_TYPE)
    order = [a for a, _ in codes.AREA_TYPE]
    out = []
    for (area_type, area_name), v in sorted(chosen.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1])):
        out.append(Comparator(
            kind="published", area_type=area_type, label=f"{area_labels[area_type]}: {area_name}",
            value=float(v.value),
            numerator=float(v.numerator) if v.numerator is not None else None,
            denominator=float(v.denominator) if v.denominator is not None else None,
            period_start=v.period_start.isoformat(), period_end=v.period_end.isoformat(), source=v.source,
            published_on=v.published_on.isoformat() if v.published_on else None,
        ))
    return out


def same_length(days_a: int, days_b: int) -> bool:
    """Like with like: two periods whose lengths differ by no more than :data:`SAME_LENGTH_DAYS`."""
    return abs(days_a - days_b) <= SAME_LENGTH_DAYS


def _comparable(result: Result, c: Comparator) -> bool:
    if c.period_start is None or c.period_end is None:
        return False
    days = (date.fromisoformat(c.period_end) - date.fromisoformat(c.period_start)).days + 1
    return same_length(result.period.days, days)


def attach(result: Result, *, previous: Result | None = None, year_earlier: Result | None = None,
           target=None, published_values=(), better: str | None = None,
           tolerance=DEFAULT_TOLERANCE) -> Result:
    """Add the comparators, their change and RAG to ``result`` (in place; returned for chaining).

    Like with like (``domain/indicators.md``): a comparator over a period of a different length is
    kept for context, marked not comparable, with no change and no RAG; the same period twice (the
    previous period of a 12-month figure *is* the year earlier) is shown once; a provisional figure
    (or a provisional earlier figure) is never rated.
    """
    better = better or result.better
    result.better = better
    comps = [local("previous_period", "Previous period", previous)]
    if year_earlier is not None and (previous is None or previous.period != year_earlier.period):
        comps.append(local("year_earlier", "Same period a year earlier", year_earlier))
    if target is not None:
        # the service's target is set for the measure as it is headlined, so it covers this period
        comps.append(Comparator(kind="target", label="Target", value=float(target), source="service target",
                                period_start=result.period.start.isoformat(),
                                period_end=result.period.end.isoformat()))
    comps += published(result.id, result.period, published_values)
    places = result.places
    seen = set()
    for c in comps:
        if c is None:
            continue
        key = (c.label, c.period_start, c.period_end, c.value)
        if key in seen:
            continue
        seen.add(key)
        c.comparable = _comparable(result, c)
        if not c.comparable:
            c.not_comparable_reason = NOT_COMPARABLE
            result.comparators.append(c)
            continue
        c.change_absolute, c.change_relative = change(result.value, c.value, places)
        # against a target: meeting it is green, missing it by no more than the tolerance amber;
        # no RAG for a figure with no "better" direction (a count of children worked with), nor for a
        # provisional figure: nothing has been proven yet
        if better in ("lower", "higher") and not result.provisional and not c.provisional:
            c.rag = rag(result.value, c.value, better, tolerance)
        result.comparators.append(c)
    return result


def headline(result: Result) -> Comparator | None:
    """The most relevant comparable comparator, for a summary: a published national figure first,
    then the target, the same period a year earlier, the previous period."""
    order = {"published": 0, "target": 1, "year_earlier": 2, "previous_period": 3}
    candidates = [c for c in result.comparators if c.comparable and c.value is not None]
    return min(candidates, key=lambda c: (order[c.kind] if c.area_type in (None, "national") else 0.5),
               default=None)


def change_unit(result: Result) -> str:
    """Unit of the absolute change: percentage points for percentages."""
    return "percentage points" if result.unit == UNIT_PERCENT else result.unit
