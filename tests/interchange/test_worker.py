"""Imports in a real background worker: a separate ``openyj worker`` process on the test database.

What one process writes, another must see: the test process enqueues, the worker process does the
work, and the test polls the run's row (and the pages) as a web process would. Also: a worker that
dies is reported as failed, and a child's page answers while an import is being written.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from openyj.core.models import Membership, Service
from openyj.demo.generate import AREA_CODE, generate_demo
from openyj.interchange import services
from openyj.interchange.models import ImportRun
from openyj.people.models import Child
from tests.processes import environment

pytestmark = pytest.mark.django_db(transaction=True)

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
STALE_SECONDS = 3


@pytest.fixture(scope="module")
def big_upload(tmp_path_factory) -> bytes:
    """A synthetic service large enough that checking and importing it take a few seconds."""
    folder = tmp_path_factory.mktemp("upload") / "data"
    generate_demo(folder, children=1500, years=2, seed=11)
    path = folder.parent / "data.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(folder.iterdir()):
            archive.write(file, f"data/{file.name}")
    return path.read_bytes()


@pytest.fixture
def worker(settings):
    """Start ``openyj worker`` in its own process on the test database; stop it afterwards."""
    settings.TASKS = DATABASE_BACKEND
    settings.OPENYJ_TASK_STALE_SECONDS = STALE_SECONDS
    env = environment(OPENYJ_UPLOAD_DIR=str(settings.OPENYJ_UPLOAD_DIR), OPENYJ_PROGRESS_EVERY_SECONDS="0",
                      OPENYJ_TASK_STALE_SECONDS=str(STALE_SECONDS))
    started = []

    def start():
        process = subprocess.Popen([sys.executable, "-m", "openyj.cli", "worker", "--interval", "0.1"], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def upload(performance_officer, service, content: bytes) -> ImportRun:
    # The generated data's population rows are for the demo's area: the service's own, so its officer may load them.
    Service.objects.filter(pk=service.pk).update(area_codes=[AREA_CODE])
    return services.import_run_create(user=performance_officer, service=service,
                                      uploaded=SimpleUploadedFile("data.zip", content))


def watch(run: ImportRun, *, until, timeout: float = 120.0) -> list[tuple[str, str]]:
    """Poll the run's row from this process; return every (status, progress) seen, until ``until(row)``."""
    seen: list[tuple[str, str]] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        row = ImportRun.objects.get(pk=run.pk)
        if not seen or seen[-1] != (row.status, row.progress):
            seen.append((row.status, row.progress))
        if until(row):
            return seen
        time.sleep(0.02)
    raise AssertionError(f"Gave up waiting; saw {seen}")


def test_progress_and_result_are_visible_from_another_process(worker, performance_officer, service_a, big_upload):
    run = upload(performance_officer, service_a, big_upload)
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.Status.CHECKING  # queued, not run here
    worker()
    seen = watch(run, until=lambda row: row.status != ImportRun.Status.CHECKING)
    # The worker's progress reached this process while the check was running.
    assert any(status == "checking" and progress for status, progress in seen), seen
    run.refresh_from_db()
    assert run.status == ImportRun.Status.CHECKED, run.error
    assert run.heartbeat_at is not None and run.check_report["ok"]
    assert not Child.objects.exists()  # the check wrote nothing

    services.import_run_confirm(run, user=performance_officer, keep_valid=False)
    seen = watch(run, until=lambda row: row.status != ImportRun.Status.IMPORTING)
    importing = [progress for status, progress in seen if status == "importing" and progress]
    assert importing, seen
    if connection.vendor == "postgresql":
        # Written through the second connection while the import's own transaction was still open.
        assert any("rows checked" in p for p in importing), importing
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE, run.error
    assert run.result_report["applied"]
    assert Child.objects.filter(service=service_a).count() == run.result_report["files"]["children.csv"]["created"]


