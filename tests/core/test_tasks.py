"""The task helpers: a run whose worker died is shown as failed, never left "working"; a run nobody has
started says so; progress is written only where other processes can see it. (A real worker process
is in tests/interchange/test_worker.py.)"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from openyj.core import tasks
from openyj.interchange import services
from openyj.interchange.models import ImportRun
from openyj.interchange.tasks import import_check

pytestmark = pytest.mark.django_db
# On SQLite a stale heartbeat is judged together with the database's write lock, which a test's own
# wrapping transaction would hold: those tests commit as a web request does.
committed = pytest.mark.django_db(transaction=True)

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def run(service_a, performance_officer):
    return ImportRun.objects.create(service=service_a, user=performance_officer, original_name="big.zip",
                                    stored_path="/nonexistent")


@committed
def test_a_fresh_heartbeat_is_alive_and_a_stale_one_is_not(settings, run):
    settings.OPENYJ_TASK_STALE_SECONDS = 60
    now = timezone.now()
    run.heartbeat_at = now - timedelta(seconds=59)
    assert tasks.stalled(run, now=now) == ""
    run.heartbeat_at = now - timedelta(seconds=61)
    # (On SQLite the database's write lock is also asked: nobody is writing now.)
    assert tasks.stalled(run, now=now).startswith("The background worker stopped while doing this work")


def test_work_not_started_yet_is_waiting_not_failed(settings, run):
    settings.OPENYJ_TASK_STALE_SECONDS = 60
    now = timezone.now()
    assert tasks.stalled(run, now=now + timedelta(hours=1)) == ""
    assert tasks.waiting(run, started=now, now=now + timedelta(seconds=30)) == ""
    assert "check that the OpenYJ worker (openyj worker) is running" in tasks.waiting(
        run, started=now, now=now + timedelta(seconds=61))


def test_a_task_that_ended_without_updating_its_row_is_failed(settings, client_as, run, performance_officer):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = DATABASE_BACKEND
    tasks.remember_task(run, import_check.enqueue(str(run.pk)))
    DBTaskResult.objects.filter(pk=run.task_id).update(status="SUCCESSFUL")
    page = client_as(performance_officer).get(reverse("import_check", args=[run.pk])).content.decode()
    assert "The check could not finish" in page
    assert "The background worker ended this work without finishing it." in page
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.Status.FAILED


@committed
def test_a_stalled_import_page_says_what_to_do(settings, client_as, run, performance_officer):
    settings.OPENYJ_TASK_STALE_SECONDS = 60
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.IMPORTING, confirmed_at=timezone.now(),
                                               heartbeat_at=timezone.now() - timedelta(minutes=5))
    client = client_as(performance_officer)
    page = client.get(reverse("import_done", args=[run.pk])).content.decode()
    assert "The import did not finish" in page
    assert "nothing has been saved" in page and "openyj worker" in page
    assert "Working…" not in page
    # The upload's own page (linked from "Recent imports") leads to the same answer.
    response = client.get(reverse("import_check", args=[run.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("import_done", args=[run.pk])


def test_a_queued_run_shows_that_it_waits_for_the_worker(settings, client_as, run, performance_officer):
    settings.OPENYJ_TASK_STALE_SECONDS = 60
    ImportRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(minutes=3))
    page = client_as(performance_officer).get(reverse("import_check", args=[run.pk])).content.decode()
    assert "Waiting for the background worker to start" in page
    assert "check that the OpenYJ worker (openyj worker) is running" in page
    assert "openyj/progress.js" in page  # the page keeps itself up to date


@committed
def test_a_stalled_run_is_not_overwritten_if_its_worker_just_finished(settings, run):
    settings.OPENYJ_TASK_STALE_SECONDS = 60
    old = timezone.now() - timedelta(minutes=5)
    ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=old)
    run.refresh_from_db()
    # The worker finishes between the page reading the row and recording the failure.
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.CHECKED, heartbeat_at=timezone.now())
    assert services.import_run_stalled(run).status == ImportRun.Status.CHECKED


def test_progress_is_written_outside_a_transaction_and_skipped_where_no_one_could_see_it(settings, run):
    # Inside the test's own transaction (as inside an import's) with no second connection: not written.
    settings.OPENYJ_PROGRESS_DATABASE = None
    assert not tasks.write_progress(ImportRun, run.pk, progress="5,000 rows checked")
    with transaction.atomic():
        assert not tasks.write_progress(ImportRun, run.pk, progress="5,000 rows checked")
    assert ImportRun.objects.get(pk=run.pk).progress == ""


def test_progress_reports_are_throttled(settings, run):
    settings.OPENYJ_PROGRESS_EVERY_SECONDS = 3600
    written = []
    progress = tasks.Progress(run)
    progress.last = -1e9
    original = tasks.write_progress
    tasks.write_progress = lambda model, pk, **fields: written.append(fields["progress"]) or True
    try:
        progress("first")
        progress("second")  # within the hour: skipped
        progress("forced", force=True)
    finally:
        tasks.write_progress = original
    assert written == ["first", "forced"]


@committed
def test_on_sqlite_an_import_holding_the_write_lock_is_alive_without_heartbeats(settings, run):
    """SQLite: while an import writes, no heartbeat can be written, so its write lock is its sign of life."""
    import sqlite3

    from django.db import connection

    settings.OPENYJ_TASK_STALE_SECONDS = 60
    run.heartbeat_at = timezone.now() - timedelta(minutes=5)
    if connection.vendor != "sqlite":
        assert tasks.stalled(run) != ""  # PostgreSQL writes heartbeats all along: stale means stopped
        return
    writer = sqlite3.connect(connection.settings_dict["NAME"])
    try:
        writer.execute("BEGIN IMMEDIATE")
        assert tasks.stalled(run) == ""
    finally:
        writer.rollback()
        writer.close()
    assert tasks.stalled(run) != ""


def test_old_records_of_finished_tasks_are_deleted_and_the_next_clearing_queued(settings, run):
    from django_tasks_db.models import DBTaskResult

    from openyj.core.periodic import finished_tasks_clear, schedule_periodic_tasks

    settings.TASKS = DATABASE_BACKEND
    old = import_check.enqueue(str(run.pk))
    recent = import_check.enqueue(str(run.pk))
    waiting = import_check.enqueue(str(run.pk))
    DBTaskResult.objects.filter(pk=old.id).update(status="FAILED", finished_at=timezone.now() - timedelta(days=8))
    DBTaskResult.objects.filter(pk=recent.id).update(status="SUCCESSFUL", finished_at=timezone.now())
    assert finished_tasks_clear.call() == 1
    kept = DBTaskResult.objects.filter(task_path=import_check.module_path).values_list("pk", flat=True)
    assert {str(pk) for pk in kept} == {recent.id, waiting.id}
    next_run = DBTaskResult.objects.get(task_path=finished_tasks_clear.module_path)
    assert next_run.status == "READY" and next_run.run_after > timezone.now() + timedelta(hours=23)
    # A worker starting now queues only what is not already waiting.
    assert schedule_periodic_tasks() == ["openyj.interchange.tasks.uploads_clear",
                                         "openyj.casework.tasks.retention_run"]
    assert schedule_periodic_tasks() == []
