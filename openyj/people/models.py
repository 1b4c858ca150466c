"""Children and the episodes of their lives outside the justice system."""

from __future__ import annotations

from datetime import date

from django.db import models

from openyj.core import validation as v
from openyj.core.dates import format_date
from openyj.core.fields import ServiceScoped, reference_field, unique_reference
from openyj.people import codes


class Child(ServiceScoped):
    """A child the service works with. Identity fields are sensitive: case-level roles only."""

    REFERENCE_PREFIX = "C"  # references the service gives: C000001

    reference = reference_field("child reference")
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=10, choices=codes.SEX)
    ethnicity = models.CharField(max_length=40, choices=codes.ETHNICITY_CHOICES)
    local_authority = models.CharField("home local authority", max_length=100, blank=True)
    postcode_district = models.CharField(max_length=8, blank=True)
    # True when the child had a caution or conviction before these records began: such a child
    # is never a first time entrant here.
    prior_substantive_outcome = models.BooleanField(null=True, blank=True)
    pnc_id = models.CharField("PNC ID", max_length=20, blank=True)
    given_name = models.CharField(max_length=100, blank=True)
    family_name = models.CharField(max_length=100, blank=True)
    nationality = models.CharField(max_length=100, blank=True)
    first_language = models.CharField(max_length=100, blank=True)
    needs_interpreter = models.BooleanField(null=True, blank=True)
    send_status = models.CharField(
        "special educational needs", max_length=20, choices=codes.SEND_STATUS, blank=True
    )
    send_identified_on = models.DateField("SEND identified on", null=True, blank=True)
    send_plan_current = models.BooleanField(
        "plan in place for the current academic year", null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["family_name", "given_name", "reference"]
        constraints = [unique_reference("child")]
        verbose_name_plural = "children"

    def __str__(self) -> str:
        return self.reference

    def clean(self):
        errors: dict = {}
        v.not_in_future(errors, "date_of_birth", self.date_of_birth, "Date of birth")
        if self.date_of_birth and self.age_on(v.today()) > v.MAX_AGE_ON_RECORD:
            errors.setdefault("date_of_birth", []).append(
                f"Date of birth {format_date(self.date_of_birth)} makes the child older than "
                f"{v.MAX_AGE_ON_RECORD}. Check the year."
            )
        v.not_in_future(errors, "send_identified_on", self.send_identified_on, "Date SEND identified")
        v.raise_if(errors)

    @property
    def display_name(self) -> str:
        name = f"{self.given_name} {self.family_name}".strip()
        return name or self.reference

    def age_on(self, when: date) -> int:
        """Age in whole years on ``when``: the only way ages are computed in OpenYJ."""
        years = when.year - self.date_of_birth.year
        if (when.month, when.day) < (self.date_of_birth.month, self.date_of_birth.day):
            years -= 1
        return years

    def looked_after_episode_on(self, when: date):
        """The looked-after episode open on ``when``, if any."""
        for episode in self.episodes.all():
            if episode.episode_type == "looked_after" and episode.open_on(when):
                return episode
        return None

    @property
    def looked_after_now(self):
        return self.looked_after_episode_on(v.today())

    @property
    def age_today(self) -> int:
        return self.age_on(v.today())

    @property
    def ethnic_group(self) -> str | None:
        return codes.ETHNICITY_GROUP.get(self.ethnicity)


class Episode(ServiceScoped):
    """A dated episode of children's social care or early help. Episodes may overlap."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="episodes")
    episode_type = models.CharField(max_length=20, choices=codes.EPISODE_TYPE)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    legal_basis = models.CharField(max_length=20, choices=codes.LEGAL_BASIS, blank=True)

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="episode_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["child", "episode_type", "start_date"], name="episode_unique_per_child_type_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_episode_type_display()} from {self.start_date}"

    def clean(self):
        errors: dict = {}
        v.dated_span(errors, self.start_date, self.end_date)
        v.raise_if(errors)

    def open_on(self, when: date) -> bool:
        return self.start_date <= when and (self.end_date is None or self.end_date >= when)
