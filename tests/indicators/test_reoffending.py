"""Proven reoffending: the Leicester checks and every edge case of the method, one by one."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from openyj.indicators import reoffending
from openyj.indicators.periods import Period, add_months

from . import factories as f

Q1 = Period.quarter(2024, 1)
INDEX = date(2024, 2, 10)


def reoff(run, service, period=Q1, **kw):
    return run(service, period, only={"reoffending"}, **kw)["reoffending"]


@pytest.fixture
def indexed(service_a):
    """A 15-year-old with a youth caution on 10 Feb 2024: the index event."""
    c = f.child(service_a, ref="IDX", dob="2008-06-01")
    f.proven(c, "2024-01-05", INDEX, "youth_caution", seriousness=4)
    return c


# Leicester seed §8.7 ------------------------------------------------------------------------------

@pytest.mark.parametrize(("cohort", "reoffenders", "reoffences", "rate", "per_reoffender"), [
    (47, 14, 66, 29.8, 4.71),
    (186, 42, 129, 22.6, 3.07),
])
def test_leicester_figures(cohort, reoffenders, reoffences, rate, per_reoffender):
    fig = reoffending.figures(cohort, reoffenders, reoffences)
    assert fig["binary_rate"] == rate
    assert fig["per_reoffender"] == per_reoffender


def test_leicester_47_14_66_from_records(service_a, run):
    """47 children, 14 of whom reoffend 66 times between them → 29.8% and 4.71."""
    spread = [5] * 10 + [4] * 4  # 50 + 16 = 66 reoffences over 14 reoffenders
    for n in range(47):
        c = f.child(service_a, ref=f"L{n:02d}", dob="2008-03-01")
        f.proven(c, "2024-01-02", "2024-01-20", "referral_order")
        for k in range(spread[n] if n < len(spread) else 0):
            f.proven(c, date(2024, 3, 1) + timedelta(days=k), "2024-09-01", "youth_rehabilitation_order")
    r = reoff(run, service_a)
    assert (r.denominator, r.numerator, r.extra["reoffences"]) == (47, 14, 66)
    assert (r.value, r.extra["per_reoffender"], r.extra["frequency"]) == (29.8, 4.71, 1.40)
    assert len(r.ids) == 47 and len(r.extra["reoffender_ids"]) == 14


def test_frequency_two_places():
    assert reoffending.figures(186, 42, 129)["frequency"] == 0.69  # 0.6935…


# Edge cases of the method -------------------------------------------------------------------------

def test_reoffence_on_the_index_date_does_not_count(service_a, indexed, run):
    f.proven(indexed, INDEX, "2024-03-01")
    assert reoff(run, service_a).numerator == 0


def test_reoffence_the_day_after_index_counts(service_a, indexed, run):
    f.proven(indexed, INDEX + timedelta(days=1), "2024-03-01")
    assert reoff(run, service_a).numerator == 1


def test_reoffence_on_last_day_of_follow_up_counts(service_a, indexed, run):
    last = add_months(INDEX, 12)  # 10 Feb 2025
    f.proven(indexed, last, last + timedelta(days=30))
    assert reoff(run, service_a).extra["reoffences"] == 1


def test_reoffence_day_after_follow_up_does_not_count(service_a, indexed, run):
    f.proven(indexed, add_months(INDEX, 12) + timedelta(days=1), "2025-03-30")
    assert reoff(run, service_a).extra["reoffences"] == 0


def test_proven_on_last_day_of_18_months_counts(service_a, indexed, run):
    f.proven(indexed, "2024-12-01", add_months(INDEX, 18))  # 10 Aug 2025
    assert reoff(run, service_a).numerator == 1


def test_proven_one_day_after_18_months_does_not_count(service_a, indexed, run):
    f.proven(indexed, "2024-12-01", add_months(INDEX, 18) + timedelta(days=1))
    assert reoff(run, service_a).numerator == 0


def test_breach_offences_are_not_reoffences(service_a, indexed, run):
    for cat in ("breach_of_bail", "breach_of_conditional_discharge", "breach_of_statutory_order"):
        f.proven(indexed, "2024-05-01", "2024-06-01", "fine", category=cat)
    assert reoff(run, service_a).extra["reoffences"] == 0


@pytest.mark.parametrize("informal", ["community_resolution", "outcome_22", "outcome_21",
                                      "deferred_prosecution", "youth_restorative_disposal"])
def test_informal_outcomes_are_not_proof(service_a, indexed, run, informal):
    f.proven(indexed, "2024-05-01", "2024-06-01", informal)
    assert reoff(run, service_a).numerator == 0


def test_offence_proven_later_by_a_substantive_outcome_counts_once(service_a, indexed, run):
    of = f.offence(indexed, "2024-05-01")
    f.outcome(indexed, "2024-06-01", "community_resolution", [of])
    f.outcome(indexed, "2024-07-01", "youth_caution", [of])
    f.outcome(indexed, "2024-08-01", "referral_order", [of])
    r = reoff(run, service_a)
    assert (r.numerator, r.extra["reoffences"]) == (1, 1)


def test_unproven_offence_does_not_count(service_a, indexed, run):
    f.offence(indexed, "2024-05-01")
    assert reoff(run, service_a).numerator == 0


def test_custodial_sentence_is_not_an_index_event_but_proves(service_a, run):
    c = f.child(service_a, ref="DTO", dob="2008-06-01")
    f.proven(c, "2024-01-05", "2024-02-01", "detention_training_order")
    assert reoff(run, service_a).denominator == 0
    # …while a custodial sentence proves a reoffence of someone in the cohort
    d = f.child(service_a, ref="X", dob="2008-06-01")
    f.proven(d, "2024-01-05", "2024-02-01", "youth_caution")
    f.proven(d, "2024-04-01", "2024-06-01", "detention_training_order")
    r = reoff(run, service_a)
    assert (r.ids, r.numerator) == (["X"], 1)


def test_release_from_custody_is_an_index_event(service_a, run):
    c = f.child(service_a, ref="REL", dob="2007-09-01")
    of = f.offence(c, "2023-05-01", seriousness=6)
    dto = f.outcome(c, "2023-08-01", "detention_training_order", [of])
    f.custody(c, "2023-08-01", "2024-02-01", outcome=dto)
    f.proven(c, "2024-01-20", "2024-03-01")  # before the release: not a reoffence
    f.proven(c, "2024-02-02", "2024-04-01")  # the day after release: a reoffence
    r = reoff(run, service_a)
    assert (r.ids, r.numerator, r.extra["reoffences"]) == (["REL"], 1, 1)
    tier = {row["group"]: row["cohort"] for row in r.breakdowns["Index outcome tier"]}
    assert tier == {"Release from custody": 1}
    assert r.breakdowns["Index offence seriousness"][0]["group"] == "score 6"


def test_index_is_first_event_and_child_counted_once(service_a, run):
    c = f.child(service_a, ref="TWICE", dob="2008-06-01")
    f.proven(c, "2024-01-01", "2024-01-15", "youth_caution")
    f.proven(c, "2024-01-20", "2024-03-01", "referral_order")  # a reoffence, and in-period outcome
    r = reoff(run, service_a)
    assert (r.denominator, r.numerator) == (1, 1)


def test_children_who_turn_18_during_follow_up_are_followed(service_a, run):
    c = f.child(service_a, ref="SEVENTEEN", dob="2006-03-01")  # 17 at index, 18 from 1 Mar 2024
    f.proven(c, "2024-01-01", "2024-02-10")
    f.proven(c, "2024-06-01", "2024-09-01", "fine")  # committed at 18
    r = reoff(run, service_a)
    assert (r.ids, r.numerator) == (["SEVENTEEN"], 1)


def test_child_aged_18_at_index_is_not_in_cohort(service_a, run):
    c = f.child(service_a, dob="2006-02-09")  # 18 on 9 Feb 2024
    f.proven(c, "2024-01-01", "2024-02-10")
    assert reoff(run, service_a).denominator == 0


def test_child_in_two_quarterly_cohorts(service_a, run):
    c = f.child(service_a, ref="TWOQ", dob="2008-06-01")
    f.proven(c, "2023-12-01", "2024-02-01", "youth_caution")   # Q1 index
    f.proven(c, "2024-03-01", "2024-05-01", "referral_order")  # Q2 index, and Q1's reoffence
    f.proven(c, "2024-06-01", "2024-07-15", "fine")  # a reoffence for both cohorts
    q1, q2 = reoff(run, service_a, Q1), reoff(run, service_a, Period.quarter(2024, 2))
    assert (q1.ids, q1.extra["reoffences"]) == (["TWOQ"], 2)
    assert (q2.ids, q2.extra["reoffences"]) == (["TWOQ"], 1)
    # in a 12-month cohort the child is counted once, from the first index date
    year = reoff(run, service_a, Period.calendar_year(2024))
    assert (year.denominator, year.extra["reoffences"]) == (1, 2)


def test_index_offence_is_the_most_serious_of_the_index_outcome(service_a, run):
    c = f.child(service_a, ref="SER", dob="2008-06-01")
    a, b = f.offence(c, "2024-01-01", seriousness=2), f.offence(c, "2024-01-02", seriousness=5)
    f.outcome(c, "2024-02-01", "referral_order", [a, b])
    r = reoff(run, service_a)
    assert r.breakdowns["Index offence seriousness"] == [
        {"key": "5", "group": "score 5", "cohort": 1, "reoffenders": 0, "reoffences": 0, "binary_rate": 0.0,
         "frequency": 0.0, "per_reoffender": None, "ids": {"cohort": ["SER"], "reoffenders": []}}]


def test_provisional_until_18_months_after_cohort_end(service_a, indexed, run):
    final_on = date(2025, 9, 30)  # Q1 2024 ends 31 Mar 2024
    assert reoff(run, service_a, as_of=final_on - timedelta(days=1)).provisional is True
    assert reoff(run, service_a, as_of=final_on).provisional is False


def test_breakdowns_and_concentration(service_a, run):
    for n, (sex, eth, count) in enumerate([("male", "white_british", 8), ("female", "black_african", 1),
                                          ("male", "asian_indian", 0), ("female", "not_known", 1)]):
        c = f.child(service_a, ref=f"B{n}", dob="2011-06-01" if n < 2 else "2007-06-01", sex=sex, ethnicity=eth)
        f.proven(c, "2024-01-01", "2024-02-01")
        for k in range(count):
            f.proven(c, date(2024, 4, 1) + timedelta(days=k), "2024-10-01")
    r = reoff(run, service_a)
    assert (r.denominator, r.numerator, r.extra["reoffences"]) == (4, 3, 10)
    ages = {row["group"]: (row["cohort"], row["reoffenders"]) for row in r.breakdowns["Age band"]}
    assert ages == {"10–14": (2, 2), "15–17": (2, 1)}
    sexes = {row["group"]: row["binary_rate"] for row in r.breakdowns["Sex"]}
    assert sexes == {"Female": 100.0, "Male": 50.0}
    groups = [row["group"] for row in r.breakdowns["Ethnic group"]]
    assert groups == ["White (other than Gypsy, Roma or Traveller)", "Asian or Asian British",
                      "Black, Black British, Caribbean or African", "Not stated or not known"]
    # top 10% of 3 reoffenders → 1 child with 8 of the 10 reoffences
    assert r.extra["concentration"] == {"top_reoffenders": 1, "their_reoffences": 8, "share_of_reoffences": 80.0,
                                        "top_ids": ["B0"]}
    # each breakdown adds up to the whole
    for rows in r.breakdowns.values():
        assert sum(x["cohort"] for x in rows) == 4 and sum(x["reoffences"] for x in rows) == 10
