"""The National Standards self-assessment: gradings per standard and level, and the operational sample."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from openyj.core.fields import ServiceScoped
from openyj.quality.models.audits import Answer


class GradingScale(ServiceScoped):
    """A service's own grading scale (best grade first). Built-in scales live in the framework file."""

    name = models.CharField(max_length=200)
    grades = models.JSONField(help_text="Grades from best to worst.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["service", "name"], name="grading_scale_name_unique")]

    def __str__(self) -> str:
        return self.name


class StandardsSelfAssessment(ServiceScoped):
    """One year's self-assessment against the National Standards.

    The grading scale is copied in (``scale_name``, ``grades``) when the assessment is started, so that a
    later change of scale never rewrites the history of earlier years.
    """

    framework = models.CharField(max_length=30, default="ns-2019")
    title = models.CharField(max_length=200)
    period_start = models.DateField("cases from")
    period_end = models.DateField("cases to")
    scale_name = models.CharField("grading scale", max_length=200)
    grades = models.JSONField()
    seed = models.PositiveBigIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_end", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")), name="ns_period_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title


class StandardsGrading(ServiceScoped):
    """The grade for one standard at one level (strategic or operational), its evidence and moderation."""

    self_assessment = models.ForeignKey(StandardsSelfAssessment, on_delete=models.CASCADE, related_name="gradings")
    standard = models.CharField(max_length=10)
    level = models.CharField(max_length=20)
    grade = models.CharField(max_length=100)
    evidence = models.TextField()
    strengths = models.TextField(blank=True)
    improvements = models.TextField("areas for improvement", blank=True)
    assessors = models.CharField("assessed by", max_length=300, blank=True)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    graded_at = models.DateTimeField(auto_now=True)
    moderated_grade = models.CharField(max_length=100, blank=True)
    moderation_note = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["standard", "level"]
        constraints = [
            models.UniqueConstraint(fields=["self_assessment", "standard", "level"], name="ns_grading_unique")
        ]

    @property
    def final_grade(self) -> str:
        return self.moderated_grade or self.grade


class StandardsSample(ServiceScoped):
    """The operational sample for one standard: how many cases were relevant, how many were drawn."""

    self_assessment = models.ForeignKey(StandardsSelfAssessment, on_delete=models.CASCADE, related_name="samples")
    standard = models.CharField(max_length=10)
    relevant_cases = models.PositiveIntegerField()
    sample_size = models.PositiveIntegerField()
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["standard"]
        constraints = [models.UniqueConstraint(fields=["self_assessment", "standard"], name="ns_sample_unique")]


class StandardsCase(ServiceScoped):
    """A case drawn for the operational audit of one standard, and whether practice met the standard."""

    sample = models.ForeignKey(StandardsSample, on_delete=models.CASCADE, related_name="cases")
    position = models.PositiveSmallIntegerField()
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    record_type = models.CharField(max_length=20)  # outcome, intervention, custody
    record_id = models.BigIntegerField()
    record_label = models.CharField(max_length=200)
    record_date = models.DateField()
    met = models.CharField("standard met", max_length=20, choices=Answer.choices, blank=True)
    notes = models.TextField(blank=True)
    audited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    audited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["sample", "record_type", "record_id"], name="ns_case_unique"),
            models.UniqueConstraint(fields=["sample", "position"], name="ns_case_position_unique"),
        ]
