"""The summary, the indicator pages and drill-down on the demo data, in Debian's Chromium (Playwright).

Charts must draw under the strict CSP (no inline script or style, no eval), with the same figures
in tables beside them; the breakdown tables open and drill down to the children counted; board
members see no identities; the dashboard and the settings pages pass axe (WCAG 2.2 AA).
"""

from __future__ import annotations

import os
from datetime import date

import pytest

from openyj.core.actors import COMMAND_LINE
from openyj.core.models import Membership, Service
from openyj.core.roles import Role
from tests.browser_support import axe_violations
from tests.conftest import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERIOD = "quarter:2025-12-31"


@pytest.fixture
def chromium(browser):
    """The shared Chromium of tests/browser_support.py."""
    return browser


@pytest.fixture
def demo(tmp_path):
    from openyj.demo.generate import generate_demo

    generate_demo(tmp_path / "demo", children=200, years=2, end=date(2026, 3, 31))
    from openyj.interchange.importer import import_path

    report = import_path(tmp_path / "demo", user=COMMAND_LINE, service_code="DEMO")
    assert report.ok, report.text()
    from openyj.indicators.models import LookedAfterFigure

    service = Service.objects.get(code="DEMO")
    LookedAfterFigure.objects.create(service=service, as_at=date(2025, 3, 31), looked_after=1_240,
                                     children=160_000, source="Illustrative figure for the demo service")
    return service


