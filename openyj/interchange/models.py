"""An import run: the upload kept between "check your data" and "confirm", with its reports."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models


class ImportRun(models.Model):
    """One upload by one user into one service: checked first, then (if confirmed) applied."""

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
    progress = models.CharField(max_length=200, blank=True)
    keep_valid = models.BooleanField(default=False)
    check_report = models.JSONField(null=True, blank=True)
    result_report = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.original_name} → {self.service.code} ({self.status})"
