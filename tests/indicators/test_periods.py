"""Period and age arithmetic: examples and properties (hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

import ibis
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from openyj.indicators.engine import age_at, plus_months
from openyj.indicators.periods import Period, add_months, age_on, last_quarters

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


def reference_age(dob: date, when: date) -> int:
    """Age by counting birthdays one by one (slow, obviously right); 29 Feb birthdays fall on 1 Mar."""
    age, year = -1, dob.year
    while True:
        try:
            birthday = date(year, dob.month, dob.day)
        except ValueError:
            birthday = date(year, 3, 1)
        if birthday > when:
            return age
        age, year = age + 1, year + 1


@settings(deadline=None)  # a shared CI machine: timing is not the property under test
@given(dates, dates)
def test_age_matches_counting_birthdays(dob, when):
    if when < dob:
        return
    assert age_on(dob, when) == reference_age(dob, when)


@settings(deadline=None)  # a shared CI machine: timing is not the property under test
@given(dates, st.integers(0, 3000))
def test_age_never_decreases(dob, days):
    when = dob + timedelta(days=days)
    assert age_on(dob, when) <= age_on(dob, when + timedelta(days=1)) <= age_on(dob, when) + 1


def test_leap_day_birthday():
    dob = date(2008, 2, 29)
    assert age_on(dob, date(2018, 2, 28)) == 9
    assert age_on(dob, date(2018, 3, 1)) == 10
    assert age_on(dob, date(2016, 2, 29)) == 8


@settings(deadline=None)  # a shared CI machine: timing is not the property under test
@given(dates, st.integers(-240, 240))
def test_add_months_properties(when, months):
    moved = add_months(when, months)
    assert (moved.year * 12 + moved.month) - (when.year * 12 + when.month) == months
    assert moved.day == when.day or moved.day < when.day and (moved + timedelta(days=1)).day == 1


def test_add_months_clamps():
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2024, 8, 31), 18) == date(2026, 2, 28)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(dates, dates), min_size=1, max_size=40), st.sampled_from([12, 18]))
def test_ibis_age_and_months_match_python(pairs, months):
    """The Ibis expressions the definitions use agree with the Python rules, on DuckDB."""
    t = ibis.memtable({"dob": [a for a, _ in pairs], "when": [b for _, b in pairs]},
                      schema={"dob": "date", "when": "date"})
    expr = t.select(age=age_at(t.dob, t.when), later=plus_months(t.when, months))
    rows = ibis.duckdb.connect().to_pyarrow(expr).to_pylist()
    for (dob, when), row in zip(pairs, rows, strict=True):
        assert row["age"] == age_on(dob, when)
        assert row["later"] == add_months(when, months)


@settings(deadline=None)  # a shared CI machine: timing is not the property under test
@given(dates)
def test_quarter_contains_and_partitions(when):
    q = Period.quarter_containing(when)
    assert when in q and q.kind == "quarter"
    assert q.previous().end + timedelta(days=1) == q.start
    assert q.shift_months(3).start == q.end + timedelta(days=1)
    assert 90 <= q.days <= 92


@settings(deadline=None)  # a shared CI machine: timing is not the property under test
@given(dates)
def test_financial_year(when):
    fy = Period.financial_year_containing(when)
    assert when in fy and fy.start.month == 4 and fy.start.day == 1 and fy.end == date(fy.start.year + 1, 3, 31)
    assert len(fy.quarters()) == 4
    assert sum(q.days for q in fy.quarters()) == fy.days


@settings(deadline=None)  # a shared CI machine: timing is not the property under test
@given(dates)
def test_rolling_12_and_comparator_periods(when):
    r = Period.of_kind("rolling_12", when)
    assert r.months == 12 and r.end == Period.quarter_containing(when).end
    assert r.previous().end + timedelta(days=1) == r.start and r.previous().months == 12
    assert r.year_earlier() == r.previous()
    q = Period.quarter_containing(when)
    assert q.year_earlier().start == date(q.start.year - 1, q.start.month, 1)
    assert q.year_earlier().months == 3


@settings(deadline=None)  # a shared CI machine: timing is not the property under test
@given(dates, dates)
def test_custom_period_previous_has_same_length(a, b):
    start, end = min(a, b), max(a, b)
    p = Period(start, end)
    assert p.previous().days == p.days and p.previous().end == start - timedelta(days=1)


def test_last_eight_quarters():
    qs = last_quarters(date(2024, 5, 5), 8)
    assert [q.start for q in (qs[0], qs[-1])] == [date(2022, 7, 1), date(2024, 4, 1)]
    assert all(b.start == a.end + timedelta(days=1) for a, b in zip(qs, qs[1:], strict=False))


def test_labels_and_errors():
    assert Period.financial_year(2024).label == "2024/25"
    assert Period.quarter(2024, 2).label == "April to June 2024"
    assert Period.rolling_12(date(2024, 12, 31)).label == "12 months to December 2024"
    with pytest.raises(ValueError):
        Period(date(2024, 2, 1), date(2024, 1, 1))
    with pytest.raises(ValueError):
        Period.rolling_12(date(2024, 11, 30))
