"""Forms of the case-audit pages. Forms collect and check input; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from openyj.core.forms import set_choices
from openyj.core.govuk_forms import GovUKDateField
from openyj.quality.forms import ANSWER_CHOICES, INLINE, SMALL_INLINE, choice_message, rating_choices
from openyj.quality.frameworks import InspectionFramework, Standard, field_key, inspection_framework_choices


class CaseAuditForm(forms.Form):
    title = forms.CharField(
        max_length=200, help_text="For example “Spring 2025 self-audit”",
        error_messages={"required": "Enter a title for the audit"},
    )
    framework = forms.ChoiceField(
        label="Inspection framework", choices=inspection_framework_choices, widget=forms.RadioSelect,
        error_messages=choice_message("the inspection framework to audit against"),
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
        self.groups: list[dict[str, Any]] = []
        for kq in standard.key_questions:
            answer = field_key("answer", kq.code)
            self.fields[answer] = forms.ChoiceField(
                label=f"{kq.code} {kq.text}", choices=ANSWER_CHOICES, widget=forms.RadioSelect(attrs=INLINE),
                error_messages=choice_message(f"yes, no or not applicable for {kq.code}"),
            )
            self.fields[answer].govuk_label_size = "s"  # type: ignore[attr-defined]  # read by the GOV.UK renderer
            prompts = []
            for p in kq.prompts:
                name = field_key("prompt", p.code)
                self.fields[name] = forms.ChoiceField(
                    label=p.text, choices=ANSWER_CHOICES, required=False, widget=forms.RadioSelect(attrs=SMALL_INLINE),
                    error_messages=choice_message(f"yes, no or not applicable for prompt {p.code}, or leave it blank"),
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
        self.rows: list[dict[str, Any]] = []
        for kq in key_questions:
            answer = field_key("answer", kq.code)
            note = field_key("note", kq.code)
            self.fields[answer] = forms.ChoiceField(
                label=f"Moderated answer to {kq.code}", choices=ANSWER_CHOICES, widget=forms.RadioSelect(attrs=INLINE),
                initial=answers[kq.code].final_answer if kq.code in answers else None,
                error_messages=choice_message(f"yes, no or not applicable for {kq.code}"),
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


class JudgementForm(forms.Form):
    rating = forms.ChoiceField(widget=forms.RadioSelect, error_messages=choice_message("a rating"))
    evidence = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What the rating rests on: board papers, staff survey, interviews, data",
        error_messages={"required": "Enter the evidence for this rating"},
    )

    def __init__(self, *args, framework: InspectionFramework, standard: Standard, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "rating", rating_choices(framework, not_rated=standard.may_be_not_rated))
        self.fields["rating"].label = f"Rating for {standard.label}"


class AdjustmentForm(forms.Form):
    standard = forms.ChoiceField(label="What to adjust", error_messages=choice_message("what to adjust"))
    rating = forms.ChoiceField(label="Adjusted rating", widget=forms.RadioSelect,
                               error_messages=choice_message("the adjusted rating"))
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="An adjustment is exceptional: say why the rule's rating does not reflect the evidence",
        error_messages={"required": "Enter the reason for the adjusted rating"},
    )

    def __init__(self, *args, framework: InspectionFramework, **kwargs):
        super().__init__(*args, **kwargs)
        set_choices(self, "standard", [("", "Overall rating")] + [(s.code, s.label) for s in framework.standards])
        set_choices(self, "rating", rating_choices(framework))

    def clean_standard(self):
        return self.cleaned_data["standard"] or ""
