"""The worker's side of a web import: check or apply an upload, and clear old uploads.

Called by the tasks in :mod:`openyj.interchange.tasks` (run by ``openyj worker``); each function takes
the run's id and writes progress, result and error on the run's row, so that any web process shows
them. The pages' side (keeping an upload, asking the worker to check or apply it) is in
:mod:`openyj.interchange.services`, which enqueues the tasks.
"""

from __future__ import annotations

import logging
import shutil
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from openyj.core.actors import is_system
from openyj.core.audit import audit
from openyj.core.models import AuditEvent
from openyj.core.tasks import Progress
from openyj.interchange.importer import import_path
from openyj.interchange.models import ImportRun
from openyj.interchange.report import ImportReport

logger = logging.getLogger(__name__)

# The import pages show this many problems of each file; the rest are in the downloads.
FIRST_PROBLEMS = 10
PROBLEMS_FILE = "problems.csv"
SKIPPED_FILE = "rows-with-problems.zip"
FAILED_MESSAGE = ("Something went wrong while {doing} {name}. Nothing has been saved. Upload the file again, and "
                  "tell your administrator if it happens again.")


def uploads_dir() -> Path:
    return Path(settings.OPENYJ_UPLOAD_DIR)


def run_folder(run: ImportRun) -> Path:
    return uploads_dir() / str(run.pk)


def check_upload(run_id: str) -> None:
    """The worker's part of "check your data": a dry run that writes nothing but the run's row."""
    run = ImportRun.objects.select_related("service", "user").get(pk=run_id)
    if run.status != ImportRun.Status.CHECKING:
        return  # already done (a task run twice) or abandoned
    progress = Progress(run)
    progress("Starting the check", force=True)
    try:
        report = import_path(run.stored_path, service_code=run.service.code, user=run.user, dry_run=True,
                             progress=progress)
        _write_downloads(run, report)
    except Exception:
        _fail(run, FAILED_MESSAGE.format(doing="checking", name=run.original_name))
        raise
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.CHECKED, progress="",
                                               check_report=report.for_page(FIRST_PROBLEMS),
                                               finished_at=timezone.now())


def apply_upload(run_id: str) -> None:
    """The worker's part of "confirm": the import, in one transaction."""
    run = ImportRun.objects.select_related("service", "user").get(pk=run_id)
    if run.status != ImportRun.Status.IMPORTING:
        return
    progress = Progress(run)
    progress("Starting the import", force=True)
    try:
        report = import_path(run.stored_path, service_code=run.service.code, user=run.user,
                             keep_valid=run.keep_valid, progress=progress)
        _write_downloads(run, report)
    except Exception:
        _fail(run, FAILED_MESSAGE.format(doing="importing", name=run.original_name))
        raise
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.DONE, progress="",
                                               result_report=report.for_page(FIRST_PROBLEMS),
                                               finished_at=timezone.now())
    if report.applied and not any(f.skipped_rows for f in report.files.values()):
        # Nothing more to download: the upload has done its job.
        _delete_files(run, reason="imported")


def _fail(run: ImportRun, message: str) -> None:
    # The import's transaction has been rolled back by now, so the row can be written as usual.
    logger.exception("Import run %s failed", run.pk)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.FAILED, progress="", error=message,
                                               finished_at=timezone.now())


def _write_downloads(run: ImportRun, report: ImportReport) -> None:
    """Every problem (CSV) and the rows with problems (a zip to fix and import again), beside the upload."""
    folder = run_folder(run)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / PROBLEMS_FILE).write_text(report.problems_csv(), encoding="utf-8")
    (folder / SKIPPED_FILE).write_bytes(report.skipped_zip())


def download_path(run: ImportRun, name: str) -> Path | None:
    """One of the downloads of a run, or None once it has been deleted."""
    path = run_folder(run) / name
    return path if run.files_deleted_at is None and path.is_file() else None


def uploads_clear(*, user, now=None) -> int:
    """Delete the uploads, and the rows kept to show their problems, of runs that ended (imported, failed,
    or checked and never confirmed) more than ``OPENYJ_UPLOAD_RETENTION_DAYS`` days ago.

    The counts stay, so the page still says what happened; one audit event per service says how
    many were deleted. Returns the number of runs cleared. ``user`` is the actor clearing (the worker's
    scheduled task or the command line): only a system actor may.
    """
    if not is_system(user):
        raise PermissionDenied("Uploads are cleared by the scheduled task or the command line only.")
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.OPENYJ_UPLOAD_RETENTION_DAYS)
    ended = Q(status__in=[ImportRun.Status.CHECKED, ImportRun.Status.DONE, ImportRun.Status.FAILED])
    # Work that never ended (its worker died and nobody opened the page since) is abandoned too.
    abandoned = Q(status__in=ImportRun.WORKING, created_at__lt=cutoff)
    due = (ImportRun.objects.filter(files_deleted_at__isnull=True)
           .filter((ended & Q(finished_at__lt=cutoff)) | (ended & Q(finished_at__isnull=True, created_at__lt=cutoff))
                   | abandoned)
           .select_related("service"))
    cleared: dict = {}
    for run in due:
        _delete_files(run, reason="retention", now=now)
        cleared.setdefault(run.service, []).append(str(run.pk))
    for service, runs in cleared.items():
        audit(user=user, verb=AuditEvent.Verb.DELETE, service=service, object_type=ImportRun._meta.label,
              summary=(f"Deleted {len(runs)} uploaded file{'s'[:len(runs) != 1]} and their rows with problems, "
                       f"{settings.OPENYJ_UPLOAD_RETENTION_DAYS} days after the import ended"),
              changes={"runs": runs, "retention_days": settings.OPENYJ_UPLOAD_RETENTION_DAYS})
    return sum(len(runs) for runs in cleared.values())


def _delete_files(run: ImportRun, *, reason: str, now=None) -> None:
    shutil.rmtree(run_folder(run), ignore_errors=True)
    changes = {"files_deleted_at": now or timezone.now(), "stored_path": ""}
    if reason == "retention":
        # The reports keep counts and the first problems of each file; the problems quote cells of the
        # upload, so they go with it.
        changes["check_report"] = _counts_only(run.check_report)
        changes["result_report"] = _counts_only(run.result_report)
        if run.status in ImportRun.WORKING:
            changes.update(status=ImportRun.Status.FAILED, progress="",
                           error="This upload was abandoned before it finished and has been deleted.")
    ImportRun.objects.filter(pk=run.pk).update(**changes)


def _counts_only(data: dict | None) -> dict | None:
    if data is None:
        return None
    report = ImportReport.from_dict(data)
    for f in report.files.values():
        f.problems = []
        f.skipped_rows = []
    return report.to_dict()


def report_of(data: dict | None) -> ImportReport | None:
    return None if data is None else ImportReport.from_dict(data)
