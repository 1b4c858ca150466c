"""Looked-after over-representation and reviews on time: hand-worked, with the Leicester check."""

from __future__ import annotations

from datetime import date

import pytest

from openyj.indicators.engine import Settings
from openyj.indicators.looked_after import times
from openyj.indicators.models import LookedAfterFigure
from openyj.indicators.periods import Period
from openyj.indicators.results import ratio

from . import factories as f

FY = Period.financial_year(2021)  # April 2021 – March 2022
AREA = "E08000901"


def figure(service, as_at, looked_after, children=None, source="Leicester Youth Justice Plan 2022–23, §1.25"):
    return LookedAfterFigure.objects.create(service=service, as_at=date.fromisoformat(as_at),
                                            looked_after=looked_after, children=children, source=source)


@pytest.fixture
def leicester(service_a, service_b):
    """Leicester 2021/22 (§1.25): 6 looked-after children known to the service; 316 in the city.

    The cohort around them is ours: 6 looked after (care order or s20), 2 looked after only because
    remanded, 42 not looked after — 50 children worked with in the year.
    """
    for n in range(50):
        c = f.child(service_a, ref=f"L{n:02d}", dob="2006-06-01")
        f.intervention(c, "2021-09-01", "2021-12-31")
        if n < 6:
            f.looked_after(c, "2019-01-01" if n % 2 else "2021-10-01", legal_basis="care_order" if n % 2 else "s20")
        elif n < 8:
            f.looked_after(c, "2021-11-01", "2021-11-20", legal_basis="remand")
    # looked after, but not worked with in the year
    out = f.child(service_a, ref="NOT-WORKED-WITH")
    f.looked_after(out, "2019-01-01")
    f.intervention(out, "2022-04-01")
    figure(service_a, "2021-03-31", 312)
    figure(service_a, "2022-03-31", 316, children=62_000)
    figure(service_a, "2023-03-31", 300)
    figure(service_b, "2022-03-31", 9)


def test_leicester_known_to_the_service(leicester, service_a, run):
    r = run(service_a, FY, only={"looked_after"})
    known = r["looked_after_known"]
    # 6 of the area's 316 → 1.9% (Leicester: "6 = 1.89%")
    assert (known.numerator, known.denominator, known.value) == (6, 316, 1.9)
    assert known.ids == ["L00", "L01", "L02", "L03", "L04", "L05"]
    assert known.extra["as_at"] == "2022-03-31" and "§1.25" in known.extra["source"]
    assert known.extra["remand_only"] == 2 and known.extra["remand_only_ids"] == ["L06", "L07"]


def test_share_of_cohort_against_share_of_area(leicester, service_a, run):
    share = run(service_a, FY, only={"looked_after"})["looked_after_share"]
    # 6 of 50 = 12.0%; the area: 316 of 62,000 = 0.51% → 0.5%; gap 12.0 − 0.5 = 11.5 points;
    # (6 ÷ 50) ÷ (316 ÷ 62,000) = 372,000 ÷ 15,800 = 23.54 → 23.5 times
    assert (share.numerator, share.denominator, share.value) == (6, 50, 12.0)
    x = share.extra
    assert (x["area_looked_after"], x["area_children"], x["area_percent"], x["gap"], x["times"]) == (
        316, 62_000, 0.5, 11.5, 23.5)
    assert x["area_children_source"] == "entered with the looked-after figure"
    assert share.better == "lower"


def test_remand_only_counted_when_configured(leicester, service_a, run):
    r = run(service_a, FY, only={"looked_after"}, settings=Settings(looked_after_include_remand_only=True))
    # 8 of 316 = 2.53 → 2.5%; 8 of 50 = 16.0%
    assert (r["looked_after_known"].numerator, r["looked_after_known"].value) == (8, 2.5)
    assert r["looked_after_share"].value == 16.0


def test_setting_is_read_from_indicator_settings(leicester, service_a):
    from openyj.indicators.settings_models import IndicatorSetting
    from openyj.indicators.suite import service_suite

    IndicatorSetting.objects.create(service=service_a, indicator="looked_after",
                                    parameters={"include_remand_only": True})
    assert service_suite(service_a, FY, only={"looked_after"})["looked_after_known"].numerator == 8


def test_latest_figure_not_after_the_period(leicester, service_a, run):
    q = run(service_a, Period.quarter(2021, 4), only={"looked_after"})["looked_after_known"]  # Oct–Dec 2021
    assert (q.denominator, q.extra["as_at"]) == (312, "2021-03-31")


def test_area_population_falls_back_to_ons_10_to_17(service_a, run):
    f.population(AREA, 2021, 40_000)
    c = f.child(service_a, ref="ONE")
    f.intervention(c, "2021-06-01")
    f.looked_after(c, "2020-01-01")
    figure(service_a, "2022-03-31", 316)
    share = run(service_a, FY, only={"looked_after"})["looked_after_share"]
    # 316 ÷ 40,000 = 0.79%
    assert (share.value, share.extra["area_children"], share.extra["area_percent"]) == (100.0, 40_000, 0.8)
    assert share.extra["area_children_source"] == "ONS mid-2021 estimate of children aged 10–17"


def test_no_area_figure(service_a, run):
    c = f.child(service_a, ref="ONE")
    f.intervention(c, "2021-06-01")
    r = run(service_a, FY, only={"looked_after"})
    known, share = r["looked_after_known"], r["looked_after_share"]
    assert (known.numerator, known.denominator, known.value) == (0, None, None)
    assert (share.value, share.extra["area_percent"], share.extra["gap"]) == (0.0, None, None)
    assert any("No figure for the area's looked-after children" in n for n in known.notes)


@pytest.mark.parametrize(("known", "all_lac", "expected"), [(6, 316, 1.9), (21, 312, 6.7), (16, 298, 5.4)])
def test_leicester_published_years(known, all_lac, expected):
    """Leicester §1.25: 2021/22 6 of 316 = 1.89%; 2020/21 21 of 312 = 6.7%; 2019/20 16 of 298 = 5.4%."""
    assert ratio(known, all_lac, 100, 1) == expected


def test_times():
    assert times(6, 50, 316, 62_000) == 23.5
    assert times(1, 0, 1, 1) is None and times(1, 1, 0, 1) is None


def test_reviews_on_time(service_a, service_b, run):
    c = f.child(service_a, ref="R")
    i = f.intervention(c, "2023-06-01", ref="IR")
    same_day = f.review(i, "2024-01-10", "2024-01-10")  # on time
    early = f.review(i, "2024-02-10", "2024-02-09")  # on time
    f.review(i, "2024-03-10", "2024-03-11")  # a day late
    f.review(i, "2024-03-31")  # not done
    f.review(i, "2024-04-01", "2024-04-01")  # due after the period
    f.review(i, "2023-12-31", "2024-01-05")  # due before it
    other = f.intervention(f.child(service_b, ref="RB"), "2023-06-01", ref="IRB")
    f.review(other, "2024-01-10", "2024-01-10")
    r = run(service_a, Period.quarter(2024, 1), only={"timeliness"})["reviews_on_time"]
    # 2 of the 4 due in the quarter → 50.0%
    assert (r.numerator, r.denominator, r.value, r.unit, r.better) == (2, 4, 50.0, "%", "higher")
    assert r.ids == [str(same_day.pk), str(early.pk)] and r.ids_kind == "reviews" and r.child_ids == ["R"]
