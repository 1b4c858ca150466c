"""The dashboard and drill-down on the demo data, in Debian's Chromium (Playwright).

Charts must draw under the strict CSP (no inline script or style, no eval), with the same figures
in tables beside them; drill-downs open to the children counted; board members see no identities.
"""

from __future__ import annotations

from datetime import date

import pytest

from openyj.core.models import Membership, Service
from openyj.core.roles import Role
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERIOD = "quarter:2025-12-31"


@pytest.fixture
def chromium(browser):
    """The shared Chromium of tests/browser_support.py."""
    return browser


@pytest.fixture
def demo(tmp_path):
    from openyj.interchange.generate import generate_demo

    generate_demo(tmp_path / "demo", children=200, years=2, end=date(2026, 3, 31))
    from openyj.interchange.importer import import_path

    report = import_path(tmp_path / "demo", service_code="DEMO")
    assert report.ok, report.text()
    return Service.objects.get(code="DEMO")


def signed_in(chromium, live_server, user):
    context = chromium.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(20000)
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page, problems


def test_dashboard_charts_and_drilldown(chromium, live_server, demo):
    officer = make_user("perf_demo")
    Membership.objects.create(user=officer, service=demo, role=Role.PERFORMANCE_OFFICER)
    page, problems = signed_in(chromium, live_server, officer)
    page.goto(f"{live_server.url}/performance/?period={PERIOD}")
    assert "Performance: October to December 2025" in page.locator("h1").inner_text()
    page.wait_for_selector("#fte .openyj-chart[data-rendered=true] svg")
    assert page.locator(".openyj-chart[data-rendered=true]").count() >= 8
    assert not page.locator(".openyj-chart[data-error]").count()
    assert not problems, problems  # nothing refused by the CSP, no script errors
    # the same figures in a table beside each chart
    assert page.locator("#fte table").last.locator("tbody tr").count() == 8
    page.locator("#reoffending [data-figure=numerator] a").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Proven reoffending (local live tracker)"
    rows = page.locator("table tbody tr")
    assert rows.count() >= 1 and "Nothing was counted" not in rows.first.inner_text()
    page.click("text=Back to performance")
    page.select_option("#period", "financial_year:2025-03-31")
    page.click("text=Show figures")
    assert "Performance: 2024/25" in page.locator("h1").inner_text()
    page.context.close()

    member = make_user("board_demo")
    Membership.objects.create(user=member, service=demo, role=Role.BOARD_MEMBER)
    page, problems = signed_in(chromium, live_server, member)
    page.goto(f"{live_server.url}/performance/?period={PERIOD}")
    page.wait_for_selector(".openyj-chart[data-rendered=true]")
    html = page.content()
    assert "/performance/fte/" not in html
    from openyj.people.models import Child

    for ref in Child.objects.filter(service=demo).values_list("reference", flat=True)[:200]:
        assert ref not in html
    response = page.goto(f"{live_server.url}/performance/fte/?period={PERIOD}")
    assert response.status == 403
