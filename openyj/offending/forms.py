from __future__ import annotations

from django import forms

from openyj.core.dates import format_date
from openyj.core.forms import ServiceRecordForm, govuk_formfield
from openyj.offending.models import CustodyEpisode, Offence, Outcome, Remand


class OffenceForm(ServiceRecordForm):
    seriousness = forms.TypedChoiceField(
        label="YJB seriousness score", coerce=int,
        choices=[("", "Choose a score")] + [(i, str(i)) for i in range(1, 9)],
        help_text="1 (least serious) to 8 (most serious)",
        error_messages={"required": "Choose the YJB seriousness score, from 1 to 8"},
    )

    class Meta:
        model = Offence
        fields = ["reference", "offence_date", "category", "seriousness", "description", "offence_code",
                  "weapon", "hostility_aggravated"]
        formfield_callback = govuk_formfield
        labels = {"category": "YJB offence category"}


class OutcomeForm(ServiceRecordForm):
    offences = forms.ModelMultipleChoiceField(
        queryset=Offence.objects.none(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Offences this outcome is for", help_text="Select all that apply",
    )

    class Meta:
        model = Outcome
        fields = ["reference", "outcome_date", "outcome_type", "offences", "start_date", "end_date",
                  "length_months", "court", "psr_proposal"]
        formfield_callback = govuk_formfield
        help_texts = {
            "length_months": "For orders, for example 12",
            "psr_proposal": "If a pre-sentence report was written",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["offences"].queryset = self.child.offences.select_related("category")
        self.fields["offences"].label_from_instance = (
            lambda o: f"{o.category.name}, {format_date(o.offence_date)} ({o.reference})"
        )


class RemandForm(ServiceRecordForm):
    """A remand: bail with support, or remand to local authority or youth detention accommodation."""

    class Meta:
        model = Remand
        fields = ["reference", "remand_type", "start_date", "end_date"]
        formfield_callback = govuk_formfield
        labels = {"remand_type": "Type of remand", "start_date": "Date the remand started",
                  "end_date": "Date the remand ended"}
        help_texts = {"end_date": "The day the child left. Leave blank while the remand goes on. "
                                  "For example, 27 3 2026"}


class CustodyForm(ServiceRecordForm):
    """Time in the secure estate, the release, and what was in place on release (resettlement)."""

    class Meta:
        model = CustodyEpisode
        fields = ["reference", "outcome", "establishment_type", "start_date", "release_date",
                  "accommodation_on_release_suitable", "ete_on_release"]
        formfield_callback = govuk_formfield
        labels = {
            "outcome": "The custodial sentence",
            "establishment_type": "Type of establishment",
            "start_date": "Date the child entered custody",
            "release_date": "Date of release",
            "accommodation_on_release_suitable": "Was the child's accommodation on release suitable?",
            "ete_on_release": "Education, training or employment arranged for release",
        }
        help_texts = {
            "release_date": "Leave blank until the child is released",
            "accommodation_on_release_suitable": "Answer when the child has been released",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        outcome = self.fields["outcome"]
        outcome.queryset = self.child.outcomes.filter(outcome_type__custodial=True).select_related("outcome_type")
        outcome.label_from_instance = lambda o: f"{o.outcome_type.name}, {format_date(o.outcome_date)} ({o.reference})"
        outcome.empty_label = "Not recorded"
        self.fields["establishment_type"].widget = forms.RadioSelect(choices=self.fields["establishment_type"].choices)
        self.fields["ete_on_release"].widget = forms.RadioSelect(choices=self.fields["ete_on_release"].choices)
