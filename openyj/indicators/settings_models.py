"""Per-service indicator settings: targets, RAG tolerance, direction of "better", parameters.

Reference data, editable by the service's administrators on the performance settings pages, never
code: the [unconfirmed] definitions (serious youth violence, the remand window, whether children
looked after only on remand count) keep their parameters here too.
"""

from __future__ import annotations

from django.db import models

from openyj.core.fields import ServiceScoped


class IndicatorSetting(ServiceScoped):
    """A service's target and RAG rule for one indicator (defaults apply where none is stored)."""

    class Better(models.TextChoices):
        LOWER = "lower", "Lower is better"
        HIGHER = "higher", "Higher is better"

    indicator = models.CharField(max_length=60)
    target = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)
    tolerance_percent = models.DecimalField(
        "amber tolerance (% relative)", max_digits=5, decimal_places=2, default=5,
        help_text="Worse than the comparator by no more than this (relative) is amber; more is red.",
    )
    better = models.CharField(max_length=6, choices=Better.choices, blank=True,
                              help_text="Leave blank for the indicator's default.")
    parameters = models.JSONField(default=dict, blank=True,
                                  help_text='Definition parameters, e.g. {"categories": [...], "min_seriousness": 5}')

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "indicator"], name="indicator_setting_unique")]
        ordering = ["indicator"]

    def __str__(self) -> str:
        return f"{self.indicator} settings"
