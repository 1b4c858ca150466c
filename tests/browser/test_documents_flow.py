"""Plans in a real browser: a performance officer starts the plan, writes a section, has a commentary
edit refused, records the board's approval and produces the files; the published web pages are opened
at desktop and phone widths, fetch nothing from outside their folder, and pass axe."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from openyj.documents.models import Document
from tests.browser.conftest import axe_violations
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def describe(violations):
    return "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes) {v['nodes'][0]['target']}" for v in violations)


def check(page, name: str):
    violations = axe_violations(page)
    assert not violations, describe(violations)
    folder = os.environ.get("OPENYJ_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/documents-{name}.png", full_page=True)


def fill_date(page, name: str, day: date) -> None:
    page.fill(f"input[name={name}_day]", str(day.day))
    page.fill(f"input[name={name}_month]", str(day.month))
    page.fill(f"input[name={name}_year]", str(day.year))


def test_a_performance_officer_writes_approves_and_produces_the_plan(page, live_server, sign_in,
                                                                    performance_officer, settings, tmp_path):
    settings.OPENYJ_DOCUMENTS_DIR = tmp_path / "documents"
    sign_in(page, performance_officer, PASSWORD)
    page.goto(f"{live_server.url}{reverse('documents')}")
    check(page, "list")
    page.click("text=Start a Youth Justice Plan")
    page.click("button:has-text('Start the plan')")
    assert "Enter the plan year" in page.locator(".govuk-error-summary").inner_text()
    page.fill("input[name=year]", "2026/27")
    page.click("button:has-text('Start the plan')")
    page.wait_for_selector("h1:has-text('Youth Justice Plan 2026/27')")
    check(page, "detail")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.set_viewport_size({"width": 1280, "height": 900})

    page.click("a:has-text('Vision and strategy')")
    check(page, "text")
    page.fill("textarea[name=text]", "# Our vision\n\n- Safe\n- Heard")
    page.click("button:has-text('Save a new version')")
    assert "Version 1 of “Vision and strategy” saved" in page.locator(".govuk-notification-banner").inner_text()

    page.click("a:has-text('Edit the commentary on First time entrants')")
    page.fill("textarea[name=text]", "First time entrants fell to 12345.")
    page.click("button:has-text('Save the commentary')")
    assert "12,345" in page.locator(".govuk-error-summary").inner_text()
    check(page, "commentary-error")

    page.goto(f"{live_server.url}{reverse('document_board_approve', args=[Document.objects.get().pk])}")
    page.fill("input[name=chair]", "Pat Chair")
    fill_date(page, "approved_on", date.today())
    page.click("button:has-text('Record the board')")
    page.wait_for_selector("text=Approved by the board")
    # Tasks run at once in tests: the click waits while the files are produced.
    page.click("button:has-text('Produce the files')", timeout=120_000)
    page.wait_for_selector("h1:has-text('are ready')", timeout=120_000)
    check(page, "files-ready")
    run = Document.objects.get().renderings.get()
    pages = Path(run.folder) / "html"

    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith("file://") else None)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        for name in ("index", "previous_year"):
            page.goto((pages / f"{name}.html").as_uri())
            assert page.evaluate("document.documentElement.scrollWidth") <= width, (name, width)
            check(page, f"published-{name}-{width}")
    assert outside == []
    assert "Our vision" in (pages / "introduction.html").read_text(encoding="utf-8")
