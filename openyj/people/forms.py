from __future__ import annotations

from django import forms

from openyj.core.forms import ServiceRecordForm, govuk_formfield
from openyj.people.models import Child, Episode


class ChildForm(ServiceRecordForm):
    class Meta:
        model = Child
        fields = [
            "reference", "given_name", "family_name", "date_of_birth", "sex", "ethnicity",
            "local_authority", "postcode_district", "pnc_id", "prior_substantive_outcome",
            "send_status", "send_identified_on", "send_plan_current",
            "nationality", "first_language", "needs_interpreter",
        ]
        formfield_callback = govuk_formfield
        help_texts = {
            "reference": "The child's id in your case management system, for example C000123",
            "prior_substantive_outcome": "Did the child have a caution or conviction before these records began?",
            "postcode_district": "The first half of the postcode only, for example LS9",
        }


class EpisodeForm(ServiceRecordForm):
    """A looked-after, child-in-need, child-protection or early-help episode."""

    class Meta:
        model = Episode
        fields = ["episode_type", "start_date", "end_date", "legal_basis"]
        formfield_callback = govuk_formfield
        labels = {"episode_type": "Type of episode", "start_date": "Date it started",
                  "end_date": "Date it ended", "legal_basis": "Legal basis of looked-after status"}
        help_texts = {"end_date": "Leave blank while it goes on",
                      "legal_basis": "Only for a looked-after episode"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["legal_basis"].widget = forms.RadioSelect(choices=self.fields["legal_basis"].choices)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("legal_basis") and cleaned.get("episode_type") not in (None, "looked_after"):
            self.add_error("legal_basis", "Only a looked-after episode has a legal basis. Remove the legal basis, "
                                          "or choose looked after as the type of episode")
        return cleaned
