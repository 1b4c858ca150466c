"""The web import flow's writes: keep an upload, check it, apply it (in the background if asked).

The public functions of the interchange app for other code are :func:`import_path`,
:func:`export_service` and :func:`template_zip`, re-exported here.
"""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

from django.conf import settings
from django.db import connection

from openyj.interchange.exporter import export_service
from openyj.interchange.importer import import_path
from openyj.interchange.models import ImportRun
from openyj.interchange.report import ImportReport
from openyj.interchange.template import template_zip

__all__ = ["export_service", "import_path", "template_zip", "import_run_create", "import_run_check",
           "import_run_apply", "progress_of"]

ALLOWED_SUFFIXES = (".zip", ".xlsx", ".csv")
# Progress of running imports, by run id. An import holds its transaction open, so progress cannot be
# written to the database for other requests to read; it is kept in the web process instead.
_PROGRESS: dict[str, str] = {}


def uploads_dir() -> Path:
    return Path(getattr(settings, "OPENYJ_UPLOAD_DIR", Path(settings.DATA_DIR) / "imports"))


def import_run_create(*, user, service, uploaded) -> ImportRun:
    """Keep an uploaded file for checking and confirming."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(uploaded.name).name)[:120] or "upload"
    run = ImportRun(service=service, user=user, original_name=uploaded.name[:255])
    folder = uploads_dir() / str(run.id)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with open(path, "wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    run.stored_path = str(path)
    run.save()
    return run


def _in_background(run: ImportRun, work) -> None:
    if not getattr(settings, "OPENYJ_IMPORT_IN_BACKGROUND", True):
        work()
        return

    def target():
        try:
            work()
        finally:
            connection.close()

    threading.Thread(target=target, name=f"import-{run.id}", daemon=True).start()


def _progress(run: ImportRun):
    key = str(run.id)

    def report(message: str) -> None:
        _PROGRESS[key] = message
    return report


def progress_of(run: ImportRun) -> str:
    return _PROGRESS.get(str(run.id), "")


def import_run_check(run: ImportRun) -> None:
    """Dry run: what would be created, updated, unchanged, and every problem."""

    def work():
        try:
            report = import_path(run.stored_path, service_code=run.service.code, user=run.user, dry_run=True,
                                 progress=_progress(run))
            ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.CHECKED,
                                                       check_report=report.to_dict())
        except Exception:
            ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.FAILED)
            raise
        finally:
            _PROGRESS.pop(str(run.id), None)

    _in_background(run, work)


def import_run_apply(run: ImportRun, *, keep_valid: bool) -> None:
    """Apply the checked upload in one transaction (only the valid rows if ``keep_valid``)."""
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.IMPORTING, keep_valid=keep_valid)

    def work():
        try:
            report = import_path(run.stored_path, service_code=run.service.code, user=run.user,
                                 keep_valid=keep_valid, progress=_progress(run))
            ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.DONE, result_report=report.to_dict())
            if report.applied:
                shutil.rmtree(Path(run.stored_path).parent, ignore_errors=True)
        except Exception:
            ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.FAILED)
            raise
        finally:
            _PROGRESS.pop(str(run.id), None)

    _in_background(run, work)


def report_of(data: dict | None) -> ImportReport | None:
    return None if data is None else ImportReport.from_dict(data)
