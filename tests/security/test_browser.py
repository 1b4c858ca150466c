"""The audit viewer and the subject access page in Chromium, with axe, at 1280 and 390 pixels wide."""

from __future__ import annotations

import os
from datetime import date

import pytest

from openyj.core.audit import audit
from openyj.core.models import AuditEvent
from openyj.people.services import child_update
from tests.browser_support import axe_violations, confirm_password_if_asked
from tests.conftest import PASSWORD
from tests.factories import ChildFactory, OffenceFactory

pytestmark = pytest.mark.django_db(transaction=True)
WIDTHS = {"desktop": 1280, "phone": 390}


def snap(page, name):
    folder = os.environ.get("OPENYJ_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def describe(violations):
    return "\n".join(f"{v['id']}: {v['help']} {v['nodes'][0]['target']}" for v in violations)


def _no_sideways_scroll(page):
    """The page itself never scrolls sideways (a wide table scrolls inside its own pane)."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_audit_viewer(page, live_server, sign_in, administrator, case_manager_a, manager, service_a, width):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    child = ChildFactory(service=service_a, reference="C000123", given_name="Zebedee", family_name="Quartermaine")
    child_update(user=case_manager_a, child=child, data={"family_name": "Quartermaine-Hale", "pnc_id": "24/123456A"})
    audit(user=manager, verb=AuditEvent.Verb.VIEW, obj=child, summary="Viewed child's record")
    sign_in(page, administrator, PASSWORD)
    page.goto(f"{live_server.url}/audit/")
    assert page.locator("h1").inner_text().startswith("Audit trail")
    body = page.locator("main").inner_text()
    assert "C000123" in body and "Zebedee" not in body and "Quartermaine" not in body
    assert not axe_violations(page), describe(axe_violations(page))
    _no_sideways_scroll(page)
    snap(page, f"audit-trail-{width}")
    # Filter by the child's reference.
    page.locator("summary:has-text('Filter the audit trail')").click()
    page.fill("#id_child", "C000123")
    page.select_option("#id_verb", "change")
    page.click("button:has-text('Apply filters')")
    assert "1 event" in page.locator("caption").inner_text()
    # A reference that does not exist says what to fix.
    page.fill("#id_child", "NOPE")
    page.click("button:has-text('Apply filters')")
    assert "There is no child with the reference NOPE" in page.locator(".govuk-error-summary").inner_text()
    assert not axe_violations(page), describe(axe_violations(page))
    snap(page, f"audit-trail-error-{width}")


@pytest.mark.parametrize("width", WIDTHS)
def test_the_subject_access_page(page, live_server, sign_in, manager, service_a, width):
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    child = ChildFactory(service=service_a, reference="SAR-1", given_name="Imogen", family_name="Whitlock")
    OffenceFactory(child=child, offence_date=date(2024, 3, 2))
    sign_in(page, manager, PASSWORD)
    page.goto(f"{live_server.url}/children/{child.pk}/")
    page.click("text=Export everything held")
    confirm_password_if_asked(page, PASSWORD)  # exports ask for the password again
    assert page.locator("h1").inner_text() == "Export everything held about this child"
    assert not axe_violations(page), describe(axe_violations(page))
    _no_sideways_scroll(page)
    snap(page, f"subject-access-{width}")
    with page.expect_download() as download:
        page.click("button:has-text('Download everything held')")
    assert download.value.suggested_filename.startswith("subject-access-NORTHDALE-SAR-1-")
