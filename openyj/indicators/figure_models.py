"""Stored figure sets: what pages, downloads and documents read, so that a figure can be published,
frozen and quoted.

A :class:`FigureSet` holds, for one service and one chosen period, every indicator's result (as
headlined: an annual measure over the rolling 12 months to the chosen quarter), its comparators and
its eight-quarter trend, the definition version of each indicator, the **data vintage** (when the
service's records last changed before the figures were computed) and when they were computed.

The current set of a period is recomputed (by the ``figures_refresh`` task, or ``openyj figures
refresh``) whenever the service's records change: until then it is marked stale, and pages say so.
A **frozen** set is a copy made for a return, a board report or a plan; nothing ever changes it.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.utils import timezone

from openyj.core.fields import ServiceScoped
from openyj.core.tasks import BackgroundWork


class FigureState(models.Model):
    """Per service: when its records (or its figure settings) last changed, and whether a refresh of its
    figure sets is already queued (so that many changes queue one refresh)."""

    service = models.OneToOneField("core.Service", on_delete=models.CASCADE, related_name="+")
    records_changed_at = models.DateTimeField(default=timezone.now)
    refresh_queued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Figures of service {self.service_id}: records changed {self.records_changed_at:%Y-%m-%d %H:%M}"


class FigureSet(ServiceScoped, BackgroundWork):
    """Every indicator of one service for one chosen period, as computed at one time from one vintage."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Being computed"
        CURRENT = "current", "Up to date"
        STALE = "stale", "Out of date: the records have changed since"
        FAILED = "failed", "Could not be computed"

    period_kind = models.CharField(max_length=20)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    data_vintage = models.DateTimeField(null=True, blank=True,
                                        help_text="When the service's records last changed before computing")
    computed_at = models.DateTimeField(null=True, blank=True)
    # {"indicators": {code: result as a dict}, "trend": {code: [row, …]}}
    figures = models.JSONField(default=dict, blank=True)
    # The same results without their lists and breakdowns, for the summary (read on every visit).
    summary = models.JSONField(default=dict, blank=True)
    versions = models.JSONField(default=dict, blank=True, help_text="Indicator code → definition version")
    frozen_at = models.DateTimeField(null=True, blank=True)
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    frozen_for = models.CharField(max_length=200, blank=True, help_text="What the frozen figures are for")

    class Meta:
        constraints = [
            # one current (unfrozen) set per service and period; frozen copies beside it
            models.UniqueConstraint(fields=["service", "period_kind", "period_start", "period_end"],
                                    condition=models.Q(frozen_at__isnull=True), name="figure_set_one_current"),
        ]
        indexes = [models.Index(fields=["service", "period_kind", "period_end"])]
        ordering = ["-period_end", "-frozen_at"]

    def __str__(self) -> str:
        frozen = f", frozen {self.frozen_at:%Y-%m-%d}" if self.frozen_at else ""
        return f"Figures {self.period_kind} {self.period_start}–{self.period_end}{frozen}"

    @property
    def period(self):
        from openyj.indicators.periods import Period

        return Period(self.period_start, self.period_end, self.period_kind)

    @property
    def frozen(self) -> bool:
        return self.frozen_at is not None

    def is_current(self, records_changed_at=None) -> bool:
        """Computed from the records as they are now (a frozen set is a record of its time, not current)."""
        if self.status != self.Status.CURRENT or self.data_vintage is None:
            return False
        return records_changed_at is None or self.data_vintage >= records_changed_at

    def computed_on(self) -> date | None:
        return self.computed_at.date() if self.computed_at else None
