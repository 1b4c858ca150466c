"""An import run: the upload kept between "check your data" and "confirm", with its reports.

The check and the import run in the background worker (``openyj.interchange.tasks``); the row holds
their progress, result and error so that every web process can show them.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from openyj.core.tasks import BackgroundWork


class ImportRun(BackgroundWork):
    """One upload by one user into one service: checked first, then (if confirmed) applied.

    The upload and the details of its problems are deleted ``OPENYJ_UPLOAD_RETENTION_DAYS`` after the
    run finished or was abandoned (``files_deleted_at``); the counts stay.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", "Checking"
        CHECKED = "checked", "Checked"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey("core.Service", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    original_name = models.CharField(max_length=255)
    stored_path = models.CharField(max_length=500)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CHECKING)
    keep_valid = models.BooleanField(default=False)
    check_report = models.JSONField(null=True, blank=True)
    result_report = models.JSONField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True, help_text="When the user asked for the import")
    finished_at = models.DateTimeField(null=True, blank=True, help_text="When the check or the import ended")
    files_deleted_at = models.DateTimeField(null=True, blank=True,
                                            help_text="When the upload and the rows with problems were deleted")

    WORKING = (Status.CHECKING, Status.IMPORTING)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} → {self.service.code} ({self.status})"

    @property
    def outcome(self) -> str:
        """What became of the upload, in words, for the list of recent imports: a check that found the
        file unreadable is a failure, not "checked"."""
        report = self.check_report or {}
        if self.status == self.Status.FAILED or report.get("problems"):
            return "failed: the file could not be read" if report.get("problems") else "failed"
        if self.status == self.Status.CHECKED:
            errors = sum(f.get("errors", 0) for f in (report.get("files") or {}).values())
            if errors:
                return f"checked: {errors} problem{'s' if errors != 1 else ''} found, not imported"
            return "checked, not imported yet"
        if self.status == self.Status.DONE:
            return "imported"
        return self.get_status_display().lower()
