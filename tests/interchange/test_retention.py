"""Uploads, and the rows kept to show their problems, are deleted after the retention period."""

from __future__ import annotations

import io
import zipfile
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from openyj.core.actors import SCHEDULED
from openyj.core.models import AuditEvent
from openyj.interchange import runs, services
from openyj.interchange.models import ImportRun
from tests.interchange.helpers import VALID, changed, to_csv

pytestmark = pytest.mark.django_db


def zipped(files) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, rows in files.items():
            archive.writestr(name, to_csv(rows))
    return buffer.getvalue()


def checked_run(user, service, files=VALID) -> ImportRun:
    run = services.import_run_create(user=user, service=service,
                                     uploaded=SimpleUploadedFile("data.zip", zipped(files)))
    run.refresh_from_db()
    return run


def age(run: ImportRun, days: float) -> None:
    when = timezone.now() - timedelta(days=days)
    ImportRun.objects.filter(pk=run.pk).update(created_at=when, finished_at=when)


def many_bad_children(count: int) -> dict:
    header, *rows = VALID["children.csv"]
    bad = [[f"C{i}", "2008-01-01", "mael", *rows[0][3:]] for i in range(count)]
    return {"children.csv": [header, *bad]}


def test_the_row_keeps_only_what_the_page_shows(performance_officer, service_a):
    run = checked_run(performance_officer, service_a, many_bad_children(25))
    stored = run.check_report["files"]["children.csv"]
    assert stored["errors"] == 25 and stored["skipped"] == 25
    assert len(stored["problems"]) == runs.FIRST_PROBLEMS  # the page shows ten, then "and 15 more"
    assert stored["skipped_rows"] == []  # no uploaded rows in the database
    # The full lists are downloads beside the upload.
    folder = runs.run_folder(run)
    assert (folder / runs.PROBLEMS_FILE).read_text().count("children.csv,") == 25
    assert len(zipfile.ZipFile(folder / runs.SKIPPED_FILE).read("children.csv").decode().splitlines()) == 26


def test_old_uploads_are_deleted_with_their_rows_and_audited(client_as, performance_officer, service_a):
    old = checked_run(performance_officer, service_a, changed(VALID, "children.csv", 2, "sex", "mael"))
    recent = checked_run(performance_officer, service_a)
    age(old, 8)
    age(recent, 6)
    assert runs.run_folder(old).exists()

    assert runs.uploads_clear(user=SCHEDULED) == 1

    old.refresh_from_db()
    assert old.files_deleted_at is not None and old.stored_path == ""
    assert not runs.run_folder(old).exists()
    assert runs.run_folder(recent).exists()
    assert ImportRun.objects.get(pk=recent.pk).files_deleted_at is None
    # The counts stay; the problems (which quote the upload's cells) and rows go.
    stored = old.check_report["files"]["children.csv"]
    assert (stored["rows"], stored["errors"], stored["problems"], stored["skipped_rows"]) == (2, 1, [], [])
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.DELETE, object_type="interchange.ImportRun")
    assert event.service == service_a and event.changes["runs"] == [str(old.pk)]
    assert "7 days after the import ended" in event.summary
    # Running it again finds nothing more to do.
    assert runs.uploads_clear(user=SCHEDULED) == 0

    client = client_as(performance_officer)
    page = client.get(reverse("import_check", args=[old.pk])).content.decode()
    assert "it was deleted on" in page and "Upload the file again" in page
    assert 'action="/data/import/' not in page  # no confirm form: there is nothing left to import
    assert client.get(reverse("import_problems", args=[old.pk])).status_code == 404
    assert client.get(reverse("import_skipped", args=[old.pk])).status_code == 404
    assert client.post(reverse("import_confirm", args=[old.pk])).status_code == 302
    assert ImportRun.objects.get(pk=old.pk).status == ImportRun.Status.CHECKED


def test_the_retention_period_is_a_setting(settings, performance_officer, service_a):
    settings.OPENYJ_UPLOAD_RETENTION_DAYS = 30
    run = checked_run(performance_officer, service_a)
    age(run, 8)
    assert runs.uploads_clear(user=SCHEDULED) == 0
    age(run, 31)
    assert runs.uploads_clear(user=SCHEDULED) == 1


def test_work_that_never_ended_is_cleared_as_abandoned(performance_officer, service_a):
    run = checked_run(performance_officer, service_a)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.IMPORTING, finished_at=None)
    age(run, 9)
    ImportRun.objects.filter(pk=run.pk).update(finished_at=None)
    assert runs.uploads_clear(user=SCHEDULED) == 1
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED and "abandoned" in run.error


def test_a_clean_import_deletes_its_upload_at_once(performance_officer, service_a):
    run = checked_run(performance_officer, service_a)
    services.import_run_confirm(run, user=performance_officer, keep_valid=False)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and run.files_deleted_at is not None
    assert not runs.run_folder(run).exists()


def test_the_command_for_cron(performance_officer, service_a):
    run = checked_run(performance_officer, service_a)
    age(run, 8)
    out = StringIO()
    call_command("clear_uploads", stdout=out)
    assert out.getvalue().strip() == "Deleted the files of 1 import that ended more than 7 days ago."
    assert not runs.run_folder(run).exists()
