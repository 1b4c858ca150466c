"""Forms for improvement actions. Forms collect and check input; the services decide."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib.auth import get_user_model
from django.forms import model_to_dict

from openyj.core.forms import govuk_formfield
from openyj.core.govuk_forms import GovUKDateField
from openyj.core.roles import Role
from openyj.governance import codes
from openyj.governance import models as m
from openyj.governance.budget import financial_year_valid
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
    update = forms.CharField(label="Progress update (optional)", required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="What has happened since the last update. Needed to close the action.")


# Plans, the board, risks, budget and workforce: model forms that only collect (services save) ------


def _money(form: forms.BaseForm, *names: str) -> None:
    for name in names:
        field = form.fields[name]
        label = str(field.label or name).lower()
        field.widget = forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal",
                                              "spellcheck": "false"})
        field.error_messages.update({"invalid": f"Enter {label} in pounds, like 1250.50",
                                     "min_value": f"Enter {label} of £0 or more",
                                     "max_decimal_places": "Enter pounds and pence only, like 1250.50",
                                     "max_digits": f"Enter {label} under £10 billion",
                                     "max_whole_digits": f"Enter {label} under £10 billion"})


class RecordForm(forms.ModelForm):
    """A model form for a governance record. It never saves: the view passes its cleaned data to
    :func:`openyj.governance.services.record_save`. ``initial_from`` fills it from a record."""

    def __init__(self, *args, initial_from=None, **kwargs):
        if initial_from is not None:
            kwargs["initial"] = model_to_dict(initial_from, fields=self._meta.fields)
        super().__init__(*args, **kwargs)


class PlanForm(RecordForm):
    objectives = forms.CharField(label="Key objectives", required=False, widget=forms.Textarea(attrs={"rows": 6}),
                                 help_text="One key objective a line. They are numbered in this order.")

    class Meta:
        model = m.ImprovementPlan
        fields = ["title", "kind", "started_on", "summary"]
        formfield_callback = govuk_formfield
        labels = {"title": "Name of the plan", "kind": "Kind of plan"}


class PlanActionForm(forms.Form):
    number = forms.CharField(label="Number", max_length=10, required=False, help_text="For example 1.3",
                             widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}))
    what = forms.CharField(label="What will be done", widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "Enter what will be done"})
    why = forms.CharField(label="Why", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    how = forms.CharField(label="How", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    owner = forms.CharField(label="Owner", max_length=200, help_text="Name or initials of the person responsible",
                            error_messages={"required": "Enter who owns the action"})
    due_on = GovUKDateField(label="Due date", required=False, help_text="For example, 30 9 2026")
    status = forms.ChoiceField(label="Status", choices=ImprovementAction.Status.choices, widget=forms.RadioSelect,
                               initial=ImprovementAction.Status.NOT_STARTED,
                               error_messages={"required": "Select a status", "invalid_choice": "Select a status"})
    rag = forms.ChoiceField(label="RAG rating", choices=[("", "Not rated"), *codes.RAG], required=False,
                            widget=forms.RadioSelect)
    update = forms.CharField(label="Progress update (optional)", required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="What has happened since the last update. Needed to close the action.")


class ProgressUpdateForm(forms.Form):
    written_on = GovUKDateField(label="Date of the update", allow_future=False,
                                error_messages={"required": "Enter the date of the update"})
    text = forms.CharField(label="Progress", widget=forms.Textarea(attrs={"rows": 4}),
                           help_text="What has happened since the last update; to close, what the action achieved.",
                           error_messages={"required": "Write what has happened since the last update"})
    status = forms.ChoiceField(label="Status after this update", choices=ImprovementAction.Status.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Select a status", "invalid_choice": "Select a status"})
    rag = forms.ChoiceField(label="RAG rating", choices=[("", "Not rated"), *codes.RAG], required=False,
                            widget=forms.RadioSelect)


class PlanImportForm(forms.Form):
    file = forms.FileField(label="Plan spreadsheet (.xlsx)",
                           help_text="A spreadsheet exported from this page, with its Actions and Updates sheets.",
                           error_messages={"required": "Choose the plan spreadsheet to import"})


class AccountField(forms.ModelChoiceField):
    """A user account, named as people know it."""

    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class BoardMemberForm(RecordForm):
    user = AccountField(queryset=get_user_model().objects.none(), required=False, empty_label="No account",
                        label="Their OpenYJ account (optional)",
                        help_text="Where the service lets members record their own attendance, this is the account "
                                  "that may do it.")
    class Meta:
        model = m.BoardMember
        fields = ["name", "agency", "role", "statutory_partner", "seniority", "deputy", "active", "user"]
        formfield_callback = govuk_formfield
        labels = {"statutory_partner": "A statutory partner", "active": "A current member"}

    def __init__(self, *args, service=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(AccountField, self.fields["user"]).queryset = get_user_model().objects.filter(
            memberships__service=service, memberships__role=Role.BOARD_MEMBER).order_by("last_name", "first_name")



class MeetingForm(RecordForm):
    class Meta:
        model = m.BoardMeeting
        fields = ["held_on", "themes", "papers", "deep_dive"]
        formfield_callback = govuk_formfield
        labels = {"held_on": "Date of the meeting", "deep_dive": "Deep dive"}


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(label="Attendance", choices=codes.ATTENDANCE, widget=forms.RadioSelect,
                                   error_messages={"required": "Select whether the member attended"})
    deputy_name = forms.CharField(label="Deputy's name (if a deputy came)", required=False, max_length=200)
    appropriate_seniority = forms.NullBooleanField(
        label="Was the deputy of appropriate seniority?", required=False,
        widget=forms.RadioSelect(choices=[("True", "Yes"), ("False", "No"), ("", "Not a deputy")]))


class BoardActionForm(RecordForm):
    class Meta:
        model = m.BoardAction
        fields = ["what", "owner", "due_on", "status"]
        formfield_callback = govuk_formfield
        labels = {"what": "Action", "due_on": "Due date"}


class ForwardPlanItemForm(RecordForm):
    class Meta:
        model = m.ForwardPlanItem
        fields = ["due_on", "kind", "title", "agency"]
        formfield_callback = govuk_formfield
        labels = {"kind": "Kind of item", "agency": "Partner reporting (if any)"}


class TermsOfReferenceForm(RecordForm):
    class Meta:
        model = m.TermsOfReference
        fields = ["agreed_on", "review_on", "summary"]
        formfield_callback = govuk_formfield


class RiskForm(RecordForm):
    class Meta:
        model = m.Risk
        fields = ["title", "owner", "likelihood", "impact", "mitigations", "review_on", "status", "trend"]
        formfield_callback = govuk_formfield
        labels = {"likelihood": "Likelihood (1 rare to 5 almost certain)",
                  "impact": "Impact (1 negligible to 5 severe)"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("likelihood", "impact"):
            field = self.fields[name]
            field.widget = forms.RadioSelect(choices=[(n, str(n)) for n in range(1, 6)])
            field.error_messages.update({"required": f"Select the {name}", "min_value": "Select 1 to 5",
                                         "max_value": "Select 1 to 5"})


class BudgetLineForm(RecordForm):
    class Meta:
        model = m.BudgetLine
        fields = ["year", "agency", "staffing", "payments_in_kind", "other_delegated", "total"]
        formfield_callback = govuk_formfield
        labels = {"year": "Financial year", "total": "Total as stated"}
        help_texts = {"agency": "Police, Police and Crime Commissioner, Probation, Health, Local Authority, YJB, "
                                "Other; or Total for the table's stated totals row",
                      "total": "As the partner stated it. It is checked against the parts, never corrected."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _money(self, "staffing", "payments_in_kind", "other_delegated", "total")

    def clean_year(self):
        year = self.cleaned_data["year"].strip()
        if not financial_year_valid(year):
            raise forms.ValidationError("Enter the financial year like 2024/25")
        return year


class GrantForm(RecordForm):
    class Meta:
        model = m.Grant
        fields = ["name", "funder", "year", "amount", "ends_on"]
        formfield_callback = govuk_formfield
        labels = {"name": "Name of the grant", "year": "Financial year"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _money(self, "amount")


class RemandBudgetForm(RecordForm):
    class Meta:
        model = m.RemandBudget
        fields = ["year", "budget", "nightly_cost"]
        formfield_callback = govuk_formfield
        labels = {"year": "Financial year"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _money(self, "budget", "nightly_cost")


class StaffForm(RecordForm):
    class Meta:
        model = m.StaffMember
        fields = ["reference", "grade", "staff_type", "agency", "sex", "ethnicity", "fte", "qualifications",
                  "started_on", "ended_on"]
        formfield_callback = govuk_formfield
        labels = {"reference": "Staff reference", "staff_type": "Type", "agency": "Seconding agency (secondees)",
                  "fte": "Full-time equivalent"}
        help_texts = {"reference": "The service's own reference: no names are kept",
                      "fte": "For example 1 for full time, 0.5 for half time"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Stored in words, as staff.csv writes grades.
        self.fields["grade"] = forms.ChoiceField(label="Grade", choices=[("", "Select a grade"),
                                                                         *((label, label) for _, label in codes.GRADE)],
                                                 required=False)


class TrainingForm(RecordForm):
    class Meta:
        model = m.TrainingRecord
        fields = ["course", "completed_on"]
        formfield_callback = govuk_formfield
        labels = {"course": "Course or training", "completed_on": "Date completed"}
