"""Use of custody, remands and remand nights: hand-worked cases."""

from __future__ import annotations

import pytest

from openyj.indicators.engine import Settings
from openyj.indicators.periods import Period

from . import factories as f

Q1 = Period.quarter(2024, 1)  # 1 Jan – 31 Mar 2024, 91 days


@pytest.fixture
def pop(service_a):
    f.population("E08000901", 2024, 40_000)


def test_five_sentences_on_four_children(service_a, pop, run):
    kids = [f.child(service_a, ref=f"K{i}", dob="2008-01-01") for i in range(4)]
    for i, c in enumerate(kids):
        f.proven(c, "2023-12-01", f"2024-0{i + 1}-15", "detention_training_order")
    f.proven(kids[0], "2023-12-02", "2024-03-31", "section_250")
    f.proven(kids[1], "2023-12-02", "2024-02-01", "youth_rehabilitation_order")  # not custodial
    r = run(service_a, Q1, only={"custody"})["custody"]
    assert (r.extra["sentences"], r.extra["children_sentenced"], r.denominator) == (4, 3, 40_000)
    # K3's sentence is dated 2024-04-15: outside the quarter
    assert r.child_ids == ["K0", "K1", "K2"]
    assert r.value == 0.1  # 4 / 40,000 × 1,000 = 0.10
    assert r.places == 2 and r.unit == "per 1,000 children aged 10–17"


def test_custody_rate_two_places_half_up(service_a, run):
    f.population("E08000901", 2024, 8_000)
    c = f.child(service_a, dob="2008-01-01")
    for k in range(5):
        f.proven(c, "2023-12-01", f"2024-01-1{k}", "detention_training_order")
    r = run(service_a, Q1, only={"custody"})["custody"]
    assert r.value == 0.63  # 5 / 8,000 × 1,000 = 0.625 → 0.63 (half up, not banker's 0.62)


def test_custody_age_on_outcome_date(service_a, pop, run):
    old = f.child(service_a, dob="2006-01-15")  # 18 on 15 Jan 2024
    f.proven(old, "2023-12-01", "2024-01-15", "section_250")
    young = f.child(service_a, ref="Y", dob="2006-01-16")
    f.proven(young, "2023-12-01", "2024-01-15", "section_250")
    assert run(service_a, Q1, only={"custody"})["custody"].child_ids == ["Y"]


# Remand nights -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("start", "end", "nights"), [
    ("2024-01-10", "2024-01-13", 3),   # nights 10, 11, 12
    ("2024-01-10", "2024-01-10", 0),   # left the same day: no night
    ("2023-12-25", "2024-01-03", 2),   # nights 1 and 2 Jan inside the period
    ("2024-03-30", "2024-04-05", 2),   # nights 30 and 31 March
    ("2024-03-31", None, 1),           # open: counts to the period end
    ("2023-10-01", None, 91),          # open throughout the quarter
    ("2023-10-01", "2024-01-01", 0),   # left on the first day: the night of 31 Dec is outside
    ("2024-04-01", "2024-04-03", 0),   # after the period
])
def test_remand_nights(service_a, run, start, end, nights):
    c = f.child(service_a, ref="R", dob="2008-01-01")
    f.remand(c, start, end)
    r = run(service_a, Q1, only={"remands"})["remand_nights"]
    assert r.value == nights
    assert r.ids == (["R"] if nights else [])
    assert r.unit == "nights"


def test_nights_only_in_youth_detention(service_a, run):
    c = f.child(service_a, dob="2008-01-01")
    f.remand(c, "2024-01-10", "2024-01-20", "la_accommodation")
    f.remand(c, "2024-01-10", "2024-01-20", "bail_support")
    assert run(service_a, Q1, only={"remands"})["remand_nights"].value == 0


def test_remands_started_by_type_and_children(service_a, run):
    a, b = f.child(service_a, ref="A", dob="2008-01-01"), f.child(service_a, ref="B", dob="2008-01-01")
    f.remand(a, "2024-01-10", "2024-01-20", "youth_detention", ref="R1")
    f.remand(a, "2024-02-10", "2024-02-20", "la_accommodation", ref="R2")
    f.remand(b, "2024-03-31", None, "youth_detention", ref="R3")
    f.remand(b, "2023-12-31", "2024-01-20", "bail_support", ref="R0")  # started before the period
    r = run(service_a, Q1, only={"remands"})["remands"]
    assert (r.value, r.extra["children_remanded"], r.ids) == (3, 2, ["R1", "R2", "R3"])
    by_type = {row["group"]: row["remands"] for row in r.breakdowns["Remand type"]}
    assert by_type == {"Bail with supervision and support": 0, "Remand to local authority accommodation": 1,
                       "Remand to youth detention accommodation": 2}


def test_remands_not_followed_by_custody(service_a, run):
    a, b, c = (f.child(service_a, ref=x, dob="2008-01-01") for x in "ABC")
    f.remand(a, "2024-01-01", "2024-02-01", ref="RA")
    f.proven(a, "2023-12-20", "2024-02-01", "detention_training_order")  # sentenced to custody
    f.remand(b, "2024-01-01", "2024-02-01", ref="RB")
    f.proven(b, "2023-12-20", "2024-02-01", "youth_rehabilitation_order")  # community sentence
    f.remand(c, "2024-01-01", "2024-02-01", ref="RC")
    f.proven(c, "2023-12-20", "2024-03-04", "section_250")  # 32 days after: outside the window
    f.remand(c, "2024-03-01", None, ref="ROPEN")  # still open: not in the denominator
    r = run(service_a, Q1, only={"remands"})["remands_no_custody"]
    assert (r.numerator, r.denominator, r.value) == (2, 3, 66.7)
    assert r.ids == ["RB", "RC"]
    wider = run(service_a, Q1, only={"remands"}, settings=Settings(remand_custody_window_days=40))
    assert wider["remands_no_custody"].ids == ["RB"]
