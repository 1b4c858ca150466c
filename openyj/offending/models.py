"""Offences, the outcomes that dispose of them, remands and custody."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from openyj.core import validation as v
from openyj.core.dates import format_date
from openyj.core.fields import ServiceScoped, reference_field, unique_reference
from openyj.offending import codes


class OffenceCategory(models.Model):
    """YJB offence category: versioned reference data (the list is [unconfirmed] against the YJB guide)."""

    code = models.SlugField(max_length=60, primary_key=True)
    name = models.CharField(max_length=120)
    is_breach = models.BooleanField(default=False, help_text="Breach offences never count as reoffences.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "offence categories"

    def __str__(self) -> str:
        return self.name


class OutcomeType(models.Model):
    """A rung of the outcome ladder, with the flags that drive FTE, reoffending and custody."""

    code = models.SlugField(max_length=60, primary_key=True)
    name = models.CharField(max_length=160)
    tier = models.CharField(max_length=20, choices=codes.TIER)
    substantive = models.BooleanField(help_text="Counts for first time entrants and reoffending.")
    custodial = models.BooleanField()
    supervised = models.BooleanField(
        default=False,
        help_text="The service supervises the child on this outcome (an order, or a caution it works "
                  "with), so it is a case an inspection reads even without an intervention recorded.",
    )
    ordering = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["ordering"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_court(self) -> bool:
        return self.tier in codes.COURT_TIERS


class LocalCodeMapping(ServiceScoped):
    """A service's own name for an outcome or offence category, mapped once to our code."""

    class Kind(models.TextChoices):
        OUTCOME = "outcome_type", "Outcome type"
        CATEGORY = "category", "Offence category"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    local_name = models.CharField(max_length=200)
    code = models.SlugField(max_length=60)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "kind", "local_name"], name="local_code_unique")
        ]

    def __str__(self) -> str:
        return f"{self.local_name} → {self.code}"


class Offence(ServiceScoped):
    """An offence committed by a child."""

    REFERENCE_PREFIX = "O"  # references the service gives: O000001

    reference = reference_field("offence reference")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="offences")
    offence_date = models.DateField()
    category = models.ForeignKey(OffenceCategory, on_delete=models.PROTECT, related_name="+")
    seriousness = models.PositiveSmallIntegerField(
        "YJB seriousness score", validators=[MinValueValidator(1), MaxValueValidator(8)]
    )
    description = models.CharField(max_length=300, blank=True)
    offence_code = models.CharField("Home Office or CJS offence code", max_length=20, blank=True)
    weapon = models.CharField(max_length=20, choices=codes.WEAPON, default="none")
    hostility_aggravated = models.CharField(
        "aggravated by hostility", max_length=30, choices=codes.HOSTILITY, blank=True
    )

    class Meta:
        ordering = ["offence_date", "pk"]
        constraints = [
            unique_reference("offence"),
            models.CheckConstraint(
                condition=models.Q(seriousness__gte=1, seriousness__lte=8), name="offence_seriousness_1_8"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.category_id} ({self.offence_date})"

    def clean(self):
        errors: dict = {}
        v.not_in_future(errors, "offence_date", self.offence_date, "Offence date")
        child = self.child if self.child_id else None
        if child is not None and self.offence_date:
            age = child.age_on(self.offence_date)
            if age < v.MIN_AGE_AT_OFFENCE:
                errors.setdefault("offence_date", []).append(
                    f"On {format_date(self.offence_date)} the child was {age}, below the age of criminal "
                    f"responsibility ({v.MIN_AGE_AT_OFFENCE}). Check the offence date and the date of birth."
                )
        v.raise_if(errors)


class Outcome(ServiceScoped):
    """An outcome (disposal, sentence) for one or more offences of the same child."""

    REFERENCE_PREFIX = "D"  # references the service gives: D000001

    reference = reference_field("outcome reference")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="outcomes")
    outcome_date = models.DateField()
    outcome_type = models.ForeignKey(OutcomeType, on_delete=models.PROTECT, related_name="+")
    offences = models.ManyToManyField(Offence, blank=True, related_name="outcomes")
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    length_months = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    court = models.CharField(max_length=200, blank=True)
    psr_proposal = models.ForeignKey(
        OutcomeType, null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        verbose_name="pre-sentence report proposal",
    )

    class Meta:
        ordering = ["outcome_date", "pk"]
        constraints = [
            unique_reference("outcome"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="outcome_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.outcome_type_id} ({self.outcome_date})"

    def clean(self):
        errors: dict = {}
        v.not_in_future(errors, "outcome_date", self.outcome_date, "Outcome date")
        v.not_before(errors, "end_date", self.end_date, self.start_date, "End date", "the start date")
        child = self.child if self.child_id else None
        if child is not None and self.outcome_date:
            v.not_before(errors, "outcome_date", self.outcome_date, child.date_of_birth, "Outcome date",
                         "the date of birth")
        v.raise_if(errors)


class Remand(ServiceScoped):
    """A remand episode. Remand nights count in youth detention accommodation only."""

    REFERENCE_PREFIX = "R"  # references the service gives: R000001

    reference = reference_field("remand reference")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="remands")
    remand_type = models.CharField(max_length=20, choices=codes.REMAND_TYPE)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True, help_text="The day the child left.")

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            unique_reference("remand"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="remand_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.get_remand_type_display()}"

    def clean(self):
        errors: dict = {}
        v.dated_span(errors, self.start_date, self.end_date)
        v.raise_if(errors)


class CustodyEpisode(ServiceScoped):
    """Time in the secure estate following a custodial outcome."""

    REFERENCE_PREFIX = "S"  # references the service gives: S000001

    reference = reference_field("custody reference")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="custody_episodes")
    outcome = models.ForeignKey(Outcome, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    start_date = models.DateField()
    release_date = models.DateField(null=True, blank=True)
    establishment_type = models.CharField(max_length=20, choices=codes.ESTABLISHMENT_TYPE, blank=True)
    accommodation_on_release_suitable = models.BooleanField(null=True, blank=True)
    ete_on_release = models.CharField(
        "education, training or employment on release", max_length=20, choices=codes.ETE_ON_RELEASE,
        blank=True,
    )

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            unique_reference("custody"),
            models.CheckConstraint(
                condition=models.Q(release_date__isnull=True)
                | models.Q(release_date__gte=models.F("start_date")),
                name="custody_release_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} custody from {self.start_date}"

    def clean(self):
        errors: dict = {}
        v.dated_span(errors, self.start_date, self.release_date, end_field="release_date", end_label="Release date")
        v.raise_if(errors)
