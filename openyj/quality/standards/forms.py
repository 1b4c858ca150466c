"""Forms of the National Standards pages. Forms collect and check input; the services decide."""

from __future__ import annotations

from django import forms

from openyj.core.forms import set_choices
from openyj.core.govuk_forms import GovUKDateField
from openyj.quality.forms import ANSWER_CHOICES, INLINE, choice_message
from openyj.quality.frameworks import national_standards


class GradingScaleForm(forms.Form):
    name = forms.CharField(max_length=200, label="Name of the scale",
                           error_messages={"required": "Enter a name for the scale"})
    grades = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}), help_text="One grade a line, best first",
        error_messages={"required": "Enter at least two grades, one a line, best first"},
    )

    def grade_list(self) -> list[str]:
        return [g.strip() for g in self.cleaned_data["grades"].splitlines() if g.strip()]


class SelfAssessmentForm(forms.Form):
    title = forms.CharField(max_length=200, help_text="For example “National Standards self-assessment 2024/25”",
                            error_messages={"required": "Enter a title"})
    period_start = GovUKDateField(label="Start of the period", help_text="The first day of the period whose cases "
                                  "are audited, for example 1 4 2024")
    period_end = GovUKDateField(label="End of the period",
                                help_text="The last day of the period, for example 31 3 2025")
    scale = forms.ChoiceField(label="Grading scale", widget=forms.RadioSelect,
                              error_messages=choice_message("a grading scale"))

    def __init__(self, *args, scales, **kwargs):
        super().__init__(*args, **kwargs)
        framework = national_standards()
        self.scale_options = {f"builtin:{s.code}": (s.name, list(s.grades)) for s in framework.grading_scales}
        self.scale_options.update({f"service:{s.pk}": (s.name, list(s.grades)) for s in scales})
        set_choices(self, "scale", [(k, f"{name}: {', '.join(grades)}")
                                    for k, (name, grades) in self.scale_options.items()])
        self.fields["scale"].initial = next(iter(self.scale_options), None)

    def clean(self):
        super().clean()
        start, end = self.cleaned_data.get("period_start"), self.cleaned_data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The end of the period must be the same as or after the start of the period")
        return self.cleaned_data

    def chosen_scale(self) -> tuple[str, list[str]]:
        return self.scale_options[self.cleaned_data["scale"]]


class GradingForm(forms.Form):
    grade = forms.ChoiceField(widget=forms.RadioSelect, error_messages=choice_message("a grade"))
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}),
                               error_messages={"required": "Enter the evidence for the grade"})
    strengths = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    improvements = forms.CharField(label="Areas for improvement", required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    assessors = forms.CharField(label="Assessed by", max_length=300, required=False,
                                help_text="For the strategic level: the board member and manager who assessed it")

    def __init__(self, *args, grades, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "grade", [(g, g) for g in grades])


class GradingModerationForm(forms.Form):
    grade = forms.ChoiceField(label="Moderated grade", widget=forms.RadioSelect,
                              error_messages=choice_message("a grade"))
    note = forms.CharField(label="Moderation note", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="Required if you change the grade: say why")

    def __init__(self, *args, grades, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "grade", [(g, g) for g in grades])


class StandardsCaseForm(forms.Form):
    met = forms.ChoiceField(label="Did practice in this case meet the standard?", choices=ANSWER_CHOICES,
                            widget=forms.RadioSelect(attrs=INLINE),
                            error_messages=choice_message("yes, no or not applicable"))
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
