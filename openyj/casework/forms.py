from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from openyj.casework import codes
from openyj.casework.models import KPI_FLAG_FIELDS, SNAPSHOT_FIELDS, Assessment, Feedback, Intervention, Victim
from openyj.core.dates import format_date
from openyj.core.forms import ServiceRecordForm, govuk_formfield
from openyj.core.validation import YJS_AGES
from openyj.offending.models import Offence


def _intervention_label(intervention: Intervention) -> str:
    return (f"{intervention.get_kind_display()}, started {format_date(intervention.start_date)} "
            f"({intervention.reference})")


def _snapshot_labels(stage: str, when: str) -> dict[str, str]:
    return {
        f"accommodation_type_{stage}": f"Where was the child living {when}?",
        f"accommodation_suitable_{stage}": f"Was the accommodation suitable {when}?",
        f"school_age_{stage}": f"Was the child of compulsory school age {when}?",
        f"ete_status_{stage}": f"Education, training or employment {when}",
        f"ete_suitable_{stage}": f"Was the education, training or employment suitable {when}?",
        f"ete_hours_offered_{stage}": f"Hours a week offered {when}",
        f"ete_hours_attended_{stage}": f"Hours a week attended {when}",
    }


HOURS_HINT = "For example, 25 or 12.5. Leave blank if not known"


class InterventionForm(ServiceRecordForm):
    """An intervention in the order people fill it in: the work, the child's situation at the start,
    needs and support, and at the end (which the service asks for when an end date is entered)."""

    SECTIONS = (
        ("The intervention", "", ["reference", "kind", "outcome", "case_manager", "start_date"]),
        ("At the start", "The child's home and education, training or employment when the work started.",
         SNAPSHOT_FIELDS["start"]),
        ("Needs and support", "Special educational needs, mental health and substance misuse, "
         "as screened and met during the intervention.", KPI_FLAG_FIELDS[:8]),
        ("At the end", "Fill this in when the intervention closes: the end date, why it ended, and the "
         "child's home and education, training or employment then.",
         ["end_date", "end_reason", *SNAPSHOT_FIELDS["end"], *KPI_FLAG_FIELDS[8:]]),
    )
    # When an end date is entered, these must be answered too: the end-of-intervention record.
    REQUIRED_AT_END = {
        "end_reason": "Select why the intervention ended",
        "accommodation_type_end": "Select where the child was living at the end of the intervention",
        "ete_status_end": "Select the child's education, training or employment at the end of the intervention",
    }

    class Meta:
        model = Intervention
        fields = ["reference", "kind", "outcome", "case_manager", "start_date", "end_date", "end_reason",
                  *SNAPSHOT_FIELDS["start"], *SNAPSHOT_FIELDS["end"], *KPI_FLAG_FIELDS]
        formfield_callback = govuk_formfield
        labels = {
            "kind": "Type of intervention",
            "outcome": "The outcome it delivers",
            "case_manager": "Case manager",
            "start_date": "Start date",
            "end_date": "End date",
            "end_reason": "Why did the intervention end?",
            **_snapshot_labels("start", "at the start"),
            **_snapshot_labels("end", "at the end"),
            "send_identified": "Has a special educational need or disability been identified?",
            "send_plan_current": "Is there a formal plan for the current academic year?",
            "mh_need": "Was a mental health need screened or identified?",
            "mh_offered": "Was a mental health intervention planned or offered?",
            "mh_attending": "Is the child attending the mental health intervention?",
            "substance_need": "Does the child need specialist substance misuse treatment?",
            "substance_offered": "Was substance misuse treatment planned or offered?",
            "substance_attending": "Is the child attending substance misuse treatment?",
            "feedback_child": "Did the child give feedback at the end?",
            "feedback_parent": "Did a parent or carer give feedback at the end?",
        }
        help_texts = {
            "outcome": "The order or caution this work delivers. Leave blank for prevention or voluntary work",
            "start_date": "For example, 27 3 2026",
            "end_date": "Leave blank while the intervention is open",
            "send_plan_current": "An education, health and care plan (in Wales, an individual development plan)",
            "ete_hours_offered_start": HOURS_HINT, "ete_hours_attended_start": HOURS_HINT,
            "ete_hours_offered_end": HOURS_HINT, "ete_hours_attended_end": HOURS_HINT,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].queryset = self.child.outcomes.select_related("outcome_type")
        self.fields["outcome"].label_from_instance = (
            lambda o: f"{o.outcome_type.name}, {format_date(o.outcome_date)} ({o.reference})"
        )
        self.fields["outcome"].empty_label = "None: prevention or voluntary work"
        self.fields["case_manager"].queryset = get_user_model().objects.filter(
            memberships__service=self.service, is_active=True
        ).order_by("first_name", "last_name", "username")
        self.fields["case_manager"].label_from_instance = lambda u: u.get_full_name() or u.username
        self.fields["case_manager"].empty_label = "Not assigned yet"
        for stage in ("start", "end"):
            for name in (f"ete_hours_offered_{stage}", f"ete_hours_attended_{stage}"):
                self.fields[name].widget = forms.TextInput(
                    attrs={"class": "govuk-input--width-4", "inputmode": "decimal", "spellcheck": "false"})

    @property
    def sections(self) -> list[dict]:
        return [{"heading": heading, "hint": hint, "fields": [self[name] for name in names]}
                for heading, hint, names in self.SECTIONS]

    def clean(self):
        cleaned = super().clean()
        start, child = cleaned.get("start_date"), self.child
        if start and child is not None:
            age_ok(self, "start_date", child, start, "the start date")
        if cleaned.get("end_date"):
            for name, message in self.REQUIRED_AT_END.items():
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, message)
        return cleaned


