from __future__ import annotations

import re

from django import forms

from openyj.core.dates import format_date
from openyj.core.forms import ServiceRecordForm, govuk_formfield
from openyj.core.validation import YJS_AGES, today
from openyj.people.models import Child, Episode

# The first half of a UK postcode (the outward code): LS9, M1, SW1A, B33. GIR is Girobank's.
POSTCODE_DISTRICT = re.compile(r"^(GIR|[A-Z]{1,2}[0-9][A-Z0-9]?)$")
# A full postcode typed by mistake: the outward code and then a digit and two letters.
FULL_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*[0-9][A-Z]{2}$")
# A Police National Computer id: the year (2 or 4 digits), a slash, up to 7 digits and a check letter.
PNC_ID = re.compile(r"^([0-9]{2}|[0-9]{4})/[0-9]{1,7}[A-Z]$")


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
        labels = {"pnc_id": "PNC ID", "send_identified_on": "Date the special educational need was identified",
                  "send_plan_current": "Is there a plan in place for the current academic year?",
                  "needs_interpreter": "Does the child need an interpreter?"}
        help_texts = {
            "prior_substantive_outcome": "Did the child have a caution or conviction before these records began?",
            "postcode_district": "The first half of the postcode only, for example LS9",
            "pnc_id": "As the police write it, for example 09/123456A",
            "date_of_birth": "For example, 17 5 2010",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["postcode_district"].widget.attrs.update({"class": "govuk-input--width-5", "spellcheck": "false"})
        self.fields["pnc_id"].widget.attrs.update({"class": "govuk-input--width-10", "spellcheck": "false"})

    def _unchanged(self, name: str, value: str) -> bool:
        # A value recorded before these checks (or brought in by an import) may be kept as it is.
        return bool(self.instance.pk) and value == (getattr(self.instance, name) or "").upper()

    def clean_date_of_birth(self):
        born = self.cleaned_data.get("date_of_birth")
        if born and not self.instance.pk and born <= today():
            age = Child(date_of_birth=born).age_on(today())
            if age < YJS_AGES[0]:
                raise forms.ValidationError(
                    f"A child born on {format_date(born)} is {age} today. A youth justice service works with "
                    f"children aged {YJS_AGES[0]} to {YJS_AGES[1]}: check the year of birth")
        return born

    def clean_postcode_district(self):
        value = re.sub(r"\s+", " ", (self.cleaned_data.get("postcode_district") or "").strip().upper())
        if not value or self._unchanged("postcode_district", value):
            return value
        full = FULL_POSTCODE.match(value)
        if full:
            raise forms.ValidationError(f"Enter only the first half of the postcode, for example {full.group(1)}")
        if not POSTCODE_DISTRICT.match(value):
            raise forms.ValidationError("Enter the postcode district as the first half of a postcode, "
                                        "for example LS9 or M1")
        return value

    def clean_pnc_id(self):
        value = (self.cleaned_data.get("pnc_id") or "").strip().upper()
        if not value or self._unchanged("pnc_id", value):
            return value
        if not PNC_ID.match(value):
            raise forms.ValidationError("Enter the PNC ID as the police write it: the year, a slash, up to "
                                        "7 numbers and a letter, for example 09/123456A")
        return value


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
        kind, start = cleaned.get("episode_type"), cleaned.get("start_date")
        if kind and start and self.child is not None:
            same = Episode.objects.filter(child=self.child, episode_type=kind, start_date=start)
            if self.instance.pk:
                same = same.exclude(pk=self.instance.pk)
            if same.exists():
                label = dict(self.fields["episode_type"].choices).get(kind, kind)
                self.add_error("start_date", f"This child already has a {str(label).lower()} episode starting on "
                                             f"{format_date(start)}. Change the date, or change that episode")
        if cleaned.get("legal_basis") and cleaned.get("episode_type") not in (None, "looked_after"):
            self.add_error("legal_basis", "Only a looked-after episode has a legal basis. Remove the legal basis, "
                                          "or choose looked after as the type of episode")
        return cleaned
