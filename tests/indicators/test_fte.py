"""First time entrants: hand-worked cases."""

from __future__ import annotations

import pytest

from openyj.indicators.periods import Period

from . import factories as f

Q1_2024 = Period.quarter(2024, 1)


@pytest.fixture
def pop(service_a):
    f.population("E08000901", 2024, 20_000)


def test_first_substantive_outcome_in_period_counts(service_a, pop, run):
    c = f.child(service_a, ref="A1", dob="2009-05-01")
    f.proven(c, "2024-01-10", "2024-02-01", "youth_caution")
    r = run(service_a, Q1_2024, only={"fte"})["fte"]
    assert (r.numerator, r.denominator, r.ids) == (1, 20_000, ["A1"])
    assert r.value == 5.0  # 1 / 20,000 × 100,000
    assert r.unit == "per 100,000 children aged 10–17"


def test_earlier_substantive_outcome_means_not_first(service_a, pop, run):
    c = f.child(service_a, dob="2009-05-01")
    f.proven(c, "2023-05-01", "2023-06-01", "referral_order")
    f.proven(c, "2024-01-10", "2024-02-01", "youth_caution")
    assert run(service_a, Q1_2024, only={"fte"})["fte"].numerator == 0


def test_informal_outcome_first_does_not_stop_later_fte(service_a, pop, run):
    c = f.child(service_a, ref="B", dob="2009-05-01")
    f.proven(c, "2023-05-01", "2023-06-01", "community_resolution")
    f.proven(c, "2024-01-10", "2024-03-31", "youth_conditional_caution")
    assert run(service_a, Q1_2024, only={"fte"})["fte"].ids == ["B"]


def test_informal_outcome_alone_is_not_fte(service_a, pop, run):
    c = f.child(service_a, dob="2009-05-01")
    f.proven(c, "2024-01-10", "2024-02-01", "outcome_22")
    assert run(service_a, Q1_2024, only={"fte"})["fte"].numerator == 0


def test_prior_substantive_outcome_before_records_excludes(service_a, pop, run):
    c = f.child(service_a, dob="2009-05-01", prior=True)
    f.proven(c, "2024-01-10", "2024-02-01")
    assert run(service_a, Q1_2024, only={"fte"})["fte"].numerator == 0


@pytest.mark.parametrize(("dob", "counted"), [
    ("2014-01-01", True),   # 10th birthday on the outcome date
    ("2014-01-02", False),  # still 9
    ("2006-01-02", True),   # 17, turns 18 tomorrow
    ("2006-01-01", False),  # 18 today
])
def test_age_on_outcome_date(service_a, pop, run, dob, counted):
    c = f.child(service_a, dob=dob)
    f.proven(c, "2023-12-20", "2024-01-01")
    assert run(service_a, Q1_2024, only={"fte"})["fte"].numerator == (1 if counted else 0)


def test_period_boundaries_inclusive(service_a, pop, run):
    a = f.child(service_a, ref="first-day", dob="2009-05-01")
    f.proven(a, "2023-12-01", "2024-01-01")
    b = f.child(service_a, ref="last-day", dob="2009-05-01")
    f.proven(b, "2023-12-01", "2024-03-31")
    c = f.child(service_a, ref="next-day", dob="2009-05-01")
    f.proven(c, "2023-12-01", "2024-04-01")
    assert run(service_a, Q1_2024, only={"fte"})["fte"].ids == ["first-day", "last-day"]


def test_population_uses_midpoint_year_or_latest_earlier(service_a, run):
    f.population("E08000901", 2022, 10_000)
    f.population("E08000901", 2023, 12_000)
    f.population("E08000901", 2025, 99_000)  # a later year is never used
    r = run(service_a, Period.quarter(2024, 2), only={"fte"})["fte"]
    assert (r.denominator, r.extra["population_year"]) == (12_000, 2023)
    assert any("used 2023" in n for n in r.notes)


def test_population_sums_all_area_codes_and_ages_10_to_17_only(service_a, run):
    service_a.area_codes = ["E1", "E2"]
    service_a.save()
    f.population("E1", 2024, 1_600)
    f.population("E2", 2024, 800)
    f.population("E2", 2024, 5_000, ages=range(18, 20))
    f.population("E3", 2024, 7_000)  # not the service's area
    assert run(service_a, Q1_2024, only={"fte"})["fte"].denominator == 2_400


def test_no_population_gives_no_rate_but_the_count(service_a, run):
    c = f.child(service_a, dob="2009-05-01")
    f.proven(c, "2024-01-10", "2024-02-01")
    r = run(service_a, Q1_2024, only={"fte"})["fte"]
    assert (r.numerator, r.denominator, r.value) == (1, None, None)


def test_other_services_children_never_counted(service_a, service_b, pop, run):
    c = f.child(service_b, dob="2009-05-01")
    f.proven(c, "2024-01-10", "2024-02-01")
    assert run(service_a, Q1_2024, only={"fte"})["fte"].numerator == 0
