"""How aggregate documents (the plan and the board report, read by board members and published) write
small numbers. The rule itself — which counts are small, and which parts must be hidden so a total
does not give a small one away — is :mod:`openyj.indicators.suppression`, the one rule for every
aggregate-only output; this module only turns its answers into the documents' words.

A count from 1 to the threshold − 1 reads "fewer than 5"; a figure worked out from one is not shown;
0 is shown (it identifies nobody).
"""

from __future__ import annotations

from openyj.indicators import suppression as rule


def is_small(n: float | int | None) -> bool:
    """True for a count that must not be shown in an aggregate document."""
    return rule.is_small(n)


def suppressed() -> str:
    """A small count in words: "fewer than 5"."""
    return rule.in_words()


def not_shown() -> str:
    return f"not shown ({rule.in_words()})"


HIDDEN_TOO = "not shown (would reveal a count below {limit})"


def count(n: float | int | None) -> str:
    """A count as an aggregate document shows it: "1,234", "0", "fewer than 5" or "not known"."""
    if n is None:
        return "not known"
    if is_small(n):
        return suppressed()
    return f"{int(n):,}" if float(n).is_integer() else f"{n:,}"


def derived(value: float | None, *counts: float | int | None, places: int = 1) -> str:
    """A rate, share or average: not shown when any count it is worked out from is small."""
    if any(is_small(c) for c in counts):
        return not_shown()
    if value is None:
        return "not available"
    return f"{value:,.{places}f}"


def hidden_parts(counts: list[int | float | None]) -> list[bool]:
    """Which parts of a whole are hidden (primary and secondary suppression, by the one rule)."""
    hidden = rule.suppress_counts(dict(enumerate(counts)))
    return [i in hidden for i in range(len(counts))]


def parts(counts: list[int | float | None]) -> list[str]:
    """Parts of a whole as shown: a small count is "fewer than 5"; a part hidden only so the total does not
    give a small one away says so, rather than claiming to be small."""
    too = HIDDEN_TOO.format(limit=rule.threshold())
    return [(suppressed() if is_small(c) else too) if hide else count(c)
            for c, hide in zip(counts, hidden_parts(counts), strict=True)]
