from __future__ import annotations

from django import forms

from openyj.core.forms import ServiceRecordForm, govuk_formfield
from openyj.offending.models import Offence, Outcome


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
            lambda o: f"{o.reference}: {o.category.name}, {o.offence_date:%d %B %Y}"
        )
