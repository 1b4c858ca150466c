"""The work of one rendering: produce the files into the documents folder, reporting progress."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from openyj.core.tasks import Progress
from openyj.documents import produce
from openyj.documents.models import Document, Rendering


def documents_dir() -> Path:
    """Where produced files are kept: ``OPENYJ_DOCUMENTS_DIR``, else ``documents`` beside the uploads."""
    configured = getattr(settings, "OPENYJ_DOCUMENTS_DIR", None)
    return Path(configured) if configured else Path(settings.OPENYJ_UPLOAD_DIR).parent / "documents"


def render(rendering_id: int) -> None:
    rendering = Rendering.objects.select_related("document", "document__service").get(pk=rendering_id)
    doc = rendering.document
    progress = Progress(rendering)
    rows = Rendering.objects.filter(pk=rendering.pk)
    rows.update(status=Rendering.Status.RUNNING, heartbeat_at=timezone.now())
    folder = documents_dir() / str(doc.service_id) / f"{doc.pk}-{rendering.pk}"
    try:
        period = (produce.plan_period(doc.year) if doc.kind == Document.Kind.PLAN
                  else produce.board_period(doc.period_start, doc.period_end))
        produce.write(doc.service, kind=doc.kind, period=period, out_dir=folder, year=doc.year, document=doc,
                      progress=lambda m: progress(m, force=True))
    except Exception as error:
        shutil.rmtree(folder, ignore_errors=True)
        rows.update(status=Rendering.Status.FAILED, finished_at=timezone.now(),
                    error=f"The files could not be produced ({error}). Try again; if it fails again, tell "
                          "your administrator.")
        raise
    rows.update(status=Rendering.Status.DONE, folder=str(folder), finished_at=timezone.now(),
                progress="Ready to download")
