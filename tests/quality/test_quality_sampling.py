"""Sample sizes, windows and proportionate draws, against hand-worked figures."""

from __future__ import annotations

import math
import random
from collections import Counter
from datetime import date

import pytest

from openyj.quality.sampling import (
    Candidate,
    achieved_margin,
    allocate,
    minimum_share_size,
    months_before,
    proportionate_sample,
    sample_size,
    shares,
    window,
    z_score,
)


def test_z_for_80_and_95_per_cent():
    assert z_score(80) == pytest.approx(1.2816, abs=1e-4)
    assert z_score(95) == pytest.approx(1.9600, abs=1e-4)


@pytest.mark.parametrize(("population", "confidence", "margin", "expected"), [
    # n0 = 1.2816² × 0.25 / 0.05² = 164.24; n = n0 / (1 + (n0 - 1) / N), rounded up
    (100, 80, 5, 63),    # 164.24 / 2.6324 = 62.39
    (60, 80, 5, 45),     # 164.24 / 3.7207 = 44.14
    (1000, 80, 5, 142),  # 164.24 / 1.16324 = 141.19
    (10**9, 95, 5, 385),  # the textbook 384.16 without correction
    (10, 80, 5, 10),     # small populations: nearly everything
    (1, 80, 5, 1),
    (0, 80, 5, 0),
])
def test_sample_size_with_finite_population_correction(population, confidence, margin, expected):
    assert sample_size(population, confidence, margin) == expected


def test_achieved_margin():
    # 45 of 60 at 80%: 1.2816 × √(0.25/45 × 15/59) × 100 = 4.82 points
    assert achieved_margin(60, 45, 80) == pytest.approx(4.82, abs=0.01)
    assert achieved_margin(60, 60, 80) == 0.0
    assert achieved_margin(0, 0) is None


@pytest.mark.parametrize(("population", "expected"), [(0, 0), (10, 10), (20, 20), (50, 20), (100, 20), (101, 21),
                                                      (150, 30), (200, 40)])
def test_national_standards_sample_is_20_per_cent_and_at_least_20(population, expected):
    assert minimum_share_size(population) == expected


def test_months_before_keeps_the_day_or_uses_the_month_end():
    assert months_before(date(2025, 3, 31), 1) == date(2025, 2, 28)
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2025, 1, 15), 9) == date(2024, 4, 15)
    assert months_before(date(2025, 1, 15), -6) == date(2025, 7, 15)


def test_inspection_windows():
    assert window(date(2025, 3, 31), 6, 9) == (date(2024, 6, 30), date(2024, 9, 30))
    assert window(date(2025, 3, 31), 3, 5) == (date(2024, 10, 31), date(2024, 12, 31))
    with pytest.raises(ValueError):
        window(date(2025, 3, 31), 9, 6)


def test_largest_remainder_allocation():
    # 4 from 5/3/2: exact shares 2.0, 1.2, 0.8 → floors 2, 1, 0; the one left goes to the largest remainder (0.8).
    assert allocate({("a",): 5, ("b",): 3, ("c",): 2}, 4, random.Random(1)) == {("a",): 2, ("b",): 1, ("c",): 1}
    with pytest.raises(ValueError):
        allocate({("a",): 1}, 2, random.Random(1))


def people(n=60):
    rng = random.Random(7)
    return [
        Candidate(key=i, child_id=i, case_type="court", outcome_date=date(2024, 7, 1),
                  disposal_type=rng.choice(["referral_order", "referral_order", "youth_rehabilitation_order"]),
                  disposal_label="", sex="female" if i % 4 == 0 else "male",
                  serious_harm=rng.choice(["low", "medium", "high"]), safety_wellbeing=rng.choice(["low", "medium"]))
        for i in range(n)
    ]


def test_same_seed_same_sample_and_another_seed_another():
    population = people()
    first = proportionate_sample(population, 45, random.Random("42:court"))
    again = proportionate_sample(list(reversed(population)), 45, random.Random("42:court"))
    other = proportionate_sample(population, 45, random.Random("43:court"))
    assert [c.key for c in first] == [c.key for c in again]
    assert {c.key for c in first} != {c.key for c in other}
    assert len(first) == 45 and len({c.key for c in first}) == 45


def test_sample_is_proportionate_by_each_characteristic():
    population = people()
    drawn = proportionate_sample(population, 45, random.Random(3))
    for attribute in ("disposal_type", "sex", "serious_harm", "safety_wellbeing"):
        pop = Counter(getattr(c, attribute) for c in population)
        got = Counter(getattr(c, attribute) for c in drawn)
        for value, count in pop.items():
            target = 45 * count / 60
            # Proportionate to within a few cases for each value (strata are crossed, so rounding adds up).
            assert abs(got[value] - target) <= 3, (attribute, value, got[value], target)
    # One characteristic alone is allocated exactly (largest remainders): 15 of 60 girls → 11.25 → 11.
    sex_only = proportionate_sample(population, 45, random.Random(3), by=("sex",))
    assert Counter(c.sex for c in sex_only)["female"] == math.floor(45 * 15 / 60)


def test_shares_table():
    population = people(8)
    rows = shares(population, population[:4], "sex")
    assert rows[0] == {"value": "male", "population": 6, "population_percent": 75.0, "sample": 3,
                       "sample_percent": 75.0}
