"""The arithmetic of disproportionality, apart from the data: shares, gaps, rates and the
relative rate index with its 95% interval.

The project's own method, labelled as such on every page (the YJB tool's test is not public):

- **share**: a group's children at a stage ÷ the stage's children of known ethnicity × 100;
- **population share**: the group's children aged 10–17 ÷ all children aged 10–17 of known
  ethnicity in the area × 100;
- **gap**: share − population share, in percentage points, worked out from the two shares as shown
  (so a reader can check it by subtraction);
- **rate per 1,000**: children at the stage ÷ children of the group aged 10–17 × 1,000;
- **relative rate index (RRI)**: rate(group) ÷ rate(White); 95% interval
  exp(ln RRI ± 1.96·√(1/a − 1/n₁ + 1/b − 1/n₂)) with a, b the counts and n₁, n₂ the populations
  (the standard large-sample interval for a ratio of two proportions, Katz et al. 1978);
  **significant** when the interval excludes 1;
- **no index** when either count is below the threshold (5 unless the service sets another), when
  a population is missing or 0, or when a count exceeds its population (the figures cannot both be
  right).

Figures are rounded half up: shares and gaps to 1 place, rates, RRI and interval to 2 places. The
significance flag is decided on the unrounded interval.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from openyj.indicators.results import difference, ratio, round_half_up

Z95 = 1.959963984540054  # the 97.5th centile of the standard normal distribution ("1.96")
REFERENCE = "white"


@dataclass(frozen=True)
class Interval:
    rri: float
    low: float
    high: float

    @property
    def significant(self) -> bool:
        return self.low > 1 or self.high < 1


def rri_interval(a: int, n1: int, b: int, n2: int, z: float = Z95) -> Interval:
    """RRI of a group (``a`` children of ``n1``) against the reference (``b`` of ``n2``), unrounded."""
    rri = (a / n1) / (b / n2)
    se = math.sqrt(1 / a - 1 / n1 + 1 / b - 1 / n2)
    return Interval(rri, math.exp(math.log(rri) - z * se), math.exp(math.log(rri) + z * se))


def index_possible(count: int | None, population: int | None, threshold: int) -> bool:
    return bool(count is not None and population and count >= threshold and count <= population)


def group_rows(counts: dict[str, int], populations: dict[str, int | None], *, known: int,
               population_known: int | None, threshold: int, reference: str | None = REFERENCE,
               rates: bool = True) -> dict[str, dict]:
    """One row per line in ``counts`` (same keys as ``populations``): the contract's fields.

    ``known``: the stage's children of known ethnicity (the shares' denominator);
    ``population_known``: the area's children aged 10–17 of known ethnicity. ``reference``: the
    line the RRI compares with (None: no index, e.g. for lines that are not the five groups).
    ``rates=False`` leaves the rate per 1,000 out (a lens with no population of its own) while
    still working out the index, whose populations cancel in the ratio.
    """
    ref_count = counts.get(reference) if reference else None
    ref_pop = populations.get(reference) if reference else None
    ref_ok = reference is not None and index_possible(ref_count, ref_pop, threshold)
    out = {}
    for key, count in counts.items():
        pop = populations.get(key)
        share = ratio(count, known, 100, 1)
        pop_share = ratio(pop, population_known, 100, 1) if pop is not None else None
        row = {"count": count, "population": pop, "share": share, "population_share": pop_share,
               "gap_pp": difference(share, pop_share),
               "rate_per_1000": ratio(count, pop, 1000, 2) if rates and pop else None,
               "rri": None, "ci_low": None, "ci_high": None, "significant": False}
        if ref_ok and index_possible(count, pop, threshold):
            if key == reference:
                row["rri"] = 1.0
            else:
                assert ref_count is not None and ref_pop  # for the type checker: ref_ok says so
                iv = rri_interval(count, pop, ref_count, ref_pop)  # type: ignore[arg-type]  # pop checked above
                row.update(rri=round_half_up(iv.rri, 2), ci_low=round_half_up(iv.low, 2),
                           ci_high=round_half_up(iv.high, 2), significant=iv.significant)
        out[key] = row
    return out
