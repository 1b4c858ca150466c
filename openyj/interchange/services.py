"""The web import flow's writes: keep an upload, check it, apply it, and delete it when it is no longer needed.

The check and the import run in the background worker (:mod:`openyj.interchange.tasks`, doing the
work in :mod:`openyj.interchange.runs`), which writes progress, result and error on the run's row,
so that any web process shows them.

The public functions of the interchange app for other code are :func:`import_path`,
:func:`export_service` and :func:`template_zip`, re-exported here.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from openyj.core.permissions import services_for
from openyj.core.roles import Action
from openyj.core.tasks import remember_task, stalled
from openyj.interchange.exporter import export_service
from openyj.interchange.importer import import_path
from openyj.interchange.models import ImportRun
from openyj.interchange.runs import download_path, report_of, run_folder, uploads_clear
from openyj.interchange.tasks import import_apply, import_check
from openyj.interchange.template import template_zip

__all__ = ["export_service", "import_path", "template_zip", "import_run_create", "import_run_confirm",
           "import_run_stalled", "uploads_clear", "download_path", "report_of", "run_folder"]

ALLOWED_SUFFIXES = (".zip", ".xlsx", ".csv")


def _ensure_can_import(user, service) -> None:
    if service.pk not in services_for(user, Action.IMPORT):
        raise PermissionDenied("Your role does not allow importing into this service.")


def import_run_create(*, user, service, uploaded) -> ImportRun:
    """Keep an uploaded file and ask the worker to check it."""
    _ensure_can_import(user, service)
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(uploaded.name).name)[:120] or "upload"
    run = ImportRun(service=service, user=user, original_name=uploaded.name[:255])
    folder = run_folder(run)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    with open(path, "wb") as out:
        for chunk in uploaded.chunks():
            out.write(chunk)
    run.stored_path = str(path)
    run.save()
    # The task is stored in the same database: inside a caller's transaction, both are saved or neither.
    remember_task(run, import_check.enqueue(str(run.pk)))
    return run


def import_run_confirm(run: ImportRun, *, user, keep_valid: bool) -> None:
    """Ask the worker to apply a checked upload (only the valid rows if ``keep_valid``)."""
    _ensure_can_import(user, run.service)
    if run.status != ImportRun.Status.CHECKED:
        raise PermissionDenied("This upload is not waiting to be confirmed.")
    ImportRun.objects.filter(pk=run.pk).update(
        status=ImportRun.Status.IMPORTING, keep_valid=keep_valid, confirmed_at=timezone.now(), progress="",
        heartbeat_at=None, task_id="", finished_at=None)
    remember_task(run, import_apply.enqueue(str(run.pk)))


def import_run_stalled(run: ImportRun) -> ImportRun:
    """If the worker doing ``run`` stopped without finishing, record that the run failed, and say what to do."""
    if run.status not in ImportRun.WORKING:
        return run
    reason = stalled(run)
    if not reason:
        return run
    doing = "check" if run.status == ImportRun.Status.CHECKING else "import"
    run.error = (f"{reason} The {doing} did not finish and nothing has been saved. Upload the file again; if it "
                 "happens again, ask your administrator to check the OpenYJ worker (openyj worker).")
    # Only if the row is still as it was read: a worker that has just finished wins.
    updated = ImportRun.objects.filter(pk=run.pk, status=run.status, heartbeat_at=run.heartbeat_at).update(
        status=ImportRun.Status.FAILED, error=run.error, progress="", finished_at=timezone.now())
    if updated:
        run.status = ImportRun.Status.FAILED
    else:
        run.refresh_from_db()
    return run
