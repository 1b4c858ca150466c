"""Real inspections: the published ratings, key-question percentages and recommendations."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from openyj.core.fields import ServiceScoped
from openyj.quality.frameworks import inspection_framework_choices


class Inspection(ServiceScoped):
    """An inspection of the service as published (for example HMI Probation, Leeds, 2019).

    The published ratings are kept as published; the ratings the rule computes from the percentages are
    shown beside them, so a difference (an inspectors' adjustment) is visible and can be explained.
    """

    framework = models.CharField(max_length=30, choices=inspection_framework_choices)
    title = models.CharField(max_length=200)
    inspectorate = models.CharField(max_length=200, default="HM Inspectorate of Probation")
    fieldwork_started = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_overall = models.CharField("published overall rating", max_length=40)
    court_cases = models.PositiveSmallIntegerField("court cases inspected", null=True, blank=True)
    out_of_court_cases = models.PositiveSmallIntegerField("out-of-court cases inspected", null=True, blank=True)
    source = models.CharField("where the report is", max_length=300, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fieldwork_started", "-pk"]

    def __str__(self) -> str:
        return self.title


class InspectionStandard(ServiceScoped):
    """A standard's rating as published in the inspection report."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="standards")
    standard = models.CharField(max_length=20)
    published_rating = models.CharField(max_length=40)

    class Meta:
        ordering = ["standard"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "standard"], name="inspection_standard_unique")
        ]


class InspectionKeyQuestion(ServiceScoped):
    """A key question's published "% yes" (case standards only)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="key_questions")
    key_question = models.CharField(max_length=20)
    percent_yes = models.DecimalField(
        "% yes", max_digits=5, decimal_places=2, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["key_question"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "key_question"], name="inspection_kq_unique"),
            models.CheckConstraint(
                condition=models.Q(percent_yes__gte=0, percent_yes__lte=100), name="inspection_kq_percent_0_100"
            ),
        ]


class InspectionRecommendation(ServiceScoped):
    """One numbered recommendation of the inspection, and to whom it was addressed."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    addressed_to = models.CharField(max_length=200, blank=True)
    text = models.TextField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "number"], name="inspection_recommendation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:60]}"
