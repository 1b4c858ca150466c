"""Forms of the inspection pages. Forms collect and check input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from openyj.core.forms import set_choices
from openyj.core.govuk_forms import GovUKDateField
from openyj.quality.forms import choice_message, rating_choices
from openyj.quality.frameworks import InspectionFramework, field_key, inspection_framework_choices


class InspectionFrameworkForm(forms.Form):
    framework = forms.ChoiceField(
        label="Which framework was the inspection under?", choices=inspection_framework_choices,
        widget=forms.RadioSelect, error_messages=choice_message("the inspection framework"),
    )


class InspectionForm(forms.Form):
    """A published inspection: its details, every standard's rating, the % yes of each case key question,
    and the recommendations."""

    title = forms.CharField(max_length=200, help_text="For example “Inspection of youth offending services in Leeds”",
                            error_messages={"required": "Enter the inspection's title"})
    inspectorate = forms.CharField(max_length=200, initial="HM Inspectorate of Probation",
                                   error_messages={"required": "Enter the inspectorate"})
    fieldwork_started = GovUKDateField(label="Fieldwork started", required=False, allow_future=False)
    published_on = GovUKDateField(label="Report published", required=False, allow_future=False)
    published_overall = forms.ChoiceField(label="Published overall rating", widget=forms.RadioSelect,
                                          error_messages=choice_message("the published overall rating"))
    court_cases = forms.IntegerField(label="Court cases inspected", required=False, min_value=0,
                                     widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
                                     error_messages={"invalid": "Court cases inspected must be a whole number"})
    out_of_court_cases = forms.IntegerField(label="Out-of-court cases inspected", required=False, min_value=0,
                                            widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
                                            error_messages={"invalid": "Out-of-court cases inspected must be a "
                                                                       "whole number"})
    source = forms.CharField(label="Where the report is", max_length=300, required=False,
                             help_text="A web address or document reference")
    service_recommendations = forms.CharField(
        label="Recommendations to the service", required=False, widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One a line, in the report's order",
    )
    board_recommendations = forms.CharField(
        label="Recommendations to the management board", required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One a line, in the report's order; numbered after the service's",
    )

    def __init__(self, *args, framework: InspectionFramework, **kwargs):
        super().__init__(*args, **kwargs)
        self.framework = framework
        set_choices(self, "published_overall", rating_choices(framework))
        self.standard_rows: list[dict[str, Any]] = []
        for s in framework.standards:
            name = field_key("rating", s.code)
            self.fields[name] = forms.ChoiceField(
                label=f"{s.label}: published rating", choices=[("", "Select a rating")]
                + rating_choices(framework, not_rated=s.may_be_not_rated),
                required=not s.may_be_not_rated,
                error_messages=choice_message(f"the published rating of {s.label}"),
            )
            kqs = []
            if s.rated_from_cases:
                for kq in s.key_questions:
                    kq_name = field_key("kq", kq.code)
                    self.fields[kq_name] = forms.DecimalField(
                        label=f"{kq.code} {kq.text} (% yes)", min_value=0, max_value=100, decimal_places=2,
                        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4", "step": "any"}),
                        error_messages={
                            "required": f"Enter the % yes for {kq.code}, a number from 0 to 100",
                            "invalid": f"The % yes for {kq.code} must be a number, like 62",
                            "min_value": f"The % yes for {kq.code} must be 0 or more",
                            "max_value": f"The % yes for {kq.code} must be 100 or less",
                            "max_decimal_places": f"The % yes for {kq.code} can have at most 2 decimal places",
                        },
                    )
                    kqs.append(kq_name)
            self.standard_rows.append({"standard": s, "rating": name, "kqs": kqs})

    def grouped(self):
        return [{"standard": r["standard"], "rating": self[r["rating"]], "kqs": [self[k] for k in r["kqs"]]}
                for r in self.standard_rows]

    def recommendations(self) -> list[tuple[str, str]]:
        def lines(text):
            return [line.strip() for line in (text or "").splitlines() if line.strip()]

        return ([("The service", t) for t in lines(self.cleaned_data["service_recommendations"])]
                + [("The management board", t) for t in lines(self.cleaned_data["board_recommendations"])])

    def ratings(self) -> dict:
        return {s.code: self.cleaned_data.get(field_key("rating", s.code)) or "" for s in self.framework.standards}

    def percents(self) -> dict:
        return {kq.code: self.cleaned_data.get(field_key("kq", kq.code))
                for s in self.framework.case_standards() for kq in s.key_questions}


class CompareForm(forms.Form):
    audit = forms.ChoiceField(label="Self-audit to compare", error_messages=choice_message("a self-audit"))

    def __init__(self, *args, audits, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "audit", [("", "Select a self-audit")] + [(str(a.pk), a.title) for a in audits])
