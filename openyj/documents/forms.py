"""Input for documents: what people type. Forms never write (the services do)."""

from __future__ import annotations

from django import forms

from openyj.core.govuk_forms import GovUKDateField


class PlanCreateForm(forms.Form):
    year = forms.CharField(label="Plan year", max_length=7, help_text="For example, 2026/27. The plan reports the "
                           "year before: April 2025 to March 2026 for 2026/27.",
                           error_messages={"required": "Enter the plan year, for example 2026/27"})
    structure = forms.ChoiceField(label="Structure", widget=forms.RadioSelect,
                                  error_messages={"required": "Select a structure"})

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        structure = self.fields["structure"]
        assert isinstance(structure, forms.ChoiceField)  # declared above
        structure.choices = choices


class BoardReportCreateForm(forms.Form):
    period_start = GovUKDateField(label="First day of the period", help_text="For example, 1 1 2026",
                                  error_messages={"required": "Enter the first day of the period"})
    period_end = GovUKDateField(label="Last day of the period", help_text="For example, 31 3 2026",
                                error_messages={"required": "Enter the last day of the period"})
    meeting_date = GovUKDateField(label="Date of the board meeting", required=False)


class TextForm(forms.Form):
    text = forms.CharField(label="Text", widget=forms.Textarea(attrs={"rows": 16}), required=False,
                           help_text="Write in Markdown: # for a heading, - for a list, **bold**, and | for "
                                     "table columns. HTML is shown as typed, not run.")


class CommentaryForm(forms.Form):
    text = forms.CharField(label="Commentary", widget=forms.Textarea(attrs={"rows": 5}),
                           error_messages={"required": "Enter the commentary, or use the generated sentence"},
                           help_text="Reword it if you need to; every number must be one of the figures.")


class BoardApproveForm(forms.Form):
    chair = forms.CharField(label="Chair of the partnership board", max_length=200,
                            error_messages={"required": "Enter the name of the chair who signed the plan"})
    approved_on = GovUKDateField(label="Date the board approved the plan", allow_future=False,
                                 error_messages={"required": "Enter the date the board approved the plan"})


class SubmitForm(forms.Form):
    submitted_on = GovUKDateField(label="Date the plan was submitted to the Youth Justice Board", allow_future=False,
                                  error_messages={"required": "Enter the date the plan was submitted"})


class CommentForm(forms.Form):
    received_on = GovUKDateField(label="Date the comments arrived",
                                 error_messages={"required": "Enter the date the comments arrived"})
    text = forms.CharField(label="The Youth Justice Board's comments", widget=forms.Textarea(attrs={"rows": 6}),
                           error_messages={"required": "Enter the comments the YJB sent"})


class CouncilApproveForm(forms.Form):
    council = forms.CharField(label="Council", max_length=200,
                              error_messages={"required": "Enter the name of the council"})
    approved_on = GovUKDateField(label="Date the council approved the plan",
                                 error_messages={"required": "Enter the date the council approved the plan"})


class PublishForm(forms.Form):
    published_on = GovUKDateField(label="Date of publication",
                                  error_messages={"required": "Enter the date the plan was published"})


class CirculateForm(forms.Form):
    circulated_on = GovUKDateField(label="Date the report was circulated to the board",
                                   error_messages={"required": "Enter the date the report was circulated"})
