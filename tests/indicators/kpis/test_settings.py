"""The two KPI settings (early help for KPI 8, the board attendance threshold for KPI 7) on the
performance settings page, and published KPI values added there."""

from __future__ import annotations

from django.urls import reverse

from openyj.indicators.suite import settings_for


def test_kpi_settings(administrator, client_as, service_a):
    client = client_as(administrator)
    url = reverse("indicator_settings_parameters", args=["kpis"])
    assert client.post(url, {"threshold_percent": "75"}).status_code == 400  # early help not chosen
    bad = client.post(url, {"include_early_help": "True", "threshold_percent": "120"})
    assert bad.status_code == 400 and "The threshold must be 100 or less" in bad.content.decode()
    assert client.post(url, {"include_early_help": "True", "threshold_percent": "60"}).status_code == 302
    s = settings_for(service_a)
    assert (s.kpi_early_help, s.kpi_board_threshold) == (True, 60.0)
    page = client.get(reverse("indicator_settings")).content.decode()
    assert "Early help counts for KPI 8" in page and "less than 60% are named" in page


def test_published_kpi_value_added_on_the_settings_page(administrator, client_as, service_a):
    client = client_as(administrator)
    response = client.post(reverse("indicator_comparator_add"), {
        "indicator": "kpi_ete", "area_type": "national", "area_name": "England and Wales",
        "period_start_day": "1", "period_start_month": "4", "period_start_year": "2025",
        "period_end_day": "30", "period_end_month": "6", "period_end_year": "2025", "value": "71.2",
        "source": "Illustrative published KPI release"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(reverse("indicator_settings")).content.decode()
    import re

    text = re.sub(r"<[^>]+>", " ", page.split("<main")[1])  # what is on screen, without the markup
    assert "Education, training and employment" in text and "kpi_ete" not in text