def snap(page, name):
    """Save a screenshot when OPENYJ_SCREENSHOTS names a folder (for looking at pages by eye)."""
    folder = os.environ.get("OPENYJ_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def describe(violations) -> str:
    return "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in violations)


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


@pytest.fixture
def stored(demo):
    """The demo's figures for the quarter, computed as the worker would."""
    from openyj.indicators import figures
    from openyj.indicators.periods import Period

    figures.refresh_service(demo, periods=[Period.quarter(2025, 4), Period.financial_year(2024)])
    return demo


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def test_summary_and_indicator_pages(chromium, live_server, stored):
    demo = stored
    officer = make_user("perf_demo")
    Membership.objects.create(user=officer, service=demo, role=Role.PERFORMANCE_OFFICER)
    page, problems = signed_in(chromium, live_server, officer)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/performance/?period={PERIOD}")
    assert "Performance: October to December 2025" in page.locator("h1").inner_text()
    # the summary answers first: every indicator in one table per group, national first
    national = page.locator("#summary-national")
    assert national.is_visible() and national.locator("caption").inner_text() == "National indicators"
    fte = page.locator("tr[data-indicator=fte]")
    assert "12 months to December 2025" in fte.inner_text()
    assert page.locator("#summary-local tbody tr").count() >= 10
    assert "Computed on" in page.locator("[data-figures-status=vintage]").inner_text()
    # a rating is a coloured tag with its word (never colour alone)
    for tag in page.locator(".openyj-rag").all():
        assert tag.inner_text() in ("Red", "Amber", "Green")
        assert tag.evaluate("e => getComputedStyle(e).backgroundColor") != "rgb(29, 112, 184)"  # not the blue
    violations = axe_violations(page)
    assert not violations, describe(violations)
    snap(page, "summary-officer-1280")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the tables scroll in their pane
    violations = axe_violations(page)
    assert not violations, describe(violations)
    snap(page, "summary-officer-390")
    page.set_viewport_size(DESKTOP)
    # each row opens the indicator's own page: chart, the same figures in a table, comparators, definition
    fte.locator("a").first.click()
    page.wait_for_selector("#fte .openyj-chart[data-rendered=true] svg")
    assert not page.locator(".openyj-chart[data-error]").count()
    assert not problems, problems  # nothing refused by the CSP, no script errors
    assert page.locator("#fte table").last.locator("tbody tr").count() == 8
    assert "What this measures" in page.locator("main").inner_text()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    snap(page, "indicator-fte-1280")
    page.set_viewport_size(PHONE)
    violations = axe_violations(page)
    assert not violations, describe(violations)
    snap(page, "indicator-fte-390")
    page.set_viewport_size(DESKTOP)
    # the breakdowns open, add up, and drill down to the children counted
    page.goto(f"{live_server.url}/performance/reoffending/?period={PERIOD}")
    page.click("#reoffending-breakdowns summary")
    age = page.locator("#table-reoffending-age-band")
    assert age.is_visible() and age.locator("tbody tr").last.inner_text().startswith("Total")
    assert not page.locator("[data-table-error]").count()
    cell = page.locator("#table-reoffending-age-band tbody tr").first.locator("a").first
    count = int(cell.inner_text().split()[0].replace(",", ""))
    cell.click()
    page.wait_for_load_state("networkidle")
    assert "Age band:" in page.locator("main").inner_text()
    assert page.locator("table tbody tr").count() == count
    page.goto(f"{live_server.url}/performance/profile/?period={PERIOD}")
    page.click("#profile-breakdowns summary")
    assert "Gypsy, Roma or Traveller" in page.locator("#table-profile-ethnic-group").inner_text()
    page.goto(f"{live_server.url}/performance/looked_after_known/?period={PERIOD}")
    assert "1,240 at 31 March 2025" in page.locator("#looked_after_known").inner_text()
    # freeze the quarter's figures for a board report: the form, its error, the frozen copy
    page.goto(f"{live_server.url}/performance/?period={PERIOD}")
    page.click("text=Freeze these figures")
    page.click("button:has-text('Freeze the figures')")
    assert "Enter what the figures are for" in page.locator(".govuk-error-summary").inner_text()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.fill("#id_purpose", "Board report, January 2026")
    page.click("button:has-text('Freeze the figures')")
    assert "Board report, January 2026" in page.locator(".govuk-caption-l").inner_text()
    assert "These figures never change" in page.locator("[data-figures-status=frozen]").inner_text()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    snap(page, "frozen-officer")
    problems.clear()  # the refused form is answered 400, which Chromium reports
    page.goto(f"{live_server.url}/performance/?period={PERIOD}")
    page.select_option("#period", "financial_year:2025-03-31")
    page.click("text=Show figures")
    assert "Performance: 2024/25" in page.locator("h1").inner_text()
    page.context.close()

    member = make_user("board_demo")
    Membership.objects.create(user=member, service=demo, role=Role.BOARD_MEMBER)
    page, problems = signed_in(chromium, live_server, member)
    page.set_viewport_size(DESKTOP)
    page.goto(f"{live_server.url}/performance/?period={PERIOD}")
    assert page.locator("#summary-national").is_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    snap(page, "summary-board-1280")
    page.goto(f"{live_server.url}/performance/profile/?period={PERIOD}")
    html = page.content()
    assert "/list/" not in html
    from openyj.people.models import Child

    for ref in Child.objects.filter(service=demo).values_list("reference", flat=True)[:200]:
        assert ref not in html
    page.click("#profile-breakdowns summary")
    assert page.locator("#table-profile-sex").is_visible()
    assert not page.locator("#table-profile-sex a").count()  # no drill-down for board members
    violations = axe_violations(page)
    assert not violations, describe(violations)
    snap(page, "indicator-profile-board")
    response = page.goto(f"{live_server.url}/performance/fte/list/?period={PERIOD}")
    assert response.status == 403


def test_settings_pages_for_an_administrator(chromium, live_server, demo):
    admin = make_user("admin_demo")
    Membership.objects.create(user=admin, service=demo, role=Role.ADMINISTRATOR)
    page, problems = signed_in(chromium, live_server, admin)
    page.goto(f"{live_server.url}/performance/settings/")
    assert page.locator("h1").inner_text() == "Performance settings"
    snap(page, "settings")
    assert "1,240" in page.locator("#looked-after ~ table").first.inner_text() or "1240" in page.content()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.click("text=Add a looked-after figure")
    page.click("button:has-text('Save')")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible() and "Enter date of the count" in summary.inner_text()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    snap(page, "settings-figure-errors")
    page.fill("#id_as_at_day", "31")
    page.fill("#id_as_at_month", "3")
    page.fill("#id_as_at_year", "2024")
    page.fill("#id_looked_after", "1200")
    page.fill("#id_source", "Illustrative")
    page.click("button:has-text('Save')")
    assert "Looked-after figure added" in page.locator(".govuk-notification-banner").inner_text()
    # the form with errors is answered 400, which Chromium reports; nothing else may go wrong
    assert not [p for p in problems if "status of 400" not in p], problems
    page.context.close()
