"""The service's work with a child: interventions, assessments, reviews, victims, feedback."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from openyj.casework import codes
from openyj.core import validation as v
from openyj.core.fields import ServiceScoped, reference_field, unique_reference


def _snapshot_fields(stage: str) -> dict[str, models.Field]:
    """Accommodation and ETE at the start or end of an intervention (the 2023 KPIs need both)."""
    return {
        f"accommodation_type_{stage}": models.CharField(
            max_length=20, choices=codes.ACCOMMODATION_TYPE, blank=True
        ),
        f"accommodation_suitable_{stage}": models.BooleanField(null=True, blank=True),
        f"ete_status_{stage}": models.CharField(max_length=30, choices=codes.ETE_STATUS, blank=True),
        f"ete_suitable_{stage}": models.BooleanField(null=True, blank=True),
        f"ete_hours_offered_{stage}": models.DecimalField(
            max_digits=4, decimal_places=1, null=True, blank=True,
            validators=[MinValueValidator(0), MaxValueValidator(80)],
        ),
        f"ete_hours_attended_{stage}": models.DecimalField(
            max_digits=4, decimal_places=1, null=True, blank=True,
            validators=[MinValueValidator(0), MaxValueValidator(80)],
        ),
        f"school_age_{stage}": models.BooleanField("of compulsory school age", null=True, blank=True),
    }


SNAPSHOT_FIELDS = {stage: list(_snapshot_fields(stage)) for stage in ("start", "end")}
KPI_FLAG_FIELDS = [
    "send_identified", "send_plan_current", "mh_need", "mh_offered", "mh_attending",
    "substance_need", "substance_offered", "substance_attending", "feedback_child", "feedback_parent",
]


class Intervention(ServiceScoped):
    """A piece of work the service delivers: an order it supervises, or voluntary prevention/diversion."""

    REFERENCE_PREFIX = "I"  # references the service gives: I000001

    reference = reference_field("intervention reference")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="interventions")
    kind = models.CharField(max_length=20, choices=codes.INTERVENTION_KIND)
    outcome = models.ForeignKey(
        "offending.Outcome", null=True, blank=True, on_delete=models.SET_NULL, related_name="interventions"
    )
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=30, choices=codes.END_REASON, blank=True)
    locals().update(_snapshot_fields("start"))
    locals().update(_snapshot_fields("end"))
    send_identified = models.BooleanField("SEND need identified", null=True, blank=True)
    send_plan_current = models.BooleanField("formal SEND plan for the current academic year", null=True, blank=True)
    mh_need = models.BooleanField("mental health need screened or identified", null=True, blank=True)
    mh_offered = models.BooleanField("mental health intervention planned or offered", null=True, blank=True)
    mh_attending = models.BooleanField("attending mental health intervention", null=True, blank=True)
    substance_need = models.BooleanField("need for specialist substance misuse treatment", null=True, blank=True)
    substance_offered = models.BooleanField("substance misuse treatment planned or offered", null=True, blank=True)
    substance_attending = models.BooleanField("attending substance misuse treatment", null=True, blank=True)
    feedback_child = models.BooleanField("feedback from the child at closure", null=True, blank=True)
    feedback_parent = models.BooleanField("feedback from a parent or carer at closure", null=True, blank=True)

    class Meta:
        ordering = ["-start_date", "pk"]
        constraints = [
            unique_reference("intervention"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="intervention_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.end_date is None

    def clean(self):
        errors: dict = {}
        v.dated_span(errors, self.start_date, self.end_date)
        if self.end_reason and not self.end_date:
            errors.setdefault("end_date", []).append("Enter the end date, or remove the end reason.")
        v.raise_if(errors)


class Assessment(ServiceScoped):
    """An assessment (AssetPlus or another tool), with manager countersignature (oversight)."""

    REFERENCE_PREFIX = "A"  # references the service gives: A000001

    reference = reference_field("assessment reference")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="assessments")
    intervention = models.ForeignKey(
        Intervention, null=True, blank=True, on_delete=models.SET_NULL, related_name="assessments"
    )
    tool = models.CharField(max_length=20, choices=codes.ASSESSMENT_TOOL, blank=True)
    started_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True)
    completed_on = models.DateField(null=True, blank=True)
    reoffending_likelihood = models.CharField(max_length=10, choices=codes.LIKELIHOOD, blank=True)
    serious_harm = models.CharField("risk of serious harm", max_length=10, choices=codes.RISK_LEVEL, blank=True)
    safety_wellbeing = models.CharField("safety and wellbeing", max_length=10, choices=codes.RISK_LEVEL, blank=True)
    countersigned_on = models.DateField(null=True, blank=True)
    countersigned_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-started_on", "pk"]
        constraints = [
            unique_reference("assessment"),
            models.CheckConstraint(
                condition=models.Q(completed_on__isnull=True)
                | models.Q(started_on__isnull=True)
                | models.Q(completed_on__gte=models.F("started_on")),
                name="assessment_completed_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_tool_display()}"

    def clean(self):
        errors: dict = {}
        for field, label in (("started_on", "Start date"), ("completed_on", "Completion date"),
                             ("countersigned_on", "Countersignature date")):
            v.not_in_future(errors, field, getattr(self, field), label)
        v.not_before(errors, "completed_on", self.completed_on, self.started_on, "Completion date", "the start date")
        v.not_before(errors, "due_on", self.due_on, self.started_on, "Due date", "the start date")
        v.not_before(errors, "countersigned_on", self.countersigned_on, self.completed_on,
                     "Countersignature date", "the completion date")
        if self.countersigned_on and not self.countersigned_by:
            errors.setdefault("countersigned_by", []).append("Enter the name of the manager who countersigned.")
        v.raise_if(errors)


class Review(ServiceScoped):
    """A review of an intervention's plan: due and done."""

    intervention = models.ForeignKey(Intervention, on_delete=models.CASCADE, related_name="reviews")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="reviews")
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]


