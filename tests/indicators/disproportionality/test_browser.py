"""The disproportionality page on the demo data in Debian's Chromium: charts drawn under the strict
CSP with their tables, axe (WCAG 2.2 AA) clean at 1280 and 390 pixels, the drill-down from a stage
to its children for a performance officer, and no identities or lists for a board member."""

from __future__ import annotations

import os
from datetime import date

import pytest

from openyj.core.models import Membership, Service
from openyj.core.roles import Role
from tests.browser_support import axe_violations
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUERY = "period=financial_year:2026-03-31&window=3&stage=custody"
WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.fixture
def demo(tmp_path):
    from openyj.core.actors import COMMAND_LINE
    from openyj.demo.generate import generate_demo
    from openyj.interchange.importer import import_path

    generate_demo(tmp_path / "demo", children=400, years=5, end=date(2026, 3, 31))
    report = import_path(tmp_path / "demo", service_code="DEMO", user=COMMAND_LINE)
    assert report.ok, report.text()
    return Service.objects.get(code="DEMO")


def snap(page, name):
    folder = os.environ.get("OPENYJ_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def describe(violations) -> str:
    return "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in violations)


def signed_in(browser, live_server, user, width):
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(60000)  # the machine is shared: a slow page is not a failure here
    problems = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page, problems


def test_officer_follows_a_stage_to_the_children(browser, live_server, demo):
    officer = make_user("perf_dp")
    Membership.objects.create(user=officer, service=demo, role=Role.PERFORMANCE_OFFICER)
    for name, width in WIDTHS.items():
        page, problems = signed_in(browser, live_server, officer, width)
        page.goto(f"{live_server.url}/performance/disproportionality/?{QUERY}")
        assert page.locator("h1").inner_text() == "Disproportionality"
        page.wait_for_selector("#stage-detail .openyj-chart[data-rendered=true] svg")
        page.wait_for_selector("#ladder-title ~ .openyj-chart[data-rendered=true] svg")
        assert not page.locator(".openyj-chart[data-error]").count()
        assert not problems, problems  # nothing refused by the CSP, no script errors
        assert page.locator("#table-stage tbody tr").count() == 7  # five groups, not known, all children
        assert "points more" in page.locator("[data-section=readings]").inner_text()
        violations = axe_violations(page)
        assert not violations, describe(violations)
        snap(page, f"disproportionality-officer-{name}")
        if name == "phone":  # wide tables scroll inside their own pane, the page does not
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.context.close()
    page, problems = signed_in(browser, live_server, officer, 1280)
    page.goto(f"{live_server.url}/performance/disproportionality/?{QUERY}")
    link = page.locator("#table-stage tbody tr[data-group=white] a")
    count = int(link.inner_text().replace(",", ""))
    link.click()
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "The children counted"
    assert page.locator("table tbody tr").count() == count
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.locator("table tbody tr a").first.click()  # on to the child's own page
    page.wait_for_load_state("networkidle")
    assert page.url.rstrip("/").split("/")[-1].isdigit()
    page.context.close()


def test_board_member_sees_aggregates_only(browser, live_server, demo):
    member = make_user("board_dp")
    Membership.objects.create(user=member, service=demo, role=Role.BOARD_MEMBER)
    page, problems = signed_in(browser, live_server, member, 390)
    page.goto(f"{live_server.url}/performance/disproportionality/?{QUERY}")
    page.wait_for_selector(".openyj-chart[data-rendered=true]")
    assert not page.locator("#table-stage a").count()
    assert "fewer than 5" in page.locator("main").inner_text()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    snap(page, "disproportionality-board-phone")
    response = page.goto(f"{live_server.url}/performance/disproportionality/children/?{QUERY}&group=white")
    assert response.status == 403
    page.context.close()
