"""Forms for the quality pages. Forms collect and check input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from openyj.core.govuk_forms import GovUKDateField
from openyj.governance.models import ImprovementAction
from openyj.quality.frameworks import (
    InspectionFramework,
    Standard,
    inspection_framework_choices,
    national_standards,
)
from openyj.quality.models import Answer
from openyj.quality.services import field_key

ANSWER_CHOICES = Answer.choices
INLINE = {"class": "govuk-radios--inline"}
SMALL_INLINE = {"class": "govuk-radios--inline govuk-radios--small"}


def _choice_message(label: str) -> dict:
    return {"required": f"Select {label}", "invalid_choice": f"Select {label}"}


class CaseAuditForm(forms.Form):
    title = forms.CharField(
        max_length=200, help_text="For example “Spring 2025 self-audit”",
        error_messages={"required": "Enter a title for the audit"},
    )
    framework = forms.ChoiceField(
        label="Inspection framework", choices=inspection_framework_choices, widget=forms.RadioSelect,
        error_messages=_choice_message("the inspection framework to audit against"),
    )
    reference_date = GovUKDateField(
        label="Date to draw the sample as at", allow_future=False,
        error_messages={"required": "Enter the date to draw the sample as at",
                        "future": "The date to draw the sample as at must be today or in the past"},
        help_text="Court cases sentenced 6 to 9 months before this date and out-of-court cases given 3 to 5 "
                  "months before it are eligible. For example, 31 3 2025",
    )
    confidence = forms.IntegerField(
        label="Confidence level (%)", initial=80, min_value=50, max_value=99,
        help_text="The inspectorate uses 80%", widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={"required": "Enter the confidence level, a whole number from 50 to 99",
                        "invalid": "Confidence level must be a whole number, like 80",
                        "min_value": "Confidence level must be 50 or more",
                        "max_value": "Confidence level must be 99 or less"},
    )
    margin = forms.IntegerField(
        label="Margin of error (± percentage points)", initial=5, min_value=1, max_value=20,
        help_text="The inspectorate uses 5", widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={"required": "Enter the margin of error, a whole number from 1 to 20",
                        "invalid": "Margin of error must be a whole number, like 5",
                        "min_value": "Margin of error must be 1 or more",
                        "max_value": "Margin of error must be 20 or less"},
    )
    seed = forms.IntegerField(
        label="Random seed", required=False, min_value=0, max_value=999_999_999,
        help_text="Leave blank for a new random sample. Enter the seed of an earlier draw to draw the same sample.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-10"}),
        error_messages={"invalid": "Random seed must be a whole number, like 48213",
                        "min_value": "Random seed must be 0 or more",
                        "max_value": "Random seed must be 999999999 or less"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].initial = inspection_framework_choices()[-1][0]
        self.fields["reference_date"].initial = timezone.localdate()


class StandardAnswersForm(forms.Form):
    """One standard's key questions for one case: yes / no / not applicable, with prompts, comment, evidence."""

    def __init__(self, *args, standard: Standard, **kwargs):
        self.standard = standard
        super().__init__(*args, **kwargs)
        self.groups = []
        for kq in standard.key_questions:
            answer = field_key("answer", kq.code)
            self.fields[answer] = forms.ChoiceField(
                label=f"{kq.code} {kq.text}", choices=ANSWER_CHOICES, widget=forms.RadioSelect(attrs=INLINE),
                error_messages=_choice_message(f"yes, no or not applicable for {kq.code}"),
            )
            self.fields[answer].govuk_label_size = "s"
            prompts = []
            for p in kq.prompts:
                name = field_key("prompt", p.code)
                self.fields[name] = forms.ChoiceField(
                    label=p.text, choices=ANSWER_CHOICES, required=False, widget=forms.RadioSelect(attrs=SMALL_INLINE),
                    error_messages=_choice_message(f"yes, no or not applicable for prompt {p.code}, or leave it blank"),
                )
                prompts.append(name)
            comment = field_key("comment", kq.code)
            evidence = field_key("evidence", kq.code)
            self.fields[comment] = forms.CharField(
                label=f"Comment on {kq.code}", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                help_text="What the auditor saw: why the answer is yes or no",
            )
            self.fields[evidence] = forms.CharField(
                label=f"Evidence for {kq.code}", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Where in the record, for example “AssetPlus 12/03/2025, section 5”",
            )
            self.groups.append({"kq": kq, "answer": answer, "prompts": prompts, "comment": comment,
                                "evidence": evidence})

    def grouped(self):
        """Bound fields grouped by key question, for the template."""
        return [
            {"kq": g["kq"], "answer": self[g["answer"]], "prompts": [self[p] for p in g["prompts"]],
             "comment": self[g["comment"]], "evidence": self[g["evidence"]]}
            for g in self.groups
        ]

    def answers(self) -> dict:
        out = {}
        for g in self.groups:
            kq = g["kq"]
            out[kq.code] = {
                "answer": self.cleaned_data[g["answer"]],
                "comment": self.cleaned_data[g["comment"]],
                "evidence": self.cleaned_data[g["evidence"]],
                "prompts": {p.code: self.cleaned_data[field_key("prompt", p.code)] for p in kq.prompts},
            }
        return out

    @staticmethod
    def initial_from(standard: Standard, answers: dict) -> dict:
        initial = {}
        for kq in standard.key_questions:
            a = answers.get(kq.code)
            if a is None:
                continue
            initial[field_key("answer", kq.code)] = a.answer
            initial[field_key("comment", kq.code)] = a.comment
            initial[field_key("evidence", kq.code)] = a.evidence
            for code, value in (a.prompts or {}).items():
                initial[field_key("prompt", code)] = value
        return initial


