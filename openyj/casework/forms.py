from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from openyj.casework import codes
from openyj.casework.models import KPI_FLAG_FIELDS, SNAPSHOT_FIELDS, Assessment, Feedback, Intervention, Victim
from openyj.core.dates import format_date
from openyj.core.forms import ServiceRecordForm, govuk_formfield
from openyj.offending.models import Offence


def _intervention_label(intervention: Intervention) -> str:
    return (f"{intervention.get_kind_display()}, started {format_date(intervention.start_date)} "
            f"({intervention.reference})")


class InterventionForm(ServiceRecordForm):
    class Meta:
        model = Intervention
        fields = ["reference", "kind", "outcome", "case_manager", "start_date", "end_date", "end_reason",
                  *SNAPSHOT_FIELDS["start"], *SNAPSHOT_FIELDS["end"], *KPI_FLAG_FIELDS]
        formfield_callback = govuk_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = self.child.outcomes.select_related("outcome_type")
        self.fields["outcome"].label_from_instance = (
            lambda o: f"{o.reference}: {o.outcome_type.name}, {o.outcome_date:%d %B %Y}"
        )
        self.fields["case_manager"].queryset = get_user_model().objects.filter(
            memberships__service=self.service, is_active=True
        ).order_by("first_name", "last_name", "username")
        self.fields["case_manager"].label_from_instance = lambda u: u.get_full_name() or u.username


class AssessmentForm(ServiceRecordForm):
    class Meta:
        model = Assessment
        fields = ["reference", "tool", "intervention", "started_on", "due_on", "completed_on",
                  "reoffending_likelihood", "serious_harm", "safety_wellbeing", "countersigned_on",
                  "countersigned_by"]
        formfield_callback = govuk_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention"].queryset = self.child.interventions.all()


SATISFACTION = [(5, "Very satisfied"), (4, "Satisfied"), (3, "Neither satisfied nor dissatisfied"),
                (2, "Dissatisfied"), (1, "Very dissatisfied")]


def _scale(label: str, hint: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, help_text=hint, required=False, coerce=int, empty_value=None,
        choices=[*SATISFACTION, ("", "Not asked or not known")], widget=forms.RadioSelect,
    )


class VictimForm(ServiceRecordForm):
    """A victim of the child's offences and the service's contact with them (no identity is held)."""

    offences = forms.ModelMultipleChoiceField(
        queryset=Offence.objects.none(), widget=forms.CheckboxSelectMultiple,
        label="Which of the child's offences was this person a victim of?", help_text="Select all that apply",
        error_messages={"required": "Select the offence this person was a victim of"},
    )
    satisfaction = _scale("How satisfied was the victim with the service?", "If they were asked")

    class Meta:
        model = Victim
        fields = ["reference", "offences", "consent_to_contact", "views_sought", "rj_offered", "rj_participation",
                  "kept_informed", "support_signposted", "satisfaction"]
        formfield_callback = govuk_formfield
        labels = {
            "consent_to_contact": "Did the victim consent to contact from the service?",
            "views_sought": "Were the victim's views sought before a decision about the child?",
            "rj_offered": "Was the victim offered restorative justice?",
            "rj_participation": "Did the victim take part in restorative justice?",
            "kept_informed": "Was the victim kept informed about the case?",
            "support_signposted": "Was the victim signposted to support services?",
        }
        help_texts = {"rj_participation": "Direct means meeting the child; indirect means, for example, a letter"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offences = self.fields["offences"]
        offences.queryset = self.child.offences.select_related("category")
        offences.label_from_instance = (
            lambda o: f"{o.category.name}, {format_date(o.offence_date)} ({o.reference})"
        )
        self.fields["rj_participation"].widget = forms.RadioSelect(
            choices=[*codes.RJ_PARTICIPATION, ("", "Not known")]
        )
        self.fields["rj_participation"].choices = [*codes.RJ_PARTICIPATION, ("", "Not known")]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("rj_participation") in ("direct", "indirect") and cleaned.get("rj_offered") is False:
            self.add_error("rj_offered", "The victim took part in restorative justice, so it was offered. "
                                         "Answer yes, or change how the victim took part")
        return cleaned


class FeedbackForm(ServiceRecordForm):
    """Feedback from the child, a parent or carer, or a victim."""

    score = _scale("How satisfied were they with the service?", "If they gave a score")

    class Meta:
        model = Feedback
        fields = ["source", "given_on", "intervention", "at_closure", "score", "comment"]
        formfield_callback = govuk_formfield
        labels = {
            "source": "Who gave the feedback?",
            "given_on": "Date the feedback was given",
            "intervention": "The intervention it is about",
            "at_closure": "Given at the end of the intervention",
            "comment": "What they said",
        }
        help_texts = {"comment": "In their words where you can. Do not include anyone's name or address"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        intervention = self.fields["intervention"]
        intervention.queryset = self.child.interventions.all()
        intervention.label_from_instance = _intervention_label
        intervention.empty_label = "Not about one intervention"
