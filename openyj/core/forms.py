"""Form helpers shared by the case-record forms."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.db import models

from openyj.core.govuk_forms import GovUKDateField
from openyj.core.models import Service

YES_NO_UNKNOWN = [("True", "Yes"), ("False", "No"), ("", "Not known")]


def govuk_formfield(field: models.Field, **kwargs):
    """Map model fields to the GOV.UK form fields users expect (date inputs, yes/no radios), with
    GOV.UK-style messages ("Enter …", "Select …", "… must be 300 characters or fewer") instead of
    Django's defaults, which would otherwise reach the error summary. The label given in a form's
    ``Meta.labels`` (else the model field's name) is the one the messages use. Text boxes carry no
    ``maxlength``: a browser would cut pasted text silently; the server says what is too long."""
    label = str(kwargs.get("label") or field.verbose_name)
    label = label[:1].upper() + label[1:]
    help_text = kwargs.get("help_text", field.help_text)
    if isinstance(field, models.DateField):
        return GovUKDateField(label=label, required=not field.blank, help_text=help_text)
    if isinstance(field, models.BooleanField) and field.null:
        return forms.NullBooleanField(
            label=label, required=False, help_text=help_text, widget=forms.RadioSelect(choices=YES_NO_UNKNOWN),
        )
    formfield = field.formfield(**kwargs)
    if formfield is None:
        return None
    if isinstance(formfield, forms.ChoiceField) and field.choices and not field.blank and len(field.choices) <= 6:
        # Django has already made the field's choices a list of (value, label) pairs.
        choices = [c for c in cast("list[tuple[Any, Any]]", formfield.choices) if c[0] != ""]
        formfield.widget = forms.RadioSelect(choices=choices)
    choosing = isinstance(formfield.widget, (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple))
    govuk_messages(formfield, label, choosing=choosing)
    formfield.widget.attrs.pop("maxlength", None)
    return formfield


def govuk_messages(formfield: forms.Field, label: str, *, choosing: bool = False) -> None:
    """Give a form field GOV.UK messages that name it and say what to do, in place of Django's
    ("Ensure this value has at most 100 characters (it has 5000)", "Enter a valid “slug”…").
    They also replace the model's own messages for the same rules (a ModelForm looks them up by code)."""
    lower = label[:1].lower() + label[1:] if not label[1:2].isupper() else label
    if lower.startswith(("date ", "type of ", "hours ")):
        lower = f"the {lower}"  # "Enter the date the remand started", "Select the type of remand"
    formfield.error_messages.update({
        "required": f"{'Select' if choosing else 'Enter'} {lower}",
        "max_length": f"{label} must be %(limit_value)d characters or fewer (you entered %(show_value)d)",
        "min_length": f"{label} must be %(limit_value)d characters or more",
        "invalid_choice": f"Select one of the options for {lower}",
        "invalid": f"Enter {lower} in the right format",
        "min_value": f"{label} must be %(limit_value)s or more",
        "max_value": f"{label} must be %(limit_value)s or less",
        "max_digits": f"{label} must be a number with %(max)s digits or fewer",
        "max_decimal_places": f"{label} must have %(max)s decimal places or fewer",
        "max_whole_digits": f"{label} is too large: check the number",
    })
    if isinstance(formfield, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
        formfield.error_messages["invalid"] = f"{label} must be a number"
        formfield.error_messages["required"] = f"Enter {lower}"


def set_choices(form: forms.BaseForm, name: str, choices: Iterable[tuple[Any, Any]]) -> None:
    """Give a form's choice field the choices known only when the form is made (a framework's ratings,
    a service's grading scales)."""
    cast(forms.ChoiceField, form.fields[name]).choices = list(choices)


class ServiceRecordForm(forms.ModelForm):
    """A model form for a record of one service: checks the reference is not already used."""

    # Shown under the reference box of a new record: the service gives one when it is left blank.
    REFERENCE_HINT = ("Leave this blank and OpenYJ will give the next number. If your case management "
                      "system has its own reference for this record, you can enter it here instead.")

    def __init__(self, *args: Any, service: Service, child: models.Model | None = None, **kwargs: Any) -> None:
        self.service = service
        self.child = child
        super().__init__(*args, **kwargs)
        if "reference" in self.fields:
            self.fields["reference"].required = False
            self.fields["reference"].label = "Reference"
            self.fields["reference"].help_text = self.REFERENCE_HINT if not self.instance.pk else ""

    def clean_reference(self):
        reference = (self.cleaned_data["reference"] or "").strip()
        if not reference:
            # A new record gets the next reference from the service; a changed one keeps its own.
            return self.instance.reference if self.instance.pk else ""
        model = self._meta.model
        clash = model.objects.filter(service=self.service, reference=reference)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                f"{reference} is already used by another {model._meta.verbose_name} in this service. "
                "Enter a different reference."
            )
        return reference
