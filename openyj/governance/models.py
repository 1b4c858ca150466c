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
    """An improvement action: what will be done, who owns it, by when, and its status.

    What it answers is kept as typed links (:class:`ActionLink`): an inspection recommendation, a
    case-audit or inspection finding, a National Standards grading, an indicator. Written and read
    only through :mod:`openyj.governance.services` and :mod:`openyj.governance.selectors`; kept small,
    so that improvement plans (objectives, progress updates, risks) can be built on it.
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
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["status", "due_on", "pk"]

    def __str__(self) -> str:
        return self.what[:80]

    @property
    def answers(self) -> str:
        """What the action answers, in words."""
        return "; ".join(link.text for link in self.links.all())


class ActionLink(ServiceScoped):
    """One thing an improvement action answers: a typed reference to it, never a string to parse.

    Exactly the references its kind needs are set (the database checks it):

    - a case-audit finding: ``case_audit`` and ``code``, a standard or key question of its framework;
    - an inspection finding: ``inspection`` and ``code``, a standard or key question;
    - an inspection recommendation: ``recommendation``;
    - a National Standards grading: ``self_assessment``, ``code`` (the standard) and ``level``;
    - an indicator: ``indicator``, its code on the performance pages.

    ``text`` says what was answered in words, as it stood when the action was raised (a percentage,
    a rating), so the action still reads true when the finding later changes. Build one with the
    class methods (``ActionLink.audit_finding(audit, "2.1.3", text=...)``) and give it to
    :func:`openyj.governance.services.improvement_action_create`.
    """

    class Kind(models.TextChoices):
        AUDIT_FINDING = "audit_finding", "Case-audit finding"
        INSPECTION_FINDING = "inspection_finding", "Inspection finding"
        RECOMMENDATION = "recommendation", "Inspection recommendation"
        STANDARDS_GRADING = "standards_grading", "National Standards grading"
        INDICATOR = "indicator", "Indicator"

    action = models.ForeignKey(ImprovementAction, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # What is answered is kept while an action answers it (PROTECT): it cannot vanish from under the plan.
    case_audit = models.ForeignKey("quality.CaseAudit", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    inspection = models.ForeignKey("quality.Inspection", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    recommendation = models.ForeignKey("quality.InspectionRecommendation", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    self_assessment = models.ForeignKey("quality.StandardsSelfAssessment", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    code = models.CharField(max_length=20, blank=True, help_text="A standard or key question code, e.g. 2.1.3.")
    level = models.CharField(max_length=20, blank=True, help_text="A National Standards level, e.g. strategic.")
    indicator = models.CharField(max_length=60, blank=True)
    text = models.CharField("what it answers, in words", max_length=300)

    # The references each kind sets; every other reference stays empty.
    REFERENCES = ("case_audit", "inspection", "recommendation", "self_assessment", "code", "level", "indicator")
    NEEDS: dict[str, tuple[str, ...]] = {
        Kind.AUDIT_FINDING: ("case_audit", "code"),
        Kind.INSPECTION_FINDING: ("inspection", "code"),
        Kind.RECOMMENDATION: ("recommendation",),
        Kind.STANDARDS_GRADING: ("self_assessment", "code", "level"),
        Kind.INDICATOR: ("indicator",),
    }

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="audit_finding", case_audit__isnull=False, inspection__isnull=True,
                             recommendation__isnull=True, self_assessment__isnull=True, level="", indicator="")
                    & ~models.Q(code="")
                    | models.Q(kind="inspection_finding", case_audit__isnull=True, inspection__isnull=False,
                               recommendation__isnull=True, self_assessment__isnull=True, level="", indicator="")
                    & ~models.Q(code="")
                    | models.Q(kind="recommendation", case_audit__isnull=True, inspection__isnull=True,
                               recommendation__isnull=False, self_assessment__isnull=True, code="", level="",
                               indicator="")
                    | models.Q(kind="standards_grading", case_audit__isnull=True, inspection__isnull=True,
                               recommendation__isnull=True, self_assessment__isnull=False, indicator="")
                    & ~models.Q(code="") & ~models.Q(level="")
                    | models.Q(kind="indicator", case_audit__isnull=True, inspection__isnull=True,
                               recommendation__isnull=True, self_assessment__isnull=True, code="", level="")
                    & ~models.Q(indicator="")
                ),
                name="action_link_references_match_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @classmethod
    def audit_finding(cls, case_audit, code: str, *, text: str) -> ActionLink:
        return cls(kind=cls.Kind.AUDIT_FINDING, case_audit=case_audit, code=code, text=text)

    @classmethod
    def inspection_finding(cls, inspection, code: str, *, text: str) -> ActionLink:
        return cls(kind=cls.Kind.INSPECTION_FINDING, inspection=inspection, code=code, text=text)

    @classmethod
    def for_recommendation(cls, recommendation, *, text: str) -> ActionLink:
        return cls(kind=cls.Kind.RECOMMENDATION, recommendation=recommendation, text=text)

    @classmethod
    def standards_grading(cls, self_assessment, standard: str, level: str, *, text: str) -> ActionLink:
        return cls(kind=cls.Kind.STANDARDS_GRADING, self_assessment=self_assessment, code=standard, level=level,
                   text=text)

    @classmethod
    def for_indicator(cls, indicator: str, *, text: str) -> ActionLink:
        return cls(kind=cls.Kind.INDICATOR, indicator=indicator, text=text)
