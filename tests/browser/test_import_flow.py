"""The import pages in a real browser: upload → check your data → confirm → done, and an upload with a
bad date that is refused with a GOV.UK error summary and writes nothing; axe checks on every page."""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from pathlib import Path

import pytest
from django.db import connection
from django.urls import reverse

from openyj.core.models import AuditEvent
from openyj.offending.models import Offence
from openyj.people.models import Child
from tests.browser.conftest import axe_violations
from tests.browser_support import confirm_password_if_asked
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "templates" / "example"


def describe(violations):
    return "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes) {v['nodes'][0]['target']}" for v in violations)


def assert_accessible(page, name: str):
    """No axe violations; a screenshot too when OPENYJ_SCREENSHOTS names a folder (to look at by eye)."""
    violations = axe_violations(page)
    assert not violations, describe(violations)
    folder = os.environ.get("OPENYJ_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/import-{name}.png", full_page=True)


def example_files() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLE.iterdir()) if p.is_file()}


def data_rows(text: str) -> int:
    return sum(1 for row in list(csv.reader(io.StringIO(text)))[1:] if any(cell.strip() for cell in row))


def zip_of(files: dict[str, str], path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in files.items():
            archive.writestr(f"example/{name}", text)
    return path


@pytest.fixture
def uploads(settings, tmp_path):
    settings.OPENYJ_UPLOAD_DIR = tmp_path / "uploads"
    if connection.vendor == "sqlite":
        # The test database is SQLite in memory, shared between the live server's thread and the test;
        # an import thread of its own could not see it, so the work runs in the request (as in
        # tests/interchange/test_views.py). On PostgreSQL the import really runs in the background and
        # the test waits on the self-refreshing progress page.
        settings.OPENYJ_IMPORT_IN_BACKGROUND = False
    return tmp_path


def upload(page, live_server, path: Path) -> None:
    page.goto(f"{live_server.url}{reverse('import_start')}")
    confirm_password_if_asked(page, PASSWORD)
    page.set_input_files("input[type=file]", str(path))
    page.click("button:has-text('Upload and check')")
    # The check may run in the background: the progress page refreshes itself until it is done.
    page.wait_for_selector("h1:has-text('Check your data')", timeout=60000)


def counts_row(page, file_name: str) -> list[str]:
    row = page.locator("table.govuk-table tr", has=page.locator("th", has_text=re.compile(f"^{re.escape(file_name)}$")))
    return [c.strip() for c in row.first.locator("td").all_inner_texts()]


def test_a_performance_officer_imports_a_zip(page, live_server, sign_in, performance_officer, service_a, uploads):
    files = example_files()
    path = zip_of(files, uploads / "example.zip")
    sign_in(page, performance_officer, PASSWORD)

    page.goto(f"{live_server.url}{reverse('import_start')}")
    # Importing asks for the password again first (re-authentication), then shows the upload page.
    confirm_password_if_asked(page, PASSWORD)
    assert page.locator("h1").inner_text() == "Upload your data"
    assert page.locator("a:has-text('Download the template')").is_visible()
    assert_accessible(page, "upload")

    upload(page, live_server, path)
    assert "No problems found. Nothing has been saved yet." in page.locator("main").inner_text()
    assert not page.locator(".govuk-error-summary").count()
    # The counts table: rows to create, per file.
    for name, text in files.items():
        if not name.endswith(".csv"):
            continue
        rows, to_create, to_update, unchanged, with_problems = counts_row(page, name)
        assert (rows, to_create, to_update, unchanged, with_problems) == (
            str(data_rows(text)), str(data_rows(text)), "0", "0", "0"), name
    assert not Child.objects.filter(service=service_a).exists()  # checking writes nothing
    assert_accessible(page, "check")

    page.click("button:has-text('Confirm and import')")
    page.wait_for_selector("h1:has-text('Import complete')", timeout=60000)
    total = sum(data_rows(text) for name, text in files.items() if name.endswith(".csv"))
    assert page.locator(".govuk-panel__body").inner_text().strip() == f"{total} created, 0 updated, 0 unchanged"
    assert counts_row(page, "children.csv")[:2] == [str(data_rows(files["children.csv"]))] * 2
    assert_accessible(page, "done")

    assert sorted(Child.objects.filter(service=service_a).values_list("reference", flat=True)) == ["C001", "C002"]
    assert Offence.objects.filter(service=service_a).count() == data_rows(files["offences.csv"])
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.IMPORT, user=performance_officer).exists()


def test_a_bad_date_is_named_in_the_error_summary_and_nothing_is_written(page, live_server, sign_in,
                                                                          performance_officer, service_a, uploads):
    files = example_files()
    assert "O001,C001,2024-03-01," in files["offences.csv"]
    files["offences.csv"] = files["offences.csv"].replace("O001,C001,2024-03-01,", "O001,C001,2024-13-01,")
    path = zip_of(files, uploads / "bad-date.zip")
    sign_in(page, performance_officer, PASSWORD)

    upload(page, live_server, path)
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert summary.locator("h2").inner_text() == "There is a problem"
    text = summary.inner_text()
    # The file, the row (the header is row 1), the column and the value, in plain words.
    assert "offences.csv row 2, offence_date: 2024-13-01 is not a real date" in text, text
    # Rows that depend on the bad one say so (the outcome that disposes of offence O001).
    assert "outcomes.csv row 2, offence_ids: offence O001 has problems in offences.csv row 2" in text, text
    assert counts_row(page, "offences.csv")[-1] == "1"
    # The summary's link leads to the problem's row in the table of problems.
    summary.locator("a", has_text="offences.csv row 2, offence_date").click()
    row = page.locator("tr[id^='problem-offencescsv-']", has_text="offence_date").first
    assert [c.strip() for c in row.locator("td").all_inner_texts()][:3] == ["2", "offence_date", "2024-13-01"]
    assert_accessible(page, "check-with-problems")

    # Confirming without choosing to skip the bad rows is refused, and nothing is written.
    page.click("button:has-text('Import the rows without problems')")
    assert "Tick the box to load only the rows without problems" in page.locator("main").inner_text()
    assert_accessible(page, "confirm-refused")
    assert not Child.objects.exists()
    assert not Offence.objects.exists()
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.IMPORT).exists()
