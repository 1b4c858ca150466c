"""The two KPI settings (early help for KPI 8, the board attendance threshold for KPI 7) on the
performance settings page, and published KPI values added there."""

from __future__ import annotations

from django.urls import reverse

from openyj.indicators.suite import settings_for


def test_kpi_settings(administrator, client_as, service_a):
    client = client_as(administrator)
    early = reverse("indicator_settings_parameters", args=["kpi_wider_services"])
    assert client.post(early, {}).status_code == 400
    assert client.post(early, {"include_early_help": "True"}).status_code == 302
    board = reverse("indicator_settings_parameters", args=["kpi_board_attendance"])
    bad = client.post(board, {"threshold_percent": "120"})
    assert bad.status_code == 400 and "The threshold must be 100 or less" in bad.content.decode()
    assert client.post(board, {"threshold_percent": "60"}).status_code == 302
    s = settings_for(service_a)
    assert (s.kpi_early_help, s.kpi_board_threshold) == (True, 60.0)
    page = client.get(reverse("indicator_settings")).content.decode()
    assert "Early help counts" in page and "less than 60% are named" in page


def test_published_kpi_value_added_on_the_settings_page(administrator, client_as, service_a):
    client = client_as(administrator)
    response = client.post(reverse("indicator_comparator_add"), {
        "indicator": "kpi_ete", "area_type": "national", "area_name": "England and Wales",
        "period_start_day": "1", "period_start_month": "4", "period_start_year": "2025",
        "period_end_day": "30", "period_end_month": "6", "period_end_year": "2025", "value": "71.2",
        "source": "Illustrative published KPI release"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(reverse("indicator_settings")).content.decode()
    assert "KPI 2: Education, training and employment" in page and "kpi_ete" not in page.split("<main")[1]
