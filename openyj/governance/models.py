"""The partnership: board attendance, partner budget, workforce, and improvement actions."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from openyj.core.fields import ServiceScoped
from openyj.governance import codes as governance_codes
from openyj.people import codes as people_codes

NOT_NEGATIVE = [MinValueValidator(Decimal("0"), message="Enter an amount of £0 or more")]


def money_field(verbose_name: str, **kwargs) -> models.DecimalField:
    """Money in pounds and pence, stored exactly and never below £0."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, validators=NOT_NEGATIVE, **kwargs)


class BoardAttendance(ServiceScoped):
    """One member's attendance at one management board meeting (KPI 7)."""

    meeting_date = models.DateField()
    member = models.CharField(max_length=200)
    agency = models.CharField(max_length=200)
    statutory_partner = models.BooleanField(null=True, blank=True)
    appropriate_seniority = models.BooleanField(null=True, blank=True)
    attendance = models.CharField(max_length=10, choices=governance_codes.ATTENDANCE)
    deputy_name = models.CharField("deputy's name", max_length=200, blank=True)
    # Set when recorded on the board pages; imported rows (board_attendance.csv) have only the columns above.
    meeting = models.ForeignKey("governance.BoardMeeting", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="attendance")
    board_member = models.ForeignKey("governance.BoardMember", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="attendance")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "meeting_date", "member"], name="attendance_unique")
        ]
        ordering = ["-meeting_date", "agency"]


class BudgetLine(ServiceScoped):
    """One partner's contribution to the service's budget for a financial year (YJB layout)."""

    year = models.CharField(max_length=7, help_text="Financial year, e.g. 2024/25")
    agency = models.CharField(max_length=200)
    staffing = money_field("staffing costs", null=True, blank=True)
    payments_in_kind = money_field("payments in kind", null=True, blank=True)
    other_delegated = money_field("other delegated funds", null=True, blank=True)
    total = money_field("total", null=True, blank=True, help_text="As the partner stated it; checked, never corrected")

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["service", "year", "agency"], name="budget_unique",
            violation_error_message="This year's table already has a line for this agency: change that line instead")]
        ordering = ["year", "agency"]


