"""Forms for improvement actions. Forms collect and check input; the services decide."""

from __future__ import annotations

from django import forms

from openyj.core.govuk_forms import GovUKDateField
from openyj.governance.models import ImprovementAction


class ActionForm(forms.Form):
    what = forms.CharField(label="What will be done", widget=forms.Textarea(attrs={"rows": 4}),
                           error_messages={"required": "Enter what will be done"})
    owner = forms.CharField(label="Owner", max_length=200, help_text="Name or initials of the person responsible",
                            error_messages={"required": "Enter who owns the action"})
    due_on = GovUKDateField(label="Due date", required=False, help_text="For example, 30 9 2025")
    status = forms.ChoiceField(choices=ImprovementAction.Status.choices, widget=forms.RadioSelect,
                               initial=ImprovementAction.Status.NOT_STARTED,
                               error_messages={"required": "Select a status", "invalid_choice": "Select a status"})
