"""Case audits: a service's own reading of its cases against an inspection framework."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from openyj.casework import codes as casework_codes
from openyj.core.fields import ServiceScoped
from openyj.people import codes as people_codes
from openyj.quality.frameworks import inspection_framework_choices


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    NOT_APPLICABLE = "not_applicable", "Not applicable"


class CaseType(models.TextChoices):
    COURT = "court", "Court disposal"
    OUT_OF_COURT = "out_of_court", "Out-of-court disposal"


class CaseAudit(ServiceScoped):
    """A self-audit ("mock inspection") of a sample of cases against an inspection framework.

    The sample is drawn the way the inspectorate draws it, as at ``reference_date``: court cases
    sentenced 6–9 months earlier, out-of-court cases 3–5 months earlier, proportionate to disposal type,
    sex, risk of serious harm and safety and wellbeing, sized for ``confidence`` ± ``margin``. ``seed``
    makes the draw reproducible. The figures that explain the draw are kept in ``sampling``.
    """

    title = models.CharField(max_length=200)
    framework = models.CharField(max_length=30, choices=inspection_framework_choices)
    reference_date = models.DateField("sample drawn as at")
    confidence = models.PositiveSmallIntegerField("confidence level (%)", default=80)
    margin = models.PositiveSmallIntegerField("margin of error (± percentage points)", default=5)
    seed = models.PositiveBigIntegerField()
    # Windows, population and sample sizes, and the population/sample shares by each stratifying
    # characteristic, per case type: what the sample page shows and what makes the draw explainable.
    sampling = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-reference_date", "-pk"]

    def __str__(self) -> str:
        return self.title


class AuditCase(ServiceScoped):
    """One child's case drawn into an audit sample, with the characteristics it was drawn by."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="cases")
    case_type = models.CharField(max_length=20, choices=CaseType.choices)
    position = models.PositiveSmallIntegerField(help_text="Order in the sample (1, 2, 3…).")
    child = models.ForeignKey("people.Child", on_delete=models.CASCADE, related_name="+")
    outcome = models.ForeignKey(
        "offending.Outcome", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome_date = models.DateField()
    disposal_type = models.CharField(max_length=60)
    disposal_label = models.CharField(max_length=200)
    sex = models.CharField(max_length=10)
    serious_harm = models.CharField("risk of serious harm", max_length=10)
    safety_wellbeing = models.CharField("safety and wellbeing", max_length=10)
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case_type", "position"]
        constraints = [
            models.UniqueConstraint(fields=["audit", "case_type", "child"], name="audit_case_one_per_child"),
            models.UniqueConstraint(fields=["audit", "case_type", "position"], name="audit_case_position_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_case_type_display()} case {self.position}"

    @property
    def characteristics(self) -> str:
        """How the case was drawn, in words: "Male; risk of serious harm high; safety and wellbeing medium"."""
        levels = dict(casework_codes.RISK_LEVEL)
        sex = dict(people_codes.SEX).get(self.sex, "Sex not known")
        harm = levels.get(self.serious_harm, "not known").lower()
        safety = levels.get(self.safety_wellbeing, "not known").lower()
        return f"{sex}; risk of serious harm {harm}; safety and wellbeing {safety}"


class AuditAnswer(ServiceScoped):
    """An auditor's answer to one key question for one case, and the moderator's decision on it.

    ``prompts`` maps each prompt's code to yes / no / not_applicable (prompts inform the answer; the
    key question's answer is what is counted). The counted answer is the moderated one when there is one.
    """

    audit_case = models.ForeignKey(AuditCase, on_delete=models.CASCADE, related_name="answers")
    key_question = models.CharField(max_length=20)
    answer = models.CharField(max_length=20, choices=Answer.choices)
    prompts = models.JSONField(default=dict, blank=True)
    comment = models.TextField(blank=True)
    evidence = models.TextField("evidence (where in the record)", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(auto_now=True)
    moderated_answer = models.CharField(max_length=20, choices=Answer.choices, blank=True)
    moderation_note = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["key_question"]
        constraints = [
            models.UniqueConstraint(fields=["audit_case", "key_question"], name="audit_answer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.key_question}: {self.final_answer}"

    @property
    def final_answer(self) -> str:
        return self.moderated_answer or self.answer

    @property
    def changed_by_moderation(self) -> bool:
        return bool(self.moderated_answer) and self.moderated_answer != self.answer


class StandardJudgement(ServiceScoped):
    """The rating a self-audit gives a standard that is judged rather than counted (domain one; 3.4 and
    4.1 in 2021), with the evidence for it."""

    audit = models.ForeignKey(CaseAudit, on_delete=models.CASCADE, related_name="judgements")
    standard = models.CharField(max_length=20)
    rating = models.CharField(max_length=40)
    evidence = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["standard"]
        constraints = [models.UniqueConstraint(fields=["audit", "standard"], name="judgement_unique")]

    def __str__(self) -> str:
        return f"{self.standard}: {self.rating}"


class RatingAdjustment(ServiceScoped):
    """An inspector-style adjusted rating, with its written reason, kept beside the computed rating.

    Belongs to a self-audit or to a recorded inspection. ``standard`` is blank for the overall rating.
    """

    audit = models.ForeignKey(CaseAudit, null=True, blank=True, on_delete=models.CASCADE, related_name="adjustments")
    inspection = models.ForeignKey(
        "quality.Inspection", null=True, blank=True, on_delete=models.CASCADE, related_name="adjustments"
    )
    standard = models.CharField(max_length=20, blank=True, help_text="Blank for the overall rating.")
    rating = models.CharField(max_length=40)
    reason = models.TextField()
    adjusted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adjusted_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["standard"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(audit__isnull=False, inspection__isnull=True)
                | models.Q(audit__isnull=True, inspection__isnull=False),
                name="adjustment_belongs_to_one",
            ),
            models.UniqueConstraint(fields=["audit", "standard"], name="adjustment_unique_audit"),
            models.UniqueConstraint(fields=["inspection", "standard"], name="adjustment_unique_inspection"),
        ]

    def __str__(self) -> str:
        return f"{self.standard or 'overall'} adjusted to {self.rating}"
