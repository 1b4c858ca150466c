"""The one small-number rule for aggregate documents (the plan and the board report are read by
board members and published): a count from 1 to 4 is shown as "fewer than 5", and a figure worked out
from such a count is not shown at all. 0 is shown: it identifies nobody.

When the figures' own suppression module lands (issue 9), this module calls it instead.
"""

from __future__ import annotations

THRESHOLD = 5
SUPPRESSED = f"fewer than {THRESHOLD}"
NOT_SHOWN = "not shown (fewer than 5)"


def is_small(n: float | int | None) -> bool:
    """True for a count that must not be shown in an aggregate document."""
    return n is not None and 0 < n < THRESHOLD


def count(n: float | int | None) -> str:
    """A count as an aggregate document shows it: "1,234", "0", "fewer than 5" or "not known"."""
    if n is None:
        return "not known"
    if is_small(n):
        return SUPPRESSED
    return f"{int(n):,}" if float(n).is_integer() else f"{n:,}"


def derived(value: float | None, *counts: float | int | None, places: int = 1) -> str:
    """A rate, share or average: not shown when any count it is worked out from is small."""
    if any(is_small(c) for c in counts):
        return NOT_SHOWN
    if value is None:
        return "not available"
    return f"{value:,.{places}f}"


def hidden_parts(counts: list[int | float | None]) -> list[bool]:
    """Which parts of a whole are hidden: counts of 1–4, and, when exactly one part is hidden and the
    total is shown, the next smallest part too (secondary suppression), so the total minus the shown
    parts never gives a hidden count away."""
    hidden = [is_small(c) for c in counts]
    if sum(hidden) == 1:
        others = [(c, i) for i, c in enumerate(counts) if not hidden[i] and c]
        if others:
            hidden[min(others)[1]] = True
    return hidden


HIDDEN_TOO = "not shown (would reveal a count below 5)"


def parts(counts: list[int | float | None]) -> list[str]:
    """Parts of a whole as shown: a small count is "fewer than 5"; a part hidden only so the total does not
    give a small one away says so, rather than claiming to be small."""
    return [(SUPPRESSED if is_small(c) else HIDDEN_TOO) if hide else count(c)
            for c, hide in zip(counts, hidden_parts(counts), strict=True)]
