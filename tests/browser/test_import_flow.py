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
from django.urls import reverse

from openyj.core.models import AuditEvent
from openyj.offending.models import Offence
from openyj.people.models import Child
from tests.browser.conftest import axe_violations
from tests.browser_support import confirm_password_if_asked
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _time_for_the_first_page(page):
    """A performance officer lands on Performance after signing in; its first computation in a fresh
    process can take tens of seconds on a loaded test machine (stored figures are its own issue)."""
    page.set_default_timeout(60000)

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
def uploads(tmp_path):
    # The check and the import run as tasks; the tests' immediate backend runs them inside the request.
    # tests/core/test_tasks.py runs them in a real worker.
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


def test_an_upload_over_the_limit_is_refused_in_an_error_summary(page, live_server, sign_in, settings,
                                                                 performance_officer, service_a, uploads):
    settings.OPENYJ_MAX_UPLOAD_MB = 1
    path = uploads / "whole-history.zip"
    path.write_bytes(b"PK" + b"\0" * (2 * 1024 * 1024))
    sign_in(page, performance_officer, PASSWORD)
    page.goto(f"{live_server.url}{reverse('import_start')}")
    confirm_password_if_asked(page, PASSWORD)
    page.set_input_files("input[type=file]", str(path))
    page.click("button:has-text('Upload and check')")
    summary = page.locator(".govuk-error-summary")
    assert summary.is_visible()
    assert "whole-history.zip is larger than 1 MB, the largest upload allowed." in summary.inner_text()
    assert page.title().startswith("Error: ")
    assert_accessible(page, "too-big")


def test_a_stopped_worker_is_reported_with_what_to_do(page, live_server, sign_in, settings, performance_officer,
                                                      service_a, uploads):
    from datetime import timedelta

    from django.utils import timezone

    from openyj.interchange.models import ImportRun

    settings.OPENYJ_TASK_STALE_SECONDS = 60
    waiting = ImportRun.objects.create(service=service_a, user=performance_officer, original_name="queued.zip",
                                       stored_path="/nonexistent")
    ImportRun.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    died = ImportRun.objects.create(service=service_a, user=performance_officer, original_name="big.zip",
                                    stored_path="/nonexistent", status=ImportRun.Status.IMPORTING,
                                    confirmed_at=timezone.now(), heartbeat_at=timezone.now() - timedelta(minutes=5))
    sign_in(page, performance_officer, PASSWORD)
    page.goto(f"{live_server.url}{reverse('import_check', args=[waiting.pk])}")
    assert page.locator("h1").inner_text() == "Checking your data"
    assert "check that the OpenYJ worker (openyj worker) is running" in page.locator("main").inner_text()
    assert_accessible(page, "waiting-for-worker")
    page.goto(f"{live_server.url}{reverse('import_done', args=[died.pk])}")
    assert page.locator("h1").inner_text() == "The import did not finish"
    text = page.locator("main").inner_text()
    assert "The background worker stopped while doing this work" in text and "nothing has been saved" in text
    assert_accessible(page, "worker-stopped")


def test_the_progress_page_follows_the_work_by_itself(page, live_server, sign_in, performance_officer, service_a,
                                                      uploads):
    from django.utils import timezone

    from openyj.interchange.models import ImportRun

    run = ImportRun.objects.create(service=service_a, user=performance_officer, original_name="big.zip",
                                   stored_path="/nonexistent")
    sign_in(page, performance_officer, PASSWORD)
    page.goto(f"{live_server.url}{reverse('import_check', args=[run.pk])}")
    assert page.locator("[data-testid=progress]").inner_text() == "Waiting for the background worker to start…"
    assert_accessible(page, "progress")
    page.evaluate("window.openyjSamePage = true")  # gone if the page were reloaded
    # The worker reports progress: the text changes in place, in a polite live region.
    ImportRun.objects.filter(pk=run.pk).update(progress="children.csv: 5,000 rows checked", heartbeat_at=timezone.now())
    page.wait_for_selector("[data-testid=progress]:has-text('children.csv: 5,000 rows checked')", timeout=15000)
    assert page.evaluate("window.openyjSamePage") is True
    assert page.locator("[role=status][aria-live=polite] [data-testid=progress]").count() == 1
    # The work ends (here: fails): the page goes to the result by itself.
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.FAILED, error="The check failed: try again.")
    page.wait_for_selector("h1:has-text('The check could not finish')", timeout=15000)
    assert "The check failed: try again." in page.locator("main").inner_text()
