"""The partnership: board attendance, partner budget, workforce, and improvement actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from openyj.core.fields import ServiceScoped
from openyj.governance import codes as governance_codes
from openyj.people import codes as people_codes


class BoardAttendance(ServiceScoped):
    """One member's attendance at one management board meeting (KPI 7)."""

    meeting_date = models.DateField()
    member = models.CharField(max_length=200)
    agency = models.CharField(max_length=200)
    statutory_partner = models.BooleanField(null=True, blank=True)
    appropriate_seniority = models.BooleanField(null=True, blank=True)
    attendance = models.CharField(max_length=10, choices=governance_codes.ATTENDANCE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "meeting_date", "member"], name="attendance_unique")
        ]
        ordering = ["-meeting_date", "agency"]


class BudgetLine(ServiceScoped):
    """One partner's contribution to the service's budget for a financial year (YJB layout)."""

    year = models.CharField(max_length=7, help_text="Financial year, e.g. 2024/25")
    agency = models.CharField(max_length=200)
    staffing = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    payments_in_kind = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    other_delegated = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    total = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "year", "agency"], name="budget_unique")]
        ordering = ["year", "agency"]


class StaffMember(ServiceScoped):
    """A member of the workforce (no names: the workforce profile is reported in aggregate)."""

    reference = models.CharField("staff reference", max_length=60)
    grade = models.CharField(max_length=100, blank=True)
    staff_type = models.CharField(max_length=20, choices=governance_codes.STAFF_TYPE, blank=True)
    agency = models.CharField(max_length=200, blank=True)
    sex = models.CharField(max_length=10, choices=people_codes.SEX, blank=True)
    ethnicity = models.CharField(max_length=40, choices=people_codes.ETHNICITY_CHOICES, blank=True)
    fte = models.DecimalField("full-time equivalent", max_digits=4, decimal_places=2, null=True, blank=True)
    qualifications = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["service", "reference"], name="staff_reference_unique")]
        ordering = ["reference"]


class ImprovementAction(ServiceScoped):
    """An improvement action: what, who, by when, and its status.

    Minimal on purpose; the improvement-plan pages reuse it. ``source`` says what raised it (a weak
    key question of a case audit, a National Standard, an inspection recommendation) in words, and
    ``source_ref`` holds a stable pointer such as ``audit:12/2.1.3``.
    """

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ONGOING = "ongoing", "Ongoing"
        CLOSED = "closed", "Closed"
        NO_LONGER_APPLICABLE = "no_longer_applicable", "No longer applicable"

    what = models.TextField()
    owner = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.NOT_STARTED)
    source = models.CharField(max_length=300, blank=True)
    source_ref = models.CharField(max_length=100, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "due_on", "pk"]

    def __str__(self) -> str:
        return self.what[:80]
