"""The performance dashboard and drill-down: who sees what."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from openyj.core.models import AuditEvent

from . import factories as f

PERIOD = "quarter:2024-03-31"


@pytest.fixture
def figures(service_a, service_b):
    f.population("E08000901", 2024, 20_000)
    for n in range(7):
        c = f.child(service_a, ref=f"FTE-{n}", dob="2009-05-01", given_name=f"Alex{n}", family_name="Example")
        f.proven(c, "2024-01-01", f"2024-02-{n + 10}", "youth_caution")
    k = f.child(service_a, ref="CUST-1", dob="2008-05-01", given_name="Sam", family_name="Secret")
    f.proven(k, "2023-12-01", "2024-03-01", "detention_training_order")
    other = f.child(service_b, ref="B-ONLY", dob="2009-05-01")
    f.proven(other, "2024-01-01", "2024-02-10")


@pytest.fixture
def travel():
    with time_machine.travel(date(2024, 5, 1)):
        yield


@pytest.mark.parametrize("persona", ["case_manager_a", "case_manager_b", "administrator", "outsider", "unknown_role"])
def test_dashboard_refuses_roles_without_figures(personas, client_as, persona):
    assert client_as(personas[persona]).get(reverse("dashboard")).status_code == 403


def test_dashboard_requires_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("persona", ["case_manager_a", "board_member", "administrator", "outsider"])
def test_drilldown_refuses_roles_without_identities(personas, client_as, persona):
    url = reverse("indicator_drilldown", args=["fte"])
    assert client_as(personas[persona]).get(url).status_code == 403


def test_performance_officer_sees_figures_and_drills_down(figures, performance_officer, client_as, travel):
    client = client_as(performance_officer)
    page = client.get(reverse("dashboard"), {"period": PERIOD})
    assert page.status_code == 200
    html = page.content.decode()
    assert "First time entrants (local records)" in html and "per 100,000 children aged 10–17" in html
    assert "40.0" in html  # 8 (7 cautions + 1 DTO, all first substantive outcomes) ÷ 20,000 × 100,000
    assert reverse("indicator_drilldown", args=["fte"]) in html
    # one Vega-Lite spec per chart, in a non-executing JSON block, with the table of the same figures
    specs = re.findall(r'<script id="chart-(\w+)" type="application/json">(.*?)</script>', html, re.S)
    assert {name for name, _ in specs} >= {"fte", "reoffending", "custody", "remand_nights"}
    fte_spec = json.loads(dict(specs)["fte"])
    values = fte_spec["data"]["values"]
    assert len(values) == 8 and values[-1] == {"quarter": "Jan–Mar 24", "value": 40.0, "order": 7}
    assert "<script>" not in html  # no inline script (CSP)
    drill = client.get(reverse("indicator_drilldown", args=["fte"]), {"period": PERIOD})
    text = drill.content.decode()
    assert drill.status_code == 200 and "FTE-0" in text and "Alex0 Example" in text and "B-ONLY" not in text
    assert AuditEvent.objects.filter(object_type="indicator drill-down", object_id="fte",
                                     user=performance_officer).exists()


def test_manager_drills_down_to_children_of_offence_counts(figures, manager, client_as, travel):
    client = client_as(manager)
    r = client.get(reverse("indicator_drilldown", args=["custody"]), {"period": PERIOD, "list": "children"})
    assert r.status_code == 200 and "Sam Secret" in r.content.decode()
    assert client.get(reverse("indicator_drilldown", args=["nope"])).status_code == 404


def test_board_member_sees_counts_without_identities_and_small_numbers_suppressed(
        figures, board_member, client_as, travel):
    page = client_as(board_member).get(reverse("dashboard"), {"period": PERIOD})
    assert page.status_code == 200
    html = page.content.decode()
    for identity in ("FTE-0", "Alex0", "CUST-1", "Sam Secret", "Example"):
        assert identity not in html
    assert "indicator_drilldown" not in html and "/performance/fte/" not in html
    # 8 first time entrants: shown; 1 custodial sentence: suppressed with its rate
    fte = re.search(r'id="fte".*?</section>', html, re.S).group(0)
    assert 'data-figure="numerator">8<' in fte
    custody = re.search(r'id="custody".*?</section>', html, re.S).group(0)
    assert "fewer than 5" in custody and "0.05" not in custody
    spec = json.loads(re.search(r'<script id="chart-custody" type="application/json">(.*?)</script>',
                                html, re.S).group(1))
    assert spec["data"]["values"][-1]["value"] is None


def test_period_picker_offers_every_kind(figures, performance_officer, client_as, travel):
    html = client_as(performance_officer).get(reverse("dashboard")).content.decode()
    for group in ("Quarter", "Financial year", "Calendar year", "Rolling 12 months"):
        assert f'label="{group}"' in html
    assert 'value="quarter:2024-03-31" selected' in html  # default: latest complete quarter
    r = client_as(performance_officer).get(reverse("dashboard"), {"period": "financial_year:2024-03-31"})
    assert "Performance: 2023/24" in r.content.decode()
