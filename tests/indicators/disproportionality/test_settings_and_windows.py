"""Reporting lines and the threshold as settings, the school census beside the census, pooled
windows, the children-in-care lens, and targets with their eight-quarter trend."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from openyj.core.models import AuditEvent
from openyj.indicators.disproportionality import compute as dp
from openyj.indicators.disproportionality import selectors, services
from openyj.indicators.engine import tables_for
from openyj.indicators.periods import Period

from .. import factories as f

AREA = "E08000901"
FY = Period.financial_year(2024)


def kid(service, eth, ref, **kw):
    return f.child(service, ethnicity=eth, ref=ref, dob="2009-01-01", **kw)


def test_school_census_shares_beside_the_census(service_a):
    f.census(AREA, "census_2021", {"white": 900, "black": 100})
    f.census(AREA, "school_census_2024", {"white": 800, "black": 200})
    f.census(AREA, "school_census_2026", {"white": 1, "black": 1})  # after the period: not used
    for i in range(3):
        f.outcome(kid(service_a, "black_other", f"B{i}"), "2024-06-01", "youth_caution")
    f.outcome(kid(service_a, "white_british", "W"), "2024-06-01", "youth_caution")
    r = dp.compute(tables_for([service_a]), FY)[service_a.pk]
    black = r["stages"]["caution"]["groups"]["black"]
    assert (black["share"], black["population_share"], black["gap_pp"]) == (75.0, 10.0, 65.0)
    assert (black["school_population_share"], black["school_gap_pp"]) == (20.0, 55.0)
    assert r["school_census"]["source"] == "school_census_2024"


def test_reporting_lines_and_threshold_are_settings(service_a, administrator, manager):
    with pytest.raises(PermissionDenied):
        services.disproportionality_parameters_set(user=manager, service=service_a, min_count=3, lines=[])
    with pytest.raises(ValidationError) as e:
        services.disproportionality_parameters_set(user=administrator, service=service_a, min_count=3,
                                                   lines=[{"label": "Irish heritage", "codes": ["irish"]}])
    assert "irish are not codes" in str(e.value)
    services.disproportionality_parameters_set(
        user=administrator, service=service_a, min_count=3,
        lines=[{"key": "irish", "label": "Irish heritage", "codes": ["white_irish", "white_gypsy_irish_traveller"]}])
    o = selectors.options_for(service_a)
    assert o.threshold == 3 and [x["key"] for x in o.lines] == ["irish"]
    assert AuditEvent.objects.filter(summary__contains="reporting lines").count() == 1
    f.census(AREA, "census_2021", {"white_irish": 30, "white_gypsy_irish_traveller": 10, "white_british": 960})
    for i, code in enumerate(["white_irish", "white_irish", "white_gypsy_irish_traveller", "white_british"]):
        f.outcome(kid(service_a, code, f"K{i}"), "2024-06-01", "fine")
    r = dp.compute(tables_for([service_a]), FY, o)[service_a.pk]
    line = r["stages"]["first_tier"]["lines"]["irish"]
    assert (line["count"], line["population"], line["share"], line["population_share"]) == (3, 40, 75.0, 4.0)


def test_pooled_window_counts_each_child_once(service_a):
    f.census(AREA, "census_2021", {"white": 900, "black": 100})
    c = kid(service_a, "black_african", "B")
    for on in ("2022-05-01", "2023-05-01", "2024-05-01"):
        f.outcome(c, on, "referral_order")
    f.outcome(kid(service_a, "white_british", "W1"), "2022-09-01", "fine")
    f.outcome(kid(service_a, "white_british", "W2"), "2025-01-01", "fine")
    window = selectors.window_period(FY, 3)
    assert (window.start, window.end) == (date(2022, 4, 1), date(2025, 3, 31))
    assert selectors.window_period(FY, 1) == FY
    r = dp.compute(tables_for([service_a]), window)[service_a.pk]
    g = r["stages"]["first_tier"]["groups"]
    assert (g["black"]["count"], g["white"]["count"]) == (1, 2)
    one_year = dp.compute(tables_for([service_a]), FY)[service_a.pk]
    # 1 and 1 at first tier, and W2 a first time entrant: too few to read a pattern
    assert selectors.small_stages(one_year) == ["first_tier", "fte"]


def test_children_in_care_lens(service_a):
    f.census(AREA, "census_2021", {"white": 900, "black": 100})
    cared = kid(service_a, "black_african", "CARE")
    f.looked_after(cared, "2023-01-01")
    remanded = kid(service_a, "white_british", "REMAND")
    f.looked_after(remanded, "2024-05-01", legal_basis="remand")
    for c in (cared, remanded, kid(service_a, "white_british", "HOME")):
        f.intervention(c, "2024-04-01")
    r = dp.compute(tables_for([service_a]), FY)[service_a.pk]
    care = r["lenses"]["care"]
    assert care["looked_after"]["cohort"]["groups"]["black"]["ids"] == ["CARE"]
    assert care["not_looked_after"]["cohort"]["groups"]["white"]["ids"] == ["HOME", "REMAND"]
    r2 = dp.compute(tables_for([service_a]), FY, dp.Options(include_remand_only=True))[service_a.pk]
    assert r2["lenses"]["care"]["looked_after"]["cohort"]["groups"]["white"]["ids"] == ["REMAND"]


def test_targets_set_by_managers_and_tracked_over_eight_quarters(service_a, manager, board_member):
    with pytest.raises(PermissionDenied):
        services.disproportionality_target_set(user=board_member, service=service_a, stage="custody",
                                               group="black", gap_pp=10)
    with pytest.raises(ValidationError) as e:
        services.disproportionality_target_set(user=manager, service=service_a, stage="prison", group="black",
                                               gap_pp="ten")
    assert set(e.value.message_dict) == {"stage", "gap_pp"}
    services.disproportionality_target_set(user=manager, service=service_a, stage="custody", group="black",
                                           gap_pp="10")
    assert selectors.targets_for(service_a) == [{"stage": "custody", "group": "black", "gap_pp": 10.0}]
    assert AuditEvent.objects.filter(summary__contains="target for Black").exists()
    f.census(AREA, "census_2021", {"white": 900, "black": 100})
    # custody: one Black child in June 2023, one White child in March 2024
    f.outcome(kid(service_a, "black_caribbean", "B"), "2023-06-01", "detention_training_order")
    f.outcome(kid(service_a, "white_british", "W"), "2024-03-01", "detention_training_order")
    trend = selectors.target_trend(tables_for([service_a]), service_a, date(2025, 3, 31))
    assert len(trend) == 1 and len(trend[0]["points"]) == 8
    gaps = [p["gap_pp"] for p in trend[0]["points"]]
    # quarters ending June 2023 … March 2025, each the 12 months to its end: B alone (100% − 10%), B and W
    # (50% − 10%) in the year to March 2024, W alone, then nobody (no share, no gap)
    assert gaps == [90.0, 90.0, 90.0, 40.0, -10.0, -10.0, -10.0, None]
    assert trend[0]["latest"] is None and trend[0]["met"] is None
    earlier = selectors.target_trend(tables_for([service_a]), service_a, date(2024, 12, 31))
    assert earlier[0]["latest"] == -10.0 and earlier[0]["met"] is True
    services.disproportionality_target_remove(user=manager, service=service_a, stage="custody", group="black")
    assert selectors.targets_for(service_a) == []
