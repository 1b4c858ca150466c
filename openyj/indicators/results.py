"""What every indicator returns, and how figures are rounded.

A result carries the figure *and* what it was computed from: numerator, denominator, value, the
unit in words, the period, whether it is provisional, its comparators, and the ids of what was
counted (children, offences or remands), so that every number can be opened to its list.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from openyj.indicators.periods import Period

UNIT_PER_100K = "per 100,000 children aged 10–17"
UNIT_PER_10K = "per 10,000 children aged 10–17"
UNIT_PER_1K = "per 1,000 children aged 10–17"
UNIT_PERCENT = "%"
UNIT_COUNT = "count"
UNIT_NIGHTS = "nights"

MULTIPLIER = {UNIT_PER_100K: 100_000, UNIT_PER_10K: 10_000, UNIT_PER_1K: 1_000, UNIT_PERCENT: 100}


def round_half_up(value: float | Decimal | None, places: int = 1) -> float | None:
    """Round half up (never banker's rounding), as published statistics do: 29.75 → 29.8."""
    if value is None:
        return None
    quantum = Decimal(1).scaleb(-places)
    # Through the shortest repr so that 0.125 (exactly representable) and 2.675 (not) behave as
    # people expect from the printed figure.
    return float(Decimal(repr(float(value)) if not isinstance(value, Decimal) else value).quantize(
        quantum, rounding=ROUND_HALF_UP))


def ratio(numerator: float | int | None, denominator: float | int | None, multiplier: float = 1,
          places: int = 1) -> float | None:
    """``numerator ÷ denominator × multiplier`` rounded half up; None when it cannot be computed.

    Computed in exact decimal arithmetic so the rounding is of the true value, not of a binary
    approximation of it.
    """
    if numerator is None or not denominator:
        return None
    exact = Decimal(str(numerator)) / Decimal(str(denominator)) * Decimal(str(multiplier))
    return float(exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def shares(counts: list[int], places: int = 1) -> list[float | None]:
    """Percentages of the whole that add up to exactly 100 (largest remainder method).

    Used for tables that split a whole into parts (the cohort profile), where the rule asks for
    percentages that add to 100. Each share is first rounded *down* to ``places``; the units left
    over go, one each, to the shares with the largest remainders (ties: the larger count, then the
    earlier row). Every share is therefore its true value rounded down or up, never further off.
    All None when the whole is 0.
    """
    total = sum(counts)
    if not total:
        return [None] * len(counts)
    quantum = Decimal(1).scaleb(-places)
    exact = [Decimal(c) * 100 / Decimal(total) for c in counts]
    floored = [e.quantize(quantum, rounding=ROUND_DOWN) for e in exact]
    left = int(((Decimal(100) - sum(floored)) / quantum).to_integral_value())
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floored[i]), -counts[i], i))
    for i in order[:left]:
        floored[i] += quantum
    return [float(v) for v in floored]


def difference(a: float | None, b: float | None, places: int = 1) -> float | None:
    """``a − b`` for two figures already rounded to ``places`` (so the difference is exact as shown)."""
    if a is None or b is None:
        return None
    return float((Decimal(repr(a)) - Decimal(repr(b))).quantize(Decimal(1).scaleb(-places)))


@dataclass
class Comparator:
    """A figure to compare with: an earlier period, the target, or a published value."""

    kind: str  # previous_period, year_earlier, target, published (the command-line contract's kinds)
    label: str
    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    period_start: str | None = None
    period_end: str | None = None
    source: str = "local records"
    published_on: str | None = None
    change_absolute: float | None = None
    change_relative: float | None = None
    rag: str | None = None  # green, amber, red — never shown without value and the result's value
    area_type: str | None = None  # published values: national, region, family, force
    # Like with like: False when the comparator covers a period of a different length (more than
    # 7 days apart); it is then shown for context only, with no change and no RAG.
    comparable: bool = True
    not_comparable_reason: str = ""
    provisional: bool = False  # a local comparator that is itself provisional is never rated


@dataclass
class Result:
    """One indicator for one service and period."""

    id: str
    name: str
    period: Period
    numerator: float | None
    denominator: float | None
    value: float | None
    unit: str
    ids: list[str] = field(default_factory=list)
    ids_kind: str = "children"  # what ``ids`` are: children, offences, remands, interventions …
    provisional: bool = False
    comparators: list[Comparator] = field(default_factory=list)
    numerator_label: str = ""
    denominator_label: str = ""
    better: str = "lower"  # direction of "better": lower or higher
    places: int = 1
    extra: dict = field(default_factory=dict)  # indicator-specific figures
    breakdowns: dict = field(default_factory=dict)  # name → list of rows (dicts)
    notes: list[str] = field(default_factory=list)
    child_ids: list[str] = field(default_factory=list)  # children behind offence/remand counts
    ids_label: str = ""  # what ``ids`` are, in words, when not the numerator (the reoffending cohort)

    def as_dict(self) -> dict:
        data = asdict(self)
        data["period"] = self.period.as_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Result:
        """The result :meth:`as_dict` wrote (a stored figure set's), as it was."""
        from datetime import date

        data = dict(data)
        p = data["period"]
        data["period"] = Period(date.fromisoformat(p["start"]), date.fromisoformat(p["end"]), p["kind"])
        data["comparators"] = [Comparator(**c) for c in data.get("comparators", [])]
        return cls(**data)
