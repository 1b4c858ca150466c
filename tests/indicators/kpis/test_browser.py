"""The KPI return in Debian's Chromium: desktop and phone widths, axe (WCAG 2.2 AA), submitting."""

from __future__ import annotations

import os

import pytest

from openyj.casework.models import Intervention
from openyj.core.models import Membership, Service
from openyj.core.roles import Role
from tests.browser_support import axe_violations
from tests.conftest import PASSWORD, make_user

from .. import factories as f
from . import builders as b

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

Q = "quarter=2025-06-30"


def snap(page, name):
    folder = os.environ.get("OPENYJ_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def describe(violations) -> str:
    return "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in violations)


@pytest.fixture
def service():
    s = Service.objects.create(code="NORTHDALE", name="Northdale Youth Justice Service", area_codes=["E08000901"])
    for build in b.ALL:
        build(s)
    officer = make_user("kpi_officer")
    Membership.objects.create(user=officer, service=s, role=Role.PERFORMANCE_OFFICER)
    Intervention.objects.filter(reference__in=["I-A3", "I-E4"]).update(case_manager=officer)
    f.intervention(f.child(s, ref="LONGNAME", given_name="Alexandra-Josephine", family_name="Featherstonehaugh"),
                   "2025-01-01", "2025-06-01", ref="I-LONG")
    return s


WIDE = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                 && !(e.parentElement && e.parentElement.closest('.moj-scrollable-pane')))
    .slice(0, 5).map(e => e.tagName + '.' + e.className)"""


def fits(page) -> list[str]:
    """Elements wider than the window outside a scrolling pane (none, or the page scrolls sideways)."""
    return page.evaluate(WIDE)


def signed_in(browser, live_server, username, width):
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("width", [1280, 390])
def test_return_completeness_and_submit(browser, live_server, service, width):
    page = signed_in(browser, live_server, "kpi_officer", width)
    page.goto(f"{live_server.url}/performance/kpis/?{Q}")
    assert page.locator("h1").inner_text() == "Key performance indicators"
    assert page.locator("#kpis tbody tr").count() == 10
    violations = axe_violations(page)
    assert not violations, describe(violations)
    # the page itself never scrolls sideways: wide tables scroll in their own pane
    assert not fits(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    snap(page, f"kpi-return-{width}")
    page.click("text=See what is missing, by case manager")
    assert page.locator("h1").inner_text() == "What is missing for the key performance indicators"
    violations = axe_violations(page)
    assert not violations, describe(violations)
    assert not fits(page)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    snap(page, f"kpi-missing-{width}")
    page.click("text=Back to the key performance indicators")
    page.click("text=Mark as submitted")
    page.click("button:has-text('Mark as submitted')")
    assert "Enter why the return is submitted with" in page.locator(".govuk-error-summary").inner_text()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    snap(page, f"kpi-submit-error-{width}")
    page.fill("textarea[name=reason]", "Two children transferred out before their end review.")
    page.click("button:has-text('Mark as submitted')")
    assert "is marked as submitted" in page.content()
    assert "Submitted on" in page.locator("#status").inner_text()
    snap(page, f"kpi-submitted-{width}")
