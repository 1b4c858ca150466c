"""Smoke test in a real browser: sign in, caseload, a child's page, a form with errors; axe checks."""

from __future__ import annotations

import os
from datetime import date

import pytest

from tests.browser.conftest import axe_violations
from tests.conftest import PASSWORD
from tests.factories import ChildFactory, InterventionFactory, OffenceFactory, OutcomeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def snap(page, name):
    """Save a screenshot when OPENYJ_SCREENSHOTS names a folder (for looking at pages by eye)."""
    folder = os.environ.get("OPENYJ_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def describe(violations):
    return "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes) {v['nodes'][0]['target']}" for v in violations)


def test_case_manager_signs_in_and_works_a_case(page, live_server, sign_in, case_manager_a, service_a):
    child = ChildFactory(service=service_a, given_name="Robin", family_name="Hartley", date_of_birth=date(2009, 2, 3))
    offence = OffenceFactory(child=child, offence_date=date(2024, 3, 1), category_id="robbery", seriousness=6)
    outcome = OutcomeFactory(child=child, outcome_date=date(2024, 5, 2))
    outcome.offences.add(offence)
    InterventionFactory(child=child, kind="referral_order", start_date=date(2024, 5, 2), case_manager=case_manager_a)
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    sign_in(page, case_manager_a, PASSWORD)
    assert page.url.endswith("/children/"), page.url
    assert page.locator("h1").inner_text() == "Caseload"
    # GOV.UK Frontend's JavaScript ran (it marks the body) and nothing broke the strict CSP.
    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")
    violations = axe_violations(page)
    assert not violations, describe(violations)
    snap(page, "caseload")

    page.fill("#q", "Hartley")
    page.click("text=Apply filters")
    page.click("text=Robin Hartley")
    assert page.locator("h1").inner_text() == "Robin Hartley"
    assert page.locator(".moj-timeline__item").count() >= 3
    violations = axe_violations(page)
    assert not violations, describe(violations)
    snap(page, "child")

    page.click("text=Add an offence")
    page.click("button:has-text('Save')")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "Enter offence date" in summary.inner_text()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    snap(page, "offence-errors")
    assert not [e for e in errors if "Content Security Policy" in e], errors
