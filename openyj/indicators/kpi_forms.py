"""Forms of the KPI return pages."""

from __future__ import annotations

from django import forms


class SubmitForm(forms.Form):
    reason = forms.CharField(
        label="Why is the return going with items missing?", required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Say what is missing and why it cannot be recorded before the deadline, for example "
                  "\"3 children transferred out before their end review\".")

    def __init__(self, *args, missing: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        # asked for only while items are missing, and then required
        self.fields["reason"].required = bool(missing)
        self.fields["reason"].error_messages["required"] = (
            f"Enter why the return is submitted with {missing} items missing, or record the missing items first")


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why are you reopening the return?", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, records corrected after submission. The figures as submitted are kept.",
        error_messages={"required": "Enter why the return is being reopened"})
