"""Forms of the KPI return pages."""

from __future__ import annotations

from django import forms


class SubmitForm(forms.Form):
    reason = forms.CharField(
        label="Why is the return going with items missing?", required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed only when items are missing. Say what is missing and why it cannot be recorded "
                  "before the deadline, for example \"3 children transferred out before their end review\".")


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label="Why are you reopening the return?", widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, records corrected after submission. The figures as submitted are kept.",
        error_messages={"required": "Enter why the return is being reopened"})