class StaffMember(ServiceScoped):
    """A member of the workforce (no names: the workforce profile is reported in aggregate)."""

    reference = models.CharField("staff reference", max_length=60)
    grade = models.CharField(max_length=100, blank=True)
    staff_type = models.CharField(max_length=20, choices=governance_codes.STAFF_TYPE, blank=True)
    agency = models.CharField(max_length=200, blank=True)
    sex = models.CharField(max_length=10, choices=people_codes.SEX, blank=True)
    ethnicity = models.CharField(max_length=40, choices=people_codes.ETHNICITY_CHOICES, blank=True)
    fte = models.DecimalField("full-time equivalent", max_digits=4, decimal_places=2, null=True, blank=True,
                              validators=[MinValueValidator(Decimal("0"))])
    qualifications = models.CharField(max_length=300, blank=True)
    started_on = models.DateField("start date", null=True, blank=True)
    ended_on = models.DateField("end date", null=True, blank=True)
    # The user account of a case manager, so that caseload per worker can be counted.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["service", "reference"], name="staff_reference_unique",
            violation_error_message="That staff reference is already used: give each person their own")]
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
    # In a plan: the key objective it serves, why and how (quality's actions may stand alone).
    objective = models.ForeignKey("governance.KeyObjective", null=True, blank=True, on_delete=models.CASCADE,
                                  related_name="actions")
    number = models.CharField(max_length=10, blank=True, help_text="Its number in the plan, e.g. 1.3")
    why = models.TextField(blank=True)
    how = models.TextField(blank=True)
    rag = models.CharField("RAG rating", max_length=5, choices=governance_codes.RAG, blank=True)
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
        RISK = "risk", "Risk"

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
    risk = models.ForeignKey("governance.Risk", null=True, blank=True, on_delete=models.PROTECT, related_name="links")
    text = models.CharField("what it answers, in words", max_length=300)

    # The references each kind sets; every other reference stays empty.
    REFERENCES = ("case_audit", "inspection", "recommendation", "self_assessment", "code", "level", "indicator",
                  "risk")
    NEEDS: dict[str, tuple[str, ...]] = {
        Kind.AUDIT_FINDING: ("case_audit", "code"),
        Kind.INSPECTION_FINDING: ("inspection", "code"),
        Kind.RECOMMENDATION: ("recommendation",),
        Kind.STANDARDS_GRADING: ("self_assessment", "code", "level"),
        Kind.INDICATOR: ("indicator",),
        Kind.RISK: ("risk",),
    }

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="audit_finding", case_audit__isnull=False, inspection__isnull=True,
                             recommendation__isnull=True, self_assessment__isnull=True, level="", indicator="",
                             risk__isnull=True)
                    & ~models.Q(code="")
                    | models.Q(kind="inspection_finding", case_audit__isnull=True, inspection__isnull=False,
                               recommendation__isnull=True, self_assessment__isnull=True, level="", indicator="",
                               risk__isnull=True)
                    & ~models.Q(code="")
                    | models.Q(kind="recommendation", case_audit__isnull=True, inspection__isnull=True,
                               recommendation__isnull=False, self_assessment__isnull=True, code="", level="",
                               indicator="", risk__isnull=True)
                    | models.Q(kind="standards_grading", case_audit__isnull=True, inspection__isnull=True,
                               recommendation__isnull=True, self_assessment__isnull=False, indicator="",
                               risk__isnull=True)
                    & ~models.Q(code="") & ~models.Q(level="")
                    | models.Q(kind="indicator", case_audit__isnull=True, inspection__isnull=True,
                               recommendation__isnull=True, self_assessment__isnull=True, code="", level="",
                               risk__isnull=True)
                    & ~models.Q(indicator="")
                    | models.Q(kind="risk", case_audit__isnull=True, inspection__isnull=True,
                               recommendation__isnull=True, self_assessment__isnull=True, code="", level="",
                               indicator="", risk__isnull=False)
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

    @classmethod
    def for_risk(cls, risk: Risk, *, text: str) -> ActionLink:
        return cls(kind=cls.Kind.RISK, risk=risk, text=text)


# Improvement plans --------------------------------------------------------------------------------


