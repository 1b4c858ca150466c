"""A submitted quarterly return of the YJB key performance indicators, frozen as submitted."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from openyj.core.fields import ServiceScoped


class KpiSubmission(ServiceScoped):
    """The figures of one quarter's KPI return as they were when a manager or performance officer
    marked it submitted: the figures (as ``openyj indicators --json`` gives them), the definition
    version of each KPI, when the records were last changed (the data vintage), and why it went with
    items missing. A reopened submission is kept (with who reopened it and when) so the next one can
    show what changed since."""

    period_start = models.DateField()
    period_end = models.DateField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    figures = models.JSONField(help_text="The ten KPIs as computed at submission (kpi_* objects).")
    children = models.JSONField(default=list, help_text="The return's child-level extract, as submitted.")
    versions = models.JSONField(help_text="KPI code → the definition version used.")
    data_vintage = models.DateTimeField(null=True, blank=True,
                                        help_text="When the service's records were last changed before submission.")
    missing = models.PositiveIntegerField(default=0)
    missing_reason = models.TextField(blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    reopen_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-period_end", "-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["service", "period_start", "period_end"],
                                    condition=models.Q(reopened_at__isnull=True), name="kpi_one_open_submission"),
        ]

    def __str__(self) -> str:
        return f"KPI return {self.period_start}–{self.period_end} submitted {self.submitted_at:%Y-%m-%d}"