def age_ok(form: forms.Form, field: str, child, when, what: str) -> None:
    """A youth justice service works with children from 10 to 17: on ``when`` the child's age must fit."""
    age = child.age_on(when)
    if not YJS_AGES[0] <= age <= YJS_AGES[1]:
        form.add_error(field, f"On {what}, {format_date(when)}, {child.display_name} was {age}. A youth justice "
                              f"service works with children aged {YJS_AGES[0]} to {YJS_AGES[1]}: check "
                              "the date, or the child's date of birth")


class AssessmentForm(ServiceRecordForm):
    """An assessment. Countersigning is a manager's action, from the child's page or the work queue."""

    class Meta:
        model = Assessment
        fields = ["reference", "tool", "intervention", "started_on", "due_on", "completed_on",
                  "reoffending_likelihood", "serious_harm", "safety_wellbeing"]
        # No countersignature fields: countersigning is a manager's action (services.assessment_countersign).
        formfield_callback = govuk_formfield
        labels = {
            "tool": "Assessment tool",
            "intervention": "The intervention it is for",
            "started_on": "Date the assessment started",
            "due_on": "Date it is due to be completed",
            "completed_on": "Date it was completed",
            "reoffending_likelihood": "Likelihood of reoffending",
            "serious_harm": "Risk of serious harm",
            "safety_wellbeing": "Safety and wellbeing concerns",
        }
        help_texts = {"completed_on": "Leave blank until the assessment is completed",
                      "reoffending_likelihood": "As the completed assessment rates it"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        intervention = self.fields["intervention"]
        intervention.queryset = self.child.interventions.all()
        intervention.label_from_instance = _intervention_label
        intervention.required = True
        intervention.error_messages["required"] = "Select the intervention this assessment is for"
        intervention.empty_label = "Choose an intervention"
        for name, message in (("tool", "Select the assessment tool"),
                              ("started_on", "Enter the date the assessment started"),
                              ("due_on", "Enter the date the assessment is due to be completed")):
            self.fields[name].required = True
            self.fields[name].error_messages["required"] = message
        self.fields["tool"].choices = [c for c in self.fields["tool"].choices if c[0] != ""]
        self.fields["tool"].widget = forms.RadioSelect(choices=self.fields["tool"].choices)
        for name in ("reoffending_likelihood", "serious_harm", "safety_wellbeing"):
            choices = [c for c in self.fields[name].choices if c[0] != ""]
            self.fields[name].widget = forms.RadioSelect(choices=[*choices, ("", "Not rated yet")])


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