class ImprovementPlan(ServiceScoped):
    """A plan the service works to: key objectives, each with actions and their dated progress."""

    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=30, choices=governance_codes.PLAN_KIND)
    started_on = models.DateField("start date", null=True, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title


class KeyObjective(ServiceScoped):
    """One key objective of a plan (the Leeds inspection plan has five)."""

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="objectives")
    number = models.PositiveSmallIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(
            fields=["plan", "number"], name="objective_number_unique",
            violation_error_message="The plan already has a key objective with that number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class ActionUpdate(ServiceScoped):
    """A dated progress update on an action; the update that closes an action says how it closed."""

    action = models.ForeignKey(ImprovementAction, on_delete=models.CASCADE, related_name="updates")
    written_on = models.DateField("date of the update")
    text = models.TextField("progress")
    status = models.CharField("status after the update", max_length=30, choices=ImprovementAction.Status.choices)
    rag = models.CharField("RAG rating", max_length=5, choices=governance_codes.RAG, blank=True)
    written_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["action", "written_on", "pk"]

    def __str__(self) -> str:
        return f"{self.written_on}: {self.text[:60]}"


# The board ----------------------------------------------------------------------------------------


class BoardMember(ServiceScoped):
    """A member of the management board: who, for which agency, in what role, and their deputy."""

    name = models.CharField(max_length=200)
    agency = models.CharField(max_length=200)
    role = models.CharField(max_length=200, blank=True)
    statutory_partner = models.BooleanField(default=False)
    seniority = models.CharField(max_length=200, blank=True, help_text="e.g. Director, Chief Superintendent")
    deputy = models.CharField("named deputy", max_length=200, blank=True)
    active = models.BooleanField(default=True)
    # The member's own account, so that they may record their own attendance where the deployment
    # allows it (OPENYJ_BOARD_SELF_ATTENDANCE).
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")

    class Meta:
        ordering = ["agency", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"


class TermsOfReference(ServiceScoped):
    """The board's terms of reference, as agreed on a date and due for review (yearly)."""

    agreed_on = models.DateField("date agreed")
    review_on = models.DateField("review date")
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-agreed_on"]
        verbose_name_plural = "terms of reference"


class BoardMeeting(ServiceScoped):
    """A board meeting: its date, themes, papers and deep dive."""

    held_on = models.DateField("date")
    themes = models.CharField(max_length=300, blank=True)
    papers = models.TextField(blank=True)
    deep_dive = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-held_on"]
        constraints = [models.UniqueConstraint(
            fields=["service", "held_on"], name="meeting_date_unique",
            violation_error_message="There is already a board meeting on that date")]

    def __str__(self) -> str:
        return f"Board meeting {self.held_on:%-d %B %Y}"


class BoardAction(ServiceScoped):
    """An action from a board meeting: what, who, by when, and its status."""

    meeting = models.ForeignKey(BoardMeeting, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="actions")
    what = models.TextField()
    owner = models.CharField(max_length=200)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=30, choices=ImprovementAction.Status.choices,
                              default=ImprovementAction.Status.NOT_STARTED)

    class Meta:
        ordering = ["due_on", "pk"]


class ForwardPlanItem(ServiceScoped):
    """An item on the board's forward planner: a partner report, theme or deep dive due at a meeting."""

    due_on = models.DateField("meeting date")
    kind = models.CharField(max_length=20, choices=governance_codes.FORWARD_ITEM_KIND)
    title = models.CharField(max_length=300)
    agency = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]


# Risks --------------------------------------------------------------------------------------------

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Risk(ServiceScoped):
    """A risk on the register: likelihood × impact (each 1 to 5) gives its score out of 25."""

    title = models.CharField("risk", max_length=300)
    owner = models.CharField(max_length=200)
    likelihood = models.PositiveSmallIntegerField(validators=SCALE)
    impact = models.PositiveSmallIntegerField(validators=SCALE)
    mitigations = models.TextField(blank=True)
    review_on = models.DateField("review date")
    status = models.CharField(max_length=10, choices=governance_codes.RISK_STATUS, default="open")
    trend = models.CharField(max_length=10, choices=governance_codes.RISK_TREND, default="steady")

    class Meta:
        ordering = ["status", "-likelihood", "-impact", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1,
                                                      impact__lte=5), name="risk_scale_1_to_5"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


# Budget beyond the YJB table ----------------------------------------------------------------------


class Grant(ServiceScoped):
    """A time-limited grant: who funds it, how much, for which year, and when it ends."""

    name = models.CharField(max_length=200)
    funder = models.CharField(max_length=200)
    year = models.CharField(max_length=7, help_text="Financial year, e.g. 2024/25")
    amount = money_field("amount")
    ends_on = models.DateField("end date")

    class Meta:
        ordering = ["ends_on", "name"]


class RemandBudget(ServiceScoped):
    """The remand budget for a year and the nightly cost that turns remand nights into spend."""

    year = models.CharField(max_length=7, help_text="Financial year, e.g. 2024/25")
    budget = money_field("remand budget")
    nightly_cost = money_field("cost of a night in youth detention accommodation")

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(
            fields=["service", "year"], name="remand_budget_year_unique",
            violation_error_message="There is already a remand budget for that year: change it instead")]


# Workforce ----------------------------------------------------------------------------------------


class TrainingRecord(ServiceScoped):
    """A course a member of staff completed."""

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="training")
    course = models.CharField(max_length=200)
    completed_on = models.DateField()

    class Meta:
        ordering = ["-completed_on"]