class Victim(ServiceScoped):
    """A victim of one or more offences, and the service's contact with them. No victim identity is held."""

    REFERENCE_PREFIX = "V"  # references the service gives: V000001

    reference = reference_field("victim reference")
    offences = models.ManyToManyField("offending.Offence", blank=True, related_name="victims")
    consent_to_contact = models.BooleanField(null=True, blank=True)
    views_sought = models.BooleanField("views sought before a decision", null=True, blank=True)
    rj_offered = models.BooleanField("offered restorative justice", null=True, blank=True)
    rj_participation = models.CharField(
        "took part in restorative justice", max_length=10, choices=codes.RJ_PARTICIPATION, blank=True
    )
    kept_informed = models.BooleanField(null=True, blank=True)
    support_signposted = models.BooleanField("signposted to support", null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["reference"]
        constraints = [unique_reference("victim")]

    def __str__(self) -> str:
        return self.reference


class Feedback(ServiceScoped):
    """Feedback from a child, parent or carer, or victim, during or at the close of work."""

    child = models.ForeignKey(
        "people.Child", null=True, blank=True, on_delete=models.CASCADE, related_name="feedback"
    )
    intervention = models.ForeignKey(
        Intervention, null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    source = models.CharField(max_length=10, choices=codes.FEEDBACK_SOURCE)
    given_on = models.DateField()
    at_closure = models.BooleanField(default=False)
    score = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["-given_on"]


class PanelDecision(ServiceScoped):
    """An out-of-court joint decision panel's recommendation and the decision made (for congruence)."""

    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="panel_decisions")
    referred_on = models.DateField()
    npcc_gravity = models.PositiveSmallIntegerField(
        "NPCC child gravity score", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    recommendation = models.ForeignKey(
        "offending.OutcomeType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision = models.ForeignKey(
        "offending.OutcomeType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-referred_on"]
