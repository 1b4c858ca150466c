"""Drawing case samples the way the inspectorate does: pure functions, no database.

Sample size (Cochran's formula with the finite population correction)::

    n0 = z² · p(1 − p) / e²          z from the confidence level, e the margin, p = 0.5 (the safest case)
    n  = n0 / (1 + (n0 − 1) / N)     N the number of eligible cases; rounded up, never more than N

At 80% confidence (z ≈ 1.2816) and ±5%, n0 ≈ 164.2: 100 eligible cases need 63, 60 need 45.

The sample is proportionate: eligible cases are grouped by the stratifying characteristics (disposal
type, sex, risk of serious harm, safety and wellbeing); each group gets its share of the sample
(largest remainders for the rounding, ties broken by the seeded random generator), then its cases are
drawn at random. The same cases and the same seed always give the same sample.
"""

from __future__ import annotations

import calendar
import math
import random
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import NormalDist

STRATIFY_BY = ("disposal_type", "sex", "serious_harm", "safety_wellbeing")
NOT_KNOWN = "not_known"


def z_score(confidence: float) -> float:
    """Two-sided z for a confidence level given in per cent (80 → 1.2816)."""
    if not 0 < confidence < 100:
        raise ValueError("confidence must be between 0 and 100 per cent")
    return NormalDist().inv_cdf(0.5 + confidence / 200)


def sample_size(population: int, confidence: float = 80, margin: float = 5, proportion: float = 0.5) -> int:
    """Cases to read from ``population`` eligible cases for ``confidence``% ± ``margin`` points."""
    if population < 0:
        raise ValueError("population cannot be negative")
    if not 0 < margin < 100:
        raise ValueError("margin must be between 0 and 100 percentage points")
    if population == 0:
        return 0
    z = z_score(confidence)
    e = margin / 100
    n0 = z * z * proportion * (1 - proportion) / (e * e)
    n = n0 / (1 + (n0 - 1) / population)
    # Guard against 44.0000000001 becoming 45 through floating-point noise.
    return min(population, math.ceil(round(n, 9)))


def achieved_margin(population: int, sample: int, confidence: float = 80, proportion: float = 0.5) -> float | None:
    """The margin of error (percentage points) a sample of ``sample`` from ``population`` gives."""
    if sample <= 0 or population <= 0:
        return None
    if sample >= population:
        return 0.0
    z = z_score(confidence)
    fpc = (population - sample) / (population - 1)
    return 100 * z * math.sqrt(proportion * (1 - proportion) / sample * fpc)


def minimum_share_size(population: int, share_percent: int = 20, minimum: int = 20) -> int:
    """National Standards operational sample: at least ``share_percent``% of the relevant cases, and at
    least ``minimum`` where there are that many (all of them where there are fewer)."""
    if population <= 0:
        return 0
    by_share = math.ceil(population * share_percent / 100)
    return min(population, max(by_share, minimum))


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier (the last day of the month when it has fewer days)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def window(reference_date: date, months_from: int, months_to: int) -> tuple[date, date]:
    """Dates from ``months_to`` to ``months_from`` months before ``reference_date``, both inclusive."""
    if months_to < months_from:
        raise ValueError("the window must end nearer the reference date than it starts")
    return months_before(reference_date, months_to), months_before(reference_date, months_from)


@dataclass(frozen=True)
class Candidate:
    """An eligible case: the outcome it is about and the characteristics the sample is drawn by."""

    key: int  # the outcome's id: a stable order for reproducible draws
    child_id: int
    case_type: str
    outcome_date: date
    disposal_type: str
    disposal_label: str
    sex: str
    serious_harm: str
    safety_wellbeing: str

    def stratum(self, by: Sequence[str] = STRATIFY_BY) -> tuple[str, ...]:
        return tuple(getattr(self, name) for name in by)


def allocate(counts: dict[tuple, int], size: int, rng: random.Random) -> dict[tuple, int]:
    """Share ``size`` among strata in proportion to ``counts`` (largest remainder; ties at random)."""
    population = sum(counts.values())
    if size > population:
        raise ValueError("the sample cannot be bigger than the population")
    if population == 0:
        return {}
    strata = sorted(counts)
    quotas = {s: size * counts[s] // population for s in strata}
    remainders = {s: (size * counts[s]) % population for s in strata}
    left = size - sum(quotas.values())
    order = strata[:]
    rng.shuffle(order)
    order.sort(key=lambda s: remainders[s], reverse=True)  # stable: shuffled order breaks ties
    for s in order[:left]:
        quotas[s] += 1
    return quotas


def proportionate_sample(candidates: Sequence[Candidate], size: int, rng: random.Random,
                         by: Sequence[str] = STRATIFY_BY) -> list[Candidate]:
    """Draw ``size`` candidates proportionately across the strata ``by``; returned in draw order."""
    groups: dict[tuple, list[Candidate]] = defaultdict(list)
    for c in sorted(candidates, key=lambda c: c.key):
        groups[c.stratum(by)].append(c)
    quotas = allocate({s: len(g) for s, g in groups.items()}, size, rng)
    drawn: list[Candidate] = []
    for stratum in sorted(groups):
        drawn.extend(rng.sample(groups[stratum], quotas[stratum]))
    rng.shuffle(drawn)
    return drawn


def shares(population: Sequence[Candidate], sample: Sequence[Candidate], attribute: str) -> list[dict]:
    """For one characteristic: each value's count and share in the population and in the sample."""
    pop = Counter(getattr(c, attribute) for c in population)
    smp = Counter(getattr(c, attribute) for c in sample)
    rows = []
    for value in sorted(pop, key=lambda v: (-pop[v], v)):
        rows.append({
            "value": value,
            "population": pop[value],
            "population_percent": round(100 * pop[value] / len(population), 1) if population else None,
            "sample": smp[value],
            "sample_percent": round(100 * smp[value] / len(sample), 1) if sample else None,
        })
    return rows