def test_a_failure_in_the_worker_is_shown_on_the_page(worker, client_as, performance_officer, service_a,
                                                      big_upload):
    run = upload(performance_officer, service_a, big_upload)
    # The uploader loses the import role before the worker gets to the upload: the check must refuse.
    Membership.objects.filter(user=performance_officer).update(role="case_manager")
    worker()
    watch(run, until=lambda row: row.status != ImportRun.Status.CHECKING)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.FAILED
    assert "Nothing has been saved" in run.error
    Membership.objects.filter(user=performance_officer).update(role="performance_officer")
    page = client_as(performance_officer).get(reverse("import_check", args=[run.pk])).content.decode()
    assert "The check could not finish" in page and "Upload the file again" in page


def test_a_worker_that_dies_is_reported_not_left_working(worker, client_as, performance_officer, service_a,
                                                          big_upload):
    run = upload(performance_officer, service_a, big_upload)
    process = worker()
    client = client_as(performance_officer)
    # Hold the run's row (on SQLite, the database's write lock) as soon as the worker has started, so it
    # cannot finish however fast it checks; then kill it, as if the machine lost power.
    watch(run, until=lambda row: row.heartbeat_at is not None)
    with transaction.atomic():
        ImportRun.objects.select_for_update().get(pk=run.pk)
        process.kill()
        process.wait()
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.Status.CHECKING
    time.sleep(STALE_SECONDS + 1)
    page = client.get(reverse("import_check", args=[run.pk])).content.decode()
    assert "The check could not finish" in page, page
    assert "The background worker stopped while doing this work" in page
    assert "openyj worker" in page
    assert ImportRun.objects.get(pk=run.pk).status == ImportRun.Status.FAILED


def test_a_run_with_a_recent_heartbeat_is_still_working(worker, client_as, performance_officer, service_a,
                                                        big_upload):
    run = upload(performance_officer, service_a, big_upload)
    client = client_as(performance_officer)
    client.get(reverse("import_start"))  # the first page of a process loads the whole site: not timed
    process = worker()
    watch(run, until=lambda row: row.heartbeat_at is not None)
    with transaction.atomic():
        ImportRun.objects.select_for_update().get(pk=run.pk)
        process.kill()
        process.wait()
    page = client.get(reverse("import_check", args=[run.pk])).content.decode()
    # A heartbeat moments old: the worker is still believed to be working.
    assert "Checking your data" in page and "data-openyj-progress" in page


def test_a_childs_page_answers_while_an_import_is_written(worker, client_as, performance_officer, manager, service_a,
                                                           big_upload):
    child = Child.objects.create(service=service_a, reference="EXISTING-1", date_of_birth="2009-05-01", sex="male",
                                 ethnicity="white_british")
    run = upload(performance_officer, service_a, big_upload)
    worker()
    watch(run, until=lambda row: row.status == ImportRun.Status.CHECKED)
    run.refresh_from_db()
    services.import_run_confirm(run, user=performance_officer, keep_valid=False)
    watch(run, until=lambda row: row.heartbeat_at is not None and row.status == ImportRun.Status.IMPORTING)
    asked_at, started = timezone.now(), time.monotonic()
    response = client_as(manager).get(reverse("child_detail", args=[child.pk]))
    elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert "EXISTING-1" in response.content.decode()
    watch(run, until=lambda row: row.status != ImportRun.Status.IMPORTING)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE
    assert run.finished_at > asked_at  # the page was asked for while the import was being written
    # The page waited at most for the import's write to finish, never for the busy timeout to run out.
    assert elapsed < 60, elapsed


def test_the_worker_queues_the_daily_upload_clearing_once(worker, service_a):
    from django_tasks_db.models import DBTaskResult

    worker()
    path = "openyj.interchange.tasks.uploads_clear"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not DBTaskResult.objects.filter(task_path=path, status="SUCCESSFUL"):
        time.sleep(0.1)
    # The first run happened at once and queued the next one for tomorrow.
    assert DBTaskResult.objects.filter(task_path=path, status="SUCCESSFUL").count() == 1
    waiting = DBTaskResult.objects.get(task_path=path, status="READY")
    assert 23 * 3600 < (waiting.run_after - waiting.enqueued_at).total_seconds() <= 24 * 3600 + 60
    # A second worker does not queue another.
    worker()
    time.sleep(5)
    assert DBTaskResult.objects.filter(task_path=path).count() == 2
