"""Import pages: upload → check your data → confirm → done; the template and the export download.

Only roles with the import action (performance officers, administrators) may import, and only into
the service they are working in; the export download needs the export action. The check and the
import run in the background worker; these pages read their progress from the run's row.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from openyj.core.permissions import require
from openyj.core.roles import Action
from openyj.core.tasks import waiting
from openyj.interchange import runs, services
from openyj.interchange.forms import ConfirmForm, UploadForm
from openyj.interchange.models import ImportRun
from openyj.interchange.schema import FILES

FIRST_PROBLEMS = runs.FIRST_PROBLEMS


def _run(request, run_id) -> ImportRun:
    """A run of the active service only: another service's run is a 404, not a 403."""
    try:
        return ImportRun.objects.select_related("service").get(pk=run_id, service=request.service)
    except (ImportRun.DoesNotExist, ValueError):
        raise Http404("No such import") from None


@require(Action.IMPORT)
@require_http_methods(["GET", "POST"])
@reauthentication_required
def import_start(request):
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if request.method == "POST" and (too_big := UploadForm.too_big(request)):
        # The file was dropped as it arrived (openyj/interchange/uploads.py): say why, not "select a file".
        form.is_valid()
        form.errors.pop("data_file", None)
        form.add_error("data_file", too_big)
    if request.method == "POST" and form.is_valid():
        run = services.import_run_create(user=request.user, service=request.service,
                                         uploaded=form.cleaned_data["data_file"])
        return redirect("import_check", run_id=run.pk)
    recent = ImportRun.objects.filter(service=request.service).select_related("user")[:5]
    return render(request, "interchange/start.html", {"form": form, "files": FILES, "recent": recent})


def _summary(report):
    rows = []
    for name, f in report.files.items():
        rows.append({"name": name, "report": f, "first": f.problems[:FIRST_PROBLEMS],
                     "more": f.error_count - min(len(f.problems), FIRST_PROBLEMS)})
    return rows


def _progress_page(request, run: ImportRun, doing: str):
    return render(request, "interchange/progress.html", {
        "run": run, "doing": doing, "progress": run.progress,
        "waiting": waiting(run, started=run.confirmed_at or run.created_at)})


@require(Action.IMPORT)
def import_check(request, run_id):
    run = services.import_run_stalled(_run(request, run_id))
    if run.status == ImportRun.Status.CHECKING:
        return _progress_page(request, run, "Checking your data")
    if run.status in (ImportRun.Status.IMPORTING, ImportRun.Status.DONE) or run.confirmed_at:
        return redirect("import_done", run_id=run.pk)  # confirmed: the rest is the import's page
    report = services.report_of(run.check_report)
    return render(request, "interchange/check.html", {
        "run": run, "report": report, "files": _summary(report) if report else [],
        "confirm_form": ConfirmForm(), "failed": run.status == ImportRun.Status.FAILED,
        "retention_days": settings.OPENYJ_UPLOAD_RETENTION_DAYS,
    })


@require(Action.IMPORT)
@require_POST
@reauthentication_required
def import_confirm(request, run_id):
    run = _run(request, run_id)
    if run.status != ImportRun.Status.CHECKED or run.files_deleted_at:
        return redirect("import_check", run_id=run.pk)
    form = ConfirmForm(request.POST)
    keep_valid = form.is_valid() and form.cleaned_data["keep_valid"]
    report = services.report_of(run.check_report)
    if report is not None and report.problems:
        # The upload as a whole cannot be read (not a zip, a path outside its folder…): nothing to load.
        return redirect("import_check", run_id=run.pk)
    if report is not None and not report.ok and not keep_valid:
        # Nothing can be written while there are problems, unless the user chose to skip those rows.
        return render(request, "interchange/check.html", {
            "run": run, "report": report, "files": _summary(report), "confirm_form": form,
            "must_choose": True, "retention_days": settings.OPENYJ_UPLOAD_RETENTION_DAYS,
        }, status=400)
    services.import_run_confirm(run, user=request.user, keep_valid=keep_valid)
    return redirect("import_done", run_id=run.pk)


@require(Action.IMPORT)
def import_done(request, run_id):
    run = services.import_run_stalled(_run(request, run_id))
    if run.status == ImportRun.Status.IMPORTING:
        return _progress_page(request, run, "Importing your data")
    if run.status == ImportRun.Status.FAILED and run.confirmed_at:
        return render(request, "interchange/failed.html", {"run": run, "doing": "import"})
    if run.status != ImportRun.Status.DONE:
        return redirect("import_check", run_id=run.pk)
    report = services.report_of(run.result_report)
    return render(request, "interchange/done.html", {"run": run, "report": report, "files": _summary(report),
                                                     "retention_days": settings.OPENYJ_UPLOAD_RETENTION_DAYS})


def _download(run: ImportRun, name: str, filename: str, content_type: str):
    """A download written beside the upload by the check or the import (from the import if it ran)."""
    path = services.download_path(run, name)
    if path is None:
        raise Http404("Not checked yet, or deleted after the retention period")
    return FileResponse(open(path, "rb"), as_attachment=True, filename=filename,  # noqa: SIM115
                        content_type=content_type)


@require(Action.IMPORT)
def import_problems(request, run_id):
    """Every problem found, as CSV (from the import if it ran, else from the check)."""
    run = _run(request, run_id)
    return _download(run, runs.PROBLEMS_FILE, f"problems-{run.created_at:%Y%m%d-%H%M}.csv",
                     "text/csv; charset=utf-8")


@require(Action.IMPORT)
def import_skipped(request, run_id):
    """The rows that were not loaded, as files of the format, to fix and import again."""
    run = _run(request, run_id)
    return _download(run, runs.SKIPPED_FILE, f"rows-with-problems-{run.created_at:%Y%m%d-%H%M}.zip",
                     "application/zip")


@require(Action.IMPORT)
def import_template(request):
    response = HttpResponse(services.template_zip(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="openyj-interchange-template.zip"'
    return response


@require(Action.EXPORT)
@require_POST
@reauthentication_required
def export_download(request):
    """The active service's data in the interchange format, as a zip."""
    folder = Path(tempfile.mkdtemp(prefix="openyj-export-"))
    path = folder / f"{request.service.code}-{timezone.localdate():%Y-%m-%d}.zip"
    services.export_service(request.service, path, user=request.user)
    handle = open(path, "rb")  # noqa: SIM115 - FileResponse closes it
    # The open file stays readable after it is unlinked, so nothing is left on disk.
    path.unlink()
    folder.rmdir()
    return FileResponse(handle, as_attachment=True, filename=path.name, content_type="application/zip")