class ModerationForm(forms.Form):
    """The moderator's answer to each key question of a case (the auditor's answer is the starting point)."""

    def __init__(self, *args, key_questions, answers: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = []
        for kq in key_questions:
            answer = field_key("answer", kq.code)
            note = field_key("note", kq.code)
            self.fields[answer] = forms.ChoiceField(
                label=f"Moderated answer to {kq.code}", choices=ANSWER_CHOICES, widget=forms.RadioSelect(attrs=INLINE),
                initial=answers[kq.code].final_answer if kq.code in answers else None,
                error_messages=_choice_message(f"yes, no or not applicable for {kq.code}"),
            )
            self.fields[note] = forms.CharField(
                label=f"Moderation note for {kq.code}", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Required if you change the answer: say why",
            )
            self.rows.append({"kq": kq, "answer": answer, "note": note, "original": answers.get(kq.code)})

    def grouped(self):
        return [dict(r, answer=self[r["answer"]], note=self[r["note"]]) for r in self.rows]

    def decisions(self) -> dict:
        return {r["kq"].code: {"answer": self.cleaned_data[r["answer"]], "note": self.cleaned_data[r["note"]]}
                for r in self.rows}


def rating_choices(framework: InspectionFramework, *, not_rated: bool = False) -> list[tuple[str, str]]:
    ratings = list(reversed(framework.rule.ratings))  # best first, as reports list them
    choices = [(r, r) for r in ratings]
    if not_rated:
        choices.append((framework.rule.not_rated, framework.rule.not_rated))
    return choices


class JudgementForm(forms.Form):
    rating = forms.ChoiceField(widget=forms.RadioSelect, error_messages=_choice_message("a rating"))
    evidence = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the rating rests on: board papers, staff survey, interviews, data",
        error_messages={"required": "Enter the evidence for this rating"},
    )

    def __init__(self, *args, framework: InspectionFramework, standard: Standard, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = rating_choices(framework, not_rated=standard.may_be_not_rated)
        self.fields["rating"].label = f"Rating for {standard.label}"


class AdjustmentForm(forms.Form):
    standard = forms.ChoiceField(label="What to adjust", error_messages=_choice_message("what to adjust"))
    rating = forms.ChoiceField(label="Adjusted rating", widget=forms.RadioSelect,
                               error_messages=_choice_message("the adjusted rating"))
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="An adjustment is exceptional: say why the rule's rating does not reflect the evidence",
        error_messages={"required": "Enter the reason for the adjusted rating"},
    )

    def __init__(self, *args, framework: InspectionFramework, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["standard"].choices = [("", "Overall rating")] + [(s.code, s.label) for s in framework.standards]
        self.fields["rating"].choices = rating_choices(framework)

    def clean_standard(self):
        return self.cleaned_data["standard"] or ""


class InspectionFrameworkForm(forms.Form):
    framework = forms.ChoiceField(
        label="Which framework was the inspection under?", choices=inspection_framework_choices,
        widget=forms.RadioSelect, error_messages=_choice_message("the inspection framework"),
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
                                          error_messages=_choice_message("the published overall rating"))
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
        self.fields["published_overall"].choices = rating_choices(framework)
        self.standard_rows = []
        for s in framework.standards:
            name = field_key("rating", s.code)
            self.fields[name] = forms.ChoiceField(
                label=f"{s.label}: published rating", choices=[("", "Select a rating")]
                + rating_choices(framework, not_rated=s.may_be_not_rated),
                required=not s.may_be_not_rated,
                error_messages=_choice_message(f"the published rating of {s.label}"),
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
    audit = forms.ChoiceField(label="Self-audit to compare", error_messages=_choice_message("a self-audit"))

    def __init__(self, *args, audits, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["audit"].choices = [("", "Select a self-audit")] + [(str(a.pk), a.title) for a in audits]


class ActionForm(forms.Form):
    what = forms.CharField(label="What will be done", widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "Enter what will be done"})
    owner = forms.CharField(label="Owner", max_length=200, help_text="Name or initials of the person responsible",
                            error_messages={"required": "Enter who owns the action"})
    due_on = GovUKDateField(label="Due date", required=False, help_text="For example, 30 9 2025")
    status = forms.ChoiceField(choices=ImprovementAction.Status.choices, widget=forms.RadioSelect,
                               initial=ImprovementAction.Status.NOT_STARTED, error_messages=_choice_message("a status"))


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
    period_start = GovUKDateField(label="Cases from", help_text="The first day of the period whose cases are audited")
    period_end = GovUKDateField(label="Cases to", help_text="The last day of the period")
    scale = forms.ChoiceField(label="Grading scale", widget=forms.RadioSelect,
                              error_messages=_choice_message("a grading scale"))

    def __init__(self, *args, scales, **kwargs):
        super().__init__(*args, **kwargs)
        framework = national_standards()
        self.scale_options = {f"builtin:{s.code}": (s.name, list(s.grades)) for s in framework.grading_scales}
        self.scale_options.update({f"service:{s.pk}": (s.name, list(s.grades)) for s in scales})
        self.fields["scale"].choices = [(k, f"{name}: {', '.join(grades)}") for k, (name, grades)
                                        in self.scale_options.items()]
        self.fields["scale"].initial = next(iter(self.scale_options), None)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "Cases to must be on or after cases from")
        return cleaned

    def chosen_scale(self) -> tuple[str, list[str]]:
        return self.scale_options[self.cleaned_data["scale"]]


class GradingForm(forms.Form):
    grade = forms.ChoiceField(widget=forms.RadioSelect, error_messages=_choice_message("a grade"))
    evidence = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}),
                               error_messages={"required": "Enter the evidence for the grade"})
    strengths = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}))
    improvements = forms.CharField(label="Areas for improvement", required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    assessors = forms.CharField(label="Assessed by", max_length=300, required=False,
                                help_text="For the strategic level: the board member and manager who assessed it")

    def __init__(self, *args, grades, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [(g, g) for g in grades]


class GradingModerationForm(forms.Form):
    grade = forms.ChoiceField(label="Moderated grade", widget=forms.RadioSelect,
                              error_messages=_choice_message("a grade"))
    note = forms.CharField(label="Moderation note", required=False, widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="Required if you change the grade: say why")

    def __init__(self, *args, grades, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grade"].choices = [(g, g) for g in grades]


class StandardsCaseForm(forms.Form):
    met = forms.ChoiceField(label="Did practice in this case meet the standard?", choices=ANSWER_CHOICES,
                            widget=forms.RadioSelect(attrs=INLINE),
                            error_messages=_choice_message("yes, no or not applicable"))
    notes = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))
