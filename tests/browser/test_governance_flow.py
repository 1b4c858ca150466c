"""The governance pages in a real browser at 1280 and 390 pixels wide, with axe: the plan, its review
mode (a manager records an update), the board, the risk register, the budget with a row that does not
add up, and the workforce as a board member sees it (small numbers suppressed)."""

from __future__ import annotations

import os
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from openyj.demo.governance import load_demo_governance
from openyj.governance import models as m
from openyj.governance.models import ActionUpdate
from tests.browser.conftest import axe_violations
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"desktop": 1280, "phone": 390}


def describe(violations):
    return "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes) {v['nodes'][0]['target']}" for v in violations)


def check(page, name: str):
    """No axe violations, nothing wider than the screen outside a scrolling pane, at both widths; a
    screenshot of each when OPENYJ_SCREENSHOTS names a folder (to look at by eye)."""
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        folder = os.environ.get("OPENYJ_SCREENSHOTS")
        if folder:
            page.screenshot(path=f"{folder}/governance-{name}-{label}.png", full_page=True)
        violations = axe_violations(page)
        assert not violations, f"{name} at {width}px:\n{describe(violations)}"
        overflow = page.evaluate("document.documentElement.scrollWidth")
        assert overflow <= width, f"{name} is {overflow}px wide at {width}px"
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def demo(service_a, manager):
    for year, police_total in (("2024/25", "150000"), ("2025/26", "152000")):
        m.BudgetLine.objects.create(service=service_a, year=year, agency="Police", staffing=Decimal("126000"),
                                    other_delegated=Decimal(police_total) - Decimal("126000"),
                                    total=Decimal(police_total))
        m.BudgetLine.objects.create(service=service_a, year=year, agency="Local authority",
                                    staffing=Decimal("1520000"), payments_in_kind=Decimal("600000"),
                                    total=Decimal("2120000"))
    for day in (date(2025, 5, 15), date(2025, 8, 21), date(2025, 11, 20)):
        for member, agency, attendance in (("Pat Lee (Superintendent)", "Police", "attended"),
                                           ("Sam Roe (Head of health)", "Health", "apologies")):
            m.BoardAttendance.objects.create(service=service_a, meeting_date=day, member=member, agency=agency,
                                             statutory_partner=True, attendance=attendance,
                                             appropriate_seniority=attendance == "attended")
    for n, (grade, sex, ethnicity, kind) in enumerate([
            ("Practitioner", "female", "white_british", "employee"), ("Practitioner", "male", "black_african",
                                                                      "employee"),
            ("Operational and practice manager", "female", "white_british", "employee"),
            ("Practitioner", "female", "white_british", "secondee"), ("Volunteer", "male", "asian_indian",
                                                                      "volunteer")]):
        m.StaffMember.objects.create(service=service_a, reference=f"S{n}", grade=grade, sex=sex, ethnicity=ethnicity,
                                     staff_type=kind, fte=Decimal("1"), agency="Police" if kind == "secondee" else "")
    load_demo_governance(service_a, manager=manager)
    return m.ImprovementPlan.objects.get(title="Inspection improvement plan")


def test_a_manager_reviews_the_plan_and_reads_the_board_pages(page, live_server, sign_in, manager, demo):
    sign_in(page, manager, PASSWORD)
    page.goto(f"{live_server.url}{reverse('governance_home')}")
    assert page.locator("h1").inner_text() == "Governance"
    check(page, "home")

    page.click("text=Improvement plans")
    page.click("text=Inspection improvement plan")
    assert "Key objective 1:" in page.locator("h2").first.inner_text()
    check(page, "plan")

    page.click("text=Review the plan")
    assert "reviewing open action 1 of" in page.locator(".govuk-caption-l").inner_text()
    check(page, "review")
    # A mistake first: no words. The error summary says what to write.
    page.click("button:has-text('Save and go to the next action')")
    assert "Write what has happened since the last update" in page.locator(".govuk-error-summary").inner_text()
    page.fill("textarea[name=text]", "Tracker figures reported to the performance meeting")
    page.check("input[name=status][value=ongoing]")
    page.click("button:has-text('Save and go to the next action')")
    assert "reviewing open action 2 of" in page.locator(".govuk-caption-l").inner_text()
    assert ActionUpdate.objects.filter(text="Tracker figures reported to the performance meeting").exists()

    for name, url in [("overdue", reverse("governance_actions_view", args=["overdue"])),
                      ("board", reverse("governance_board")), ("risks", reverse("governance_risks")),
                      ("budget", reverse("governance_budget") + "?year=2024/25"),
                      ("workforce", reverse("governance_workforce"))]:
        page.goto(f"{live_server.url}{url}")
        check(page, name)
    page.goto(f"{live_server.url}{reverse('governance_budget')}?year=2024/25")
    assert "Police: the stated total of £182,524 is £32,524 more than its parts" in page.content()


def test_a_board_member_reads_aggregates(page, live_server, sign_in, board_member, demo):
    sign_in(page, board_member, PASSWORD)
    page.goto(f"{live_server.url}{reverse('governance_workforce')}")
    assert "fewer than 5" in page.locator("table").first.inner_text()
    assert "S0" not in page.content()
    check(page, "workforce-board")
    page.goto(f"{live_server.url}{reverse('governance_plan', args=[demo.pk])}")
    assert page.locator("text=Review the plan").count() == 0
    check(page, "plan-board")
