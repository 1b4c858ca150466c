"""Comparators, change and RAG."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from openyj.indicators.comparators import change, published
from openyj.indicators.engine import tables_for
from openyj.indicators.models import ComparatorValue, IndicatorSetting
from openyj.indicators.periods import Period
from openyj.indicators.rag import rag
from openyj.indicators.suite import with_comparators

from . import factories as f


@pytest.mark.parametrize(("value", "comp", "better", "expected"), [
    (10, 12, "lower", "green"),
    (12, 12, "lower", "green"),
    (12.6, 12, "lower", "amber"),   # worse by exactly 5%
    (12.61, 12, "lower", "red"),
    (80, 80, "higher", "green"),
    (76, 80, "higher", "amber"),    # 5% worse
    (75.9, 80, "higher", "red"),
    (1, 0, "lower", "red"),
    (None, 3, "lower", None),
    (3, None, "lower", None),
])
def test_rag(value, comp, better, expected):
    assert rag(value, comp, better) == expected


def test_rag_tolerance_configurable():
    assert rag(13, 12, "lower", Decimal(10)) == "amber"
    assert rag(13, 12, "lower", 0) == "red"


def test_change():
    assert change(29.8, 32.5) == (-2.7, -8.3)
    assert change(5, 0) == (5, None)
    assert change(None, 1) == (None, None)


def test_published_prefers_exact_period_then_latest_earlier(service_a):
    def cv(area, start, end, value):
        return ComparatorValue(service=service_a, indicator="fte", area_type="national", area_name=area,
                               period_start=date.fromisoformat(start), period_end=date.fromisoformat(end),
                               value=Decimal(value), source="MoJ Youth Justice Statistics",
                               published_on=date(2025, 1, 30))
    values = [cv("England and Wales", "2023-01-01", "2023-12-31", "169"),
              cv("England and Wales", "2024-01-01", "2024-12-31", "157"),
              cv("England and Wales", "2025-01-01", "2025-12-31", "150"),
              cv("Wales", "2022-01-01", "2022-12-31", "180")]
    got = published("fte", Period.calendar_year(2024), values)
    assert [(c.label, c.value, c.period_end) for c in got] == [
        ("National: England and Wales", 157.0, "2024-12-31"), ("National: Wales", 180.0, "2022-12-31")]
    assert got[0].source == "MoJ Youth Justice Statistics" and got[0].published_on == "2025-01-30"


def test_with_comparators_on_records(service_a):
    f.population("E08000901", 2024, 10_000)
    f.population("E08000901", 2023, 10_000)
    # two FTEs in Q2 2024, one in Q1 2024, four in Q2 2023
    for ref, when in [("a", "2024-04-10"), ("b", "2024-05-10"), ("c", "2024-02-10"), ("d", "2023-04-10"),
                      ("e", "2023-04-11"), ("f", "2023-04-12"), ("g", "2023-05-12")]:
        f.proven(f.child(service_a, ref=ref, dob="2009-01-01"), "2023-01-01", when)
    IndicatorSetting.objects.create(service=service_a, indicator="fte", target=Decimal("19.5"))
    ComparatorValue.objects.create(service=service_a, indicator="fte", area_type="region", area_name="South East",
                                   period_start=date(2024, 4, 1), period_end=date(2024, 6, 30),
                                   value=Decimal("35"), source="published", published_on=date(2024, 10, 1))
    t = tables_for([service_a], as_of=date(2030, 1, 1))
    r = with_comparators(service_a, Period.quarter(2024, 2), t, only={"fte"})["fte"]
    assert r.value == 20.0
    comps = {c.area_type or c.kind: c for c in r.comparators}
    assert (comps["previous_period"].value, comps["previous_period"].numerator,
            comps["previous_period"].rag) == (10.0, 1, "red")
    assert (comps["previous_period"].change_absolute, comps["previous_period"].change_relative) == (10.0, 100.0)
    assert (comps["year_earlier"].value, comps["year_earlier"].rag) == (40.0, "green")
    assert (comps["target"].value, comps["target"].rag) == (19.5, "amber")  # 2.6% worse than target
    assert (comps["region"].value, comps["region"].rag, comps["region"].source) == (35.0, "green", "published")


def test_definition_parameters_come_from_indicator_settings(service_a):
    from openyj.indicators.suite import service_suite

    c = f.child(service_a, dob="2008-01-01")
    f.proven(c, "2024-01-05", "2024-02-01", category="domestic_burglary", seriousness=4)
    period = Period.quarter(2024, 1)
    assert service_suite(service_a, period, only={"serious_violence"})["serious_violence"].numerator == 0
    IndicatorSetting.objects.create(service=service_a, indicator="serious_violence",
                                    parameters={"categories": ["domestic_burglary"], "min_seriousness": 4})
    assert service_suite(service_a, period, only={"serious_violence"})["serious_violence"].numerator == 1


def test_reference_data_is_in_the_admin():
    from django.contrib import admin

    from openyj.indicators.models import CensusEthnicity, Population

    for model in (Population, CensusEthnicity, ComparatorValue, IndicatorSetting):
        assert admin.site.is_registered(model)
