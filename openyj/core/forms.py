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
    GOV.UK-style messages ("Enter …", "Select …") instead of Django's "This field is required"."""
    label = str(field.verbose_name)
    if isinstance(field, models.DateField):
        return GovUKDateField(label=label[:1].upper() + label[1:], required=not field.blank,
                              help_text=field.help_text)
    if isinstance(field, models.BooleanField) and field.null:
        return forms.NullBooleanField(
            label=label[:1].upper() + label[1:], required=False, help_text=field.help_text,
            widget=forms.RadioSelect(choices=YES_NO_UNKNOWN),
        )
    formfield = field.formfield(**kwargs)
    if formfield is None:
        return None
    if isinstance(formfield, forms.ChoiceField) and field.choices and not field.blank and len(field.choices) <= 6:
        # Django has already made the field's choices a list of (value, label) pairs.
        choices = [c for c in cast("list[tuple[Any, Any]]", formfield.choices) if c[0] != ""]
        formfield.widget = forms.RadioSelect(choices=choices)
    choosing = isinstance(formfield.widget, (forms.Select, forms.RadioSelect, forms.CheckboxSelectMultiple))
    formfield.error_messages["required"] = f"{'Select' if choosing else 'Enter'} {label.lower()}"
    return formfield


def set_choices(form: forms.BaseForm, name: str, choices: Iterable[tuple[Any, Any]]) -> None:
    """Give a form's choice field the choices known only when the form is made (a framework's ratings,
    a service's grading scales)."""
    cast(forms.ChoiceField, form.fields[name]).choices = list(choices)


class ServiceRecordForm(forms.ModelForm):
    """A model form for a record of one service: checks the reference is not already used."""

    def __init__(self, *args: Any, service: Service, child: models.Model | None = None, **kwargs: Any) -> None:
        self.service = service
        self.child = child
        super().__init__(*args, **kwargs)

    def clean_reference(self):
        reference = self.cleaned_data["reference"].strip()
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
