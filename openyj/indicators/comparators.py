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


def local(kind: str, label: str, earlier: Result | None) -> Comparator | None:
    if earlier is None:
        return None
    return Comparator(kind=kind, label=label, value=earlier.value, numerator=earlier.numerator,
                      denominator=earlier.denominator, period_start=earlier.period.start.isoformat(),
                      period_end=earlier.period.end.isoformat())


def published(indicator: str, period, values) -> list[Comparator]:
    """Published values for ``indicator``: one per area (type, name), best-matching period."""
    chosen: dict[tuple[str, str], object] = {}
    for v in values:
        if v.indicator != indicator or v.period_end > period.end:
            continue
        key = (v.area_type, v.area_name)
        current = chosen.get(key)
        exact = v.period_start == period.start and v.period_end == period.end
        if current is None or exact or (
            not (current.period_start == period.start and current.period_end == period.end)
            and v.period_end > current.period_end
        ):
            chosen[key] = v
    area_labels = dict(codes.AREA_TYPE)
    order = [a for a, _ in codes.AREA_TYPE]
    out = []
    for (area_type, area_name), v in sorted(chosen.items(), key=lambda kv: (order.index(kv[0][0]), kv[0][1])):
        out.append(Comparator(
            kind=area_type, label=f"{area_labels[area_type]}: {area_name}", value=float(v.value),
            numerator=float(v.numerator) if v.numerator is not None else None,
            denominator=float(v.denominator) if v.denominator is not None else None,
            period_start=v.period_start.isoformat(), period_end=v.period_end.isoformat(), source=v.source,
            published_on=v.published_on.isoformat() if v.published_on else None,
        ))
    return out


def attach(result: Result, *, previous: Result | None = None, year_earlier: Result | None = None,
           target=None, published_values=(), better: str | None = None,
           tolerance=DEFAULT_TOLERANCE) -> Result:
    """Add the comparators, their change and RAG to ``result`` (in place; returned for chaining)."""
    better = better or result.better
    result.better = better
    comps = [local("previous", "Previous period", previous),
             local("year_earlier", "Same period a year earlier", year_earlier)]
    if target is not None:
        comps.append(Comparator(kind="target", label="Target", value=float(target), source="service target"))
    comps += published(result.id, result.period, published_values)
    places = result.places
    for c in comps:
        if c is None:
            continue
        c.change_absolute, c.change_relative = change(result.value, c.value, places)
        # against a target: meeting it is green, missing it by no more than the tolerance amber;
        # no RAG for a figure with no "better" direction (a count of children worked with)
        c.rag = rag(result.value, c.value, better, tolerance) if better in ("lower", "higher") else None
        result.comparators.append(c)
    return result


def change_unit(result: Result) -> str:
    """Unit of the absolute change: percentage points for percentages."""
    return "percentage points" if result.unit == UNIT_PERCENT else result.unit
