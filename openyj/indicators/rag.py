"""Red, amber, green — always from two stated numbers.

Rule (``domain/indicators.md``, defaults configurable per service and indicator): green = better
than the comparator (or equal to it) or meeting the target; amber = worse by no more than the
tolerance (default 5% relative); red = worse by more. "Better" is lower for FTE, reoffending,
custody, remands and serious violence; higher for KPIs, congruence, feedback and timeliness.
A RAG is never produced when either number is missing, and is never shown without both.
"""

from __future__ import annotations

from decimal import Decimal

DEFAULT_TOLERANCE = Decimal(5)


def rag(value, comparator, better: str = "lower", tolerance_percent=DEFAULT_TOLERANCE) -> str | None:
    """``green``, ``amber`` or ``red`` for ``value`` against ``comparator``; None if either is missing."""
    if value is None or comparator is None:
        return None
    v, c = Decimal(str(value)), Decimal(str(comparator))
    worse_by = (v - c) if better == "lower" else (c - v)
    if worse_by <= 0:
        return "green"
    if c == 0:
        return "red"
    return "amber" if worse_by / abs(c) * 100 <= Decimal(str(tolerance_percent)) else "red"


LABELS = {"green": "Green", "amber": "Amber", "red": "Red"}
