"""Performance settings pages: administrators only, their own service only, every change audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from openyj.core.models import AuditEvent, Membership
from openyj.core.roles import Role
from openyj.indicators import services
from openyj.indicators.models import ComparatorValue, IndicatorSetting, LookedAfterFigure
from openyj.indicators.suite import settings_for
from tests.conftest import make_user


def when(name: str, day: date) -> dict:
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


@pytest.fixture
def records(service_a):
    figure = LookedAfterFigure.objects.create(service=service_a, as_at=date(2022, 3, 31), looked_after=316,
                                              source="Leicester Youth Justice Plan 2022–23, §1.25")
    value = ComparatorValue.objects.create(
        service=service_a, indicator="fte", area_type="national", area_name="England and Wales",
        period_start=date(2023, 1, 1), period_end=date(2023, 12, 31), value=Decimal(169),
        source="Youth justice statistics 2023 to 2024 (YJB/MoJ)", published_on=date(2025, 1, 30))
    return {"figure": figure, "value": value}


def every_url(records) -> list[str]:
    f, v = records["figure"].pk, records["value"].pk
    return [reverse("indicator_settings"), reverse("indicator_settings_areas"),
            reverse("indicator_settings_indicator", args=["fte"]),
            reverse("indicator_settings_parameters", args=["serious_violence"]),
            reverse("indicator_figure_add"), reverse("indicator_figure_change", args=[f]),
            reverse("indicator_figure_delete", args=[f]), reverse("indicator_comparator_add"),
            reverse("indicator_comparator_change", args=[v]), reverse("indicator_comparator_delete", args=[v])]


@pytest.mark.parametrize("persona", ["case_manager_a", "case_manager_b", "manager",
                                     "board_member", "outsider", "unknown_role"])
def test_every_other_persona_is_refused(personas, client_as, records, persona):
    client = client_as(personas[persona])
    for url in every_url(records):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"area_codes": "E09000001", "looked_after": "1"}).status_code == 403, url
    assert LookedAfterFigure.objects.filter(pk=records["figure"].pk).exists()
    assert ComparatorValue.objects.filter(pk=records["value"].pk).exists()
    assert not AuditEvent.objects.filter(verb__in=["create", "change", "delete"]).exists()


def test_anonymous_is_sent_to_sign_in(client, records):
    for url in every_url(records):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]


def test_administrator_of_another_service_gets_404_on_our_records(service_b, client_as, records):
    admin_b = make_user("administrator_b", service_b, Role.ADMINISTRATOR)
    client = client_as(admin_b)
    f, v = records["figure"].pk, records["value"].pk
    for url in (reverse("indicator_figure_change", args=[f]), reverse("indicator_figure_delete", args=[f]),
                reverse("indicator_comparator_change", args=[v]), reverse("indicator_comparator_delete", args=[v])):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"looked_after": "1", "value": "1"}).status_code == 404, url
    assert LookedAfterFigure.objects.get(pk=f).looked_after == 316
    assert ComparatorValue.objects.filter(pk=v).exists()
    # and their own settings page lists none of ours
    html = client.get(reverse("indicator_settings")).content.decode()
    assert "Leicester" not in html and "England and Wales" not in html


def test_administrator_sees_the_settings_page(administrator, client_as, records):
    from tests.indicators import factories as f

    f.population("E08000901", 2021, 1_000)
    f.population("E08000901", 2024, 1_000)
    f.census("E08000901", "census_2021", {"white": 10})
    html = client_as(administrator).get(reverse("indicator_settings")).content.decode()
    assert "<strong>E08000901</strong>: population estimates 2021 to 2024; census_2021" in html
    assert "First time entrants (local records)" in html and "Reviews done on time" in html
    assert "316" in html and "Leicester Youth Justice Plan" in html
    assert "England and Wales" in html and "169" in html
    assert "Drugs offences, Robbery, Violence against the person; seriousness score 5 or more" in html


def test_area_codes(administrator, client_as, service_a):
    client = client_as(administrator)
    url = reverse("indicator_settings_areas")
    bad = client.post(url, {"area_codes": "E08000901, leeds"})
    assert bad.status_code == 400 and "LEEDS is not an ONS area code" in bad.content.decode()
    assert 'class="govuk-error-summary"' in bad.content.decode()
    ok = client.post(url, {"area_codes": "e08000035\nE08000036, E08000035"})
    assert ok.status_code == 302 and ok["Location"] == reverse("indicator_settings")
    service_a.refresh_from_db()
    assert service_a.area_codes == ["E08000035", "E08000036"]
    event = AuditEvent.objects.get(object_type="core.Service", verb="change")
    assert event.user == administrator and event.changes == {"area_codes": [["E08000901"],
                                                                            ["E08000035", "E08000036"]]}


def test_indicator_target_tolerance_and_direction(administrator, client_as, service_a):
    client = client_as(administrator)
    url = reverse("indicator_settings_indicator", args=["feedback"])
    page = client.get(url).content.decode()
    assert "The indicator&#x27;s default (higher is better)" in page or "The indicator's default (higher is better)" \
        in page
    bad = client.post(url, {"target": "eighty", "tolerance_percent": "150"})
    html = bad.content.decode()
    assert bad.status_code == 400 and "Target must be a number" in html and "100 or less" in html
    assert client.post(url, {"target": "80", "tolerance_percent": "10", "better": "higher"}).status_code == 302
    s = IndicatorSetting.objects.get(service=service_a, indicator="feedback")
    assert (s.target, s.tolerance_percent, s.better) == (Decimal("80.000"), Decimal("10.00"), "higher")
    event = AuditEvent.objects.get(object_type="indicators.IndicatorSetting")
    assert event.verb == "create" and event.changes["target"] == [None, "80.000"]
    # unchanged: no new event; changed: one
    client.post(url, {"target": "80", "tolerance_percent": "10", "better": "higher"})
    client.post(url, {"target": "", "tolerance_percent": "10", "better": ""})
    assert AuditEvent.objects.filter(object_type="indicators.IndicatorSetting").count() == 2
    s.refresh_from_db()
    assert (s.target, s.better) == (None, "")
    assert client.get(reverse("indicator_settings_indicator", args=["no-such"])).status_code == 404


def test_target_reaches_the_dashboard(administrator, performance_officer, client_as, service_a):
    client_as(administrator).post(reverse("indicator_settings_indicator", args=["fte"]),
                                  {"target": "150", "tolerance_percent": "5", "better": ""})
    html = client_as(performance_officer).get(reverse("dashboard")).content.decode()
    assert "Target" in html and "150.0" in html


def test_definition_parameters(administrator, client_as, service_a):
    client = client_as(administrator)
    url = reverse("indicator_settings_parameters", args=["serious_violence"])
    assert client.post(url, {"categories": [], "min_seriousness": "9"}).status_code == 400
    assert client.post(url, {"categories": ["robbery", "possession_of_weapons"], "min_seriousness": "4"}).status_code \
        == 302
    s = settings_for(service_a)
    assert (s.syv_categories, s.syv_min_seriousness) == (("robbery", "possession_of_weapons"), 4)
    client.post(reverse("indicator_settings_parameters", args=["looked_after"]), {"include_remand_only": "True"})
    client.post(reverse("indicator_settings_parameters", args=["remands_no_custody"]), {"window_days": "14"})
    s = settings_for(service_a)
    assert (s.looked_after_include_remand_only, s.remand_custody_window_days) == (True, 14)
    assert AuditEvent.objects.filter(object_type="indicators.IndicatorSetting", verb="change").count() == 3
    page = client.get(reverse("indicator_settings")).content.decode()
    assert "Robbery, Possession of weapons; seriousness score 4 or more" in page
    assert "up to 14 days" in page and "are counted" in page
    assert client.get(reverse("indicator_settings_parameters", args=["fte"])).status_code == 404


def test_looked_after_figures_add_change_delete(administrator, client_as, service_a):
    client = client_as(administrator)
    data = {**when("as_at", date(2022, 3, 31)), "looked_after": "316", "children": "",
            "source": "Leicester Youth Justice Plan 2022–23, §1.25"}
    assert client.post(reverse("indicator_figure_add"), data).status_code == 302
    figure = LookedAfterFigure.objects.get(service=service_a)
    assert (figure.looked_after, figure.children, figure.as_at) == (316, None, date(2022, 3, 31))
    again = client.post(reverse("indicator_figure_add"), data)
    assert again.status_code == 400 and "already a figure for this date" in again.content.decode()
    missing = client.post(reverse("indicator_figure_add"), {"looked_after": "lots"})
    html = missing.content.decode()
    assert missing.status_code == 400 and "Enter date of the count" in html and "whole number" in html
    change = reverse("indicator_figure_change", args=[figure.pk])
    assert client.post(change, {**data, "children": "62000"}).status_code == 302
    figure.refresh_from_db()
    assert figure.children == 62_000
    event = AuditEvent.objects.get(object_type="indicators.LookedAfterFigure", verb="change")
    assert event.changes == {"children": [None, 62000]}
    assert "Delete the looked-after figure at 31 March 2022?" in client.get(
        reverse("indicator_figure_delete", args=[figure.pk])).content.decode()
    assert client.post(reverse("indicator_figure_delete", args=[figure.pk])).status_code == 302
    assert not LookedAfterFigure.objects.exists()
    assert AuditEvent.objects.filter(object_type="indicators.LookedAfterFigure", verb="delete",
                                     user=administrator).exists()


def test_published_values_add_change_delete(administrator, client_as, service_a):
    client = client_as(administrator)
    data = {"indicator": "reoffending", "area_type": "national", "area_name": "England and Wales",
            **when("period_start", date(2021, 4, 1)), **when("period_end", date(2022, 3, 31)), "value": "32.2",
            "source": "Youth justice statistics 2022 to 2023 (YJB/MoJ)", **when("published_on", date(2024, 1, 25))}
    assert client.post(reverse("indicator_comparator_add"), data).status_code == 302
    value = ComparatorValue.objects.get(service=service_a)
    assert (value.value, value.period_end, value.published_on) == (Decimal("32.200"), date(2022, 3, 31),
                                                                  date(2024, 1, 25))
    assert AuditEvent.objects.filter(object_type="indicators.ComparatorValue", verb="create").exists()
    clash = client.post(reverse("indicator_comparator_add"), data)
    assert clash.status_code == 400 and "already a value for this indicator, area and period" in \
        clash.content.decode()
    backwards = client.post(reverse("indicator_comparator_add"), {**data, **when("period_end", date(2021, 1, 1))})
    assert backwards.status_code == 400 and "same as or after its start" in backwards.content.decode()
    change = reverse("indicator_comparator_change", args=[value.pk])
    assert client.post(change, {**data, "value": "32.5"}).status_code == 302
    value.refresh_from_db()
    assert value.value == Decimal("32.500")
    assert AuditEvent.objects.get(object_type="indicators.ComparatorValue", verb="change").changes == {
        "value": ["32.200", "32.500"]}
    assert client.post(reverse("indicator_comparator_delete", args=[value.pk])).status_code == 302
    assert not ComparatorValue.objects.exists()


def test_services_refuse_anyone_who_cannot_set_targets(service_a, manager, records):
    with pytest.raises(PermissionDenied):
        services.service_area_codes_set(user=manager, service=service_a, area_codes=["E08000001"])
    with pytest.raises(PermissionDenied):
        services.looked_after_figure_delete(user=manager, figure=records["figure"])
    with pytest.raises(PermissionDenied):
        services.comparator_value_update(user=manager, comparator=records["value"], value=1)


def test_a_performance_officer_sets_targets_and_comparators(client_as, performance_officer, records):
    client = client_as(performance_officer)
    assert client.get(reverse("indicator_settings")).status_code == 200
    value = records["value"]
    response = client.post(reverse("indicator_comparator_delete", args=[value.pk]))
    assert response.status_code == 302
    assert not ComparatorValue.objects.filter(pk=value.pk).exists()


def test_an_administrator_who_is_also_another_role_elsewhere(service_a, service_b, client_as, records):
    """A user who administers B and manages cases in A cannot change A's settings from A."""
    user = make_user("two_hats", service_b, Role.ADMINISTRATOR)
    Membership.objects.create(user=user, service=service_a, role=Role.MANAGER)
    with pytest.raises(PermissionDenied):
        services.looked_after_figure_delete(user=user, figure=records["figure"])
