"""Serious youth violence and weapon offences: hand-worked cases and the Leeds check."""

from __future__ import annotations

from datetime import date, timedelta

from openyj.indicators.engine import Settings
from openyj.indicators.periods import Period

from . import factories as f

YEAR = Period.financial_year(2018)  # 2018/19


def test_leeds_63_offences_is_9_1_per_10000(service_a, run):
    """Leeds seed: 63 offences → 9.1 per 10,000 on its population (69,250 aged 10–17)."""
    f.population("E08000901", 2018, 69_250)
    kids = [f.child(service_a, ref=f"S{i:02d}", dob="2003-01-01") for i in range(21)]
    cats = ["robbery", "drugs", "violence_against_the_person"]
    for n in range(63):
        c = kids[n % 21]
        f.proven(c, date(2018, 4, 2) + timedelta(days=n), date(2018, 7, 1) + timedelta(days=n),
                 "youth_rehabilitation_order", category=cats[n % 3], seriousness=5 + n % 4)
    r = run(service_a, YEAR, only={"serious_violence"})["serious_violence"]
    assert (r.numerator, r.extra["children"], r.denominator, r.value) == (63, 21, 69_250, 9.1)
    assert r.unit == "per 10,000 children aged 10–17"
    assert sum(row["offences"] for row in r.breakdowns["Offence category"]) == 63


def test_definition_filters(service_a, run):
    f.population("E08000901", 2018, 10_000)
    c = f.child(service_a, ref="C", dob="2003-01-01")
    f.proven(c, "2018-05-01", "2018-06-01", category="robbery", seriousness=5, ref="IN")
    f.proven(c, "2018-05-01", "2018-06-01", category="robbery", seriousness=4, ref="LOW")
    f.proven(c, "2018-05-01", "2018-06-01", category="domestic_burglary", seriousness=7, ref="CAT")
    f.proven(c, "2018-05-01", "2018-06-01", "community_resolution", category="robbery", seriousness=6,
             ref="INFORMAL")
    f.proven(c, "2018-01-01", "2018-03-31", category="robbery", seriousness=6, ref="BEFORE")
    f.offence(c, "2018-05-01", category="robbery", seriousness=8, ref="UNPROVEN")
    r = run(service_a, YEAR, only={"serious_violence"})["serious_violence"]
    assert r.ids == ["IN"]
    wider = run(service_a, YEAR, only={"serious_violence"},
                settings=Settings(syv_categories=("robbery", "domestic_burglary"), syv_min_seriousness=4))
    assert wider["serious_violence"].ids == ["CAT", "IN", "LOW"]


def test_offence_counted_once_when_proven_twice(service_a, run):
    c = f.child(service_a, dob="2003-01-01")
    of = f.offence(c, "2018-05-01", category="robbery", seriousness=6)
    f.outcome(c, "2018-06-01", "referral_order", [of])
    f.outcome(c, "2018-09-01", "youth_rehabilitation_order", [of])
    assert run(service_a, YEAR, only={"serious_violence"})["serious_violence"].numerator == 1


def test_weapon_offences_by_type(service_a, run):
    c = f.child(service_a, ref="W", dob="2003-01-01")
    f.offence(c, "2018-05-01", weapon="knife", category="possession_of_weapons", description="Possess knife")
    f.offence(c, "2018-06-01", weapon="knife", category="robbery", description="Robbery")
    f.offence(c, "2018-06-01", weapon="firearm", category="robbery", description="Robbery")
    f.offence(c, "2018-06-01", weapon="none")
    f.offence(c, "2019-06-01", weapon="knife")  # outside
    r = run(service_a, YEAR, only={"weapons"})["weapons"]
    assert (r.value, r.child_ids) == (3, ["W"])
    assert {x["group"]: x["offences"] for x in r.breakdowns["Weapon"]} == {"Knife or bladed article": 2,
                                                                          "Firearm": 1}
    assert {x["group"]: x["offences"] for x in r.breakdowns["Offence description"]} == {"Robbery": 2,
                                                                                       "Possess knife": 1}
