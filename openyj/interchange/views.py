"""Import pages: upload → check your data → confirm → done; the template and the export download.

Only roles with the import action (performance officers, administrators) may import, and only into
the service they are working in; the export download needs the export action.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from allauth.account.decorators import reauthentication_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from openyj.core.permissions import require
from openyj.core.roles import Action
from openyj.interchange import services
from openyj.interchange.forms import ConfirmForm, UploadForm
from openyj.interchange.models import ImportRun
from openyj.interchange.schema import FILES

FIRST_PROBLEMS = 10


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
    if request.method == "POST" and form.is_valid():
        run = services.import_run_create(user=request.user, service=request.service,
                                         uploaded=form.cleaned_data["data_file"])
        services.import_run_check(run)
        return redirect("import_check", run_id=run.pk)
    recent = ImportRun.objects.filter(service=request.service).select_related("user")[:5]
    return render(request, "interchange/start.html", {"form": form, "files": FILES, "recent": recent})


def _summary(report):
    rows = []
    for name, f in report.files.items():
        rows.append({"name": name, "report": f, "first": f.problems[:FIRST_PROBLEMS],
                     "more": f.error_count - min(len(f.problems), FIRST_PROBLEMS)})
    return rows


@require(Action.IMPORT)
def import_check(request, run_id):
    run = _run(request, run_id)
    if run.status == ImportRun.Status.CHECKING:
        return render(request, "interchange/progress.html", {"run": run, "doing": "Checking your data",
                                                             "progress": services.progress_of(run)})
    if run.status in (ImportRun.Status.IMPORTING, ImportRun.Status.DONE):
        return redirect("import_done", run_id=run.pk)
    report = services.report_of(run.check_report)
    return render(request, "interchange/check.html", {
        "run": run, "report": report, "files": _summary(report) if report else [],
        "confirm_form": ConfirmForm(), "failed": run.status == ImportRun.Status.FAILED,
    })


@require(Action.IMPORT)
@require_POST
@reauthentication_required
def import_confirm(request, run_id):
    run = _run(request, run_id)
    if run.status != ImportRun.Status.CHECKED:
        return redirect("import_check", run_id=run.pk)
    form = ConfirmForm(request.POST)
    keep_valid = form.is_valid() and form.cleaned_data["keep_valid"]
    report = services.report_of(run.check_report)
    if report is not None and not report.ok and not keep_valid:
        # Nothing can be written while there are problems, unless the user chose to skip those rows.
        return render(request, "interchange/check.html", {
            "run": run, "report": report, "files": _summary(report), "confirm_form": form,
            "must_choose": True,
        }, status=400)
    services.import_run_apply(run, keep_valid=keep_valid)
    return redirect("import_done", run_id=run.pk)


@require(Action.IMPORT)
def import_done(request, run_id):
    run = _run(request, run_id)
    if run.status == ImportRun.Status.IMPORTING:
        return render(request, "interchange/progress.html", {"run": run, "doing": "Importing your data",
                                                             "progress": services.progress_of(run)})
    if run.status != ImportRun.Status.DONE:
        return redirect("import_check", run_id=run.pk)
    report = services.report_of(run.result_report)
    return render(request, "interchange/done.html", {"run": run, "report": report, "files": _summary(report)})


@require(Action.IMPORT)
def import_problems(request, run_id):
    """Every problem found, as CSV (from the import if it ran, else from the check)."""
    run = _run(request, run_id)
    report = services.report_of(run.result_report or run.check_report)
    if report is None:
        raise Http404("Not checked yet")
    response = HttpResponse(report.problems_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="problems-{run.created_at:%Y%m%d-%H%M}.csv"'
    return response


@require(Action.IMPORT)
def import_skipped(request, run_id):
    """The rows that were not loaded, as files of the format, to fix and import again."""
    run = _run(request, run_id)
    report = services.report_of(run.result_report or run.check_report)
    if report is None:
        raise Http404("Not checked yet")
    response = HttpResponse(report.skipped_zip(), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="rows-with-problems-{run.created_at:%Y%m%d-%H%M}.zip"'
    return response


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
