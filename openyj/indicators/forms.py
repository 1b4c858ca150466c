"""Forms of the performance settings pages (GOV.UK markup through the project's form renderer)."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms

from openyj.core.forms import govuk_formfield
from openyj.indicators import registry
from openyj.indicators.models import ComparatorValue, IndicatorSetting, LookedAfterFigure


class AreaCodesForm(forms.Form):
    area_codes = forms.CharField(
        label="ONS area codes", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="The codes of the local authority areas the service covers, one per line or separated by "
                  "commas, for example E08000035. Their populations and census figures are the service's "
                  "denominators.",
        error_messages={"required": "Enter at least one ONS area code"})

    def clean_area_codes(self) -> list[str]:
        return [c for c in re.split(r"[\s,;]+", self.cleaned_data["area_codes"].upper()) if c]


class IndicatorSettingForm(forms.Form):
    target = forms.DecimalField(
        label="Target", required=False, max_digits=12, decimal_places=3,
        help_text="In the indicator's own unit. Leave blank for no target.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "decimal"}),
        error_messages={"invalid": "Target must be a number, like 25 or 12.5"})
    tolerance_percent = forms.DecimalField(
        label="Amber tolerance (% relative)", min_value=Decimal(0), max_value=Decimal(100), max_digits=5,
        decimal_places=2, help_text="Worse than the comparator by no more than this (relative) is amber; more "
                                    "is red. The default is 5.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
        error_messages={"required": "Enter the amber tolerance", "invalid": "Amber tolerance must be a number",
                        "min_value": "Amber tolerance must be 0 or more",
                        "max_value": "Amber tolerance must be 100 or less"})
    better = forms.ChoiceField(
        label="Which direction is better?", widget=forms.RadioSelect, required=False,
        choices=[("", "The indicator's default"), *IndicatorSetting.Better.choices])

    def __init__(self, *args, default_better: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        label = {"lower": "lower is better", "higher": "higher is better"}.get(default_better, "no direction")
        self.fields["better"].choices = [("", f"The indicator's default ({label})"), *IndicatorSetting.Better.choices]


def parameters_form(definition: registry.Definition) -> type[forms.Form]:
    """The form of a definition's parameters, from their declarations (type, limits, messages)."""
    return type(f"{definition.key.title()}ParametersForm", (forms.Form,),
                {p.name: p.field() for p in definition.parameters})


class LookedAfterFigureForm(forms.ModelForm):
    class Meta:
        model = LookedAfterFigure
        fields = ["as_at", "looked_after", "children", "source", "published_on"]
        formfield_callback = govuk_formfield

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("looked_after", "children"):
            self.fields[name].widget = forms.TextInput(attrs={"class": "govuk-input--width-10",
                                                              "inputmode": "numeric"})
        self.fields["looked_after"].error_messages.update({"invalid": "Enter a whole number of children",
                                                           "min_value": "Enter 0 or more children"})
        self.fields["children"].error_messages.update({"invalid": "Enter a whole number of children",
                                                       "min_value": "Enter 0 or more children"})


class ComparatorValueForm(forms.ModelForm):
    indicator = forms.ChoiceField(label="Indicator", choices=lambda: [(i.code, i.name) for i in
                                                                      registry.indicators().values()],
                                  error_messages={"required": "Select the indicator"})

    class Meta:
        model = ComparatorValue
        fields = ["indicator", "area_type", "area_name", "period_start", "period_end", "value", "numerator",
                  "denominator", "source", "published_on"]
        formfield_callback = govuk_formfield
        labels = {"area_type": "Area type", "area_name": "Area", "period_start": "Start of the period",
                  "period_end": "End of the period", "value": "Value", "published_on": "Published on"}
        help_texts = {"area_name": "For example England and Wales, or the region's or family's name",
                      "value": "In the indicator's own unit, as published",
                      "source": "The publication, for example “Youth justice statistics 2023 to 2024 (YJB/MoJ)”"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("value", "numerator", "denominator"):
            self.fields[name].widget = forms.TextInput(attrs={"class": "govuk-input--width-10",
                                                              "inputmode": "decimal"})
            self.fields[name].error_messages["invalid"] = f"{self.fields[name].label} must be a number"
        if self.instance.pk and self.instance.indicator not in dict(self.fields["indicator"].choices):
            self.fields["indicator"].choices += [(self.instance.indicator, self.instance.indicator)]


class FreezeForm(forms.Form):
    purpose = forms.CharField(
        label="What are these figures for?", max_length=200,
        help_text="For example “Board report, October 2026” or “Quarterly return, July to September 2026”. "
                  "The figures are kept exactly as they are now, and never change.",
        error_messages={"required": "Enter what the figures are for, for example “Board report, July 2026”",
                        "max_length": "What the figures are for must be 200 characters or fewer"})
