"""The target form of the disproportionality page (GOV.UK markup through the project's renderer)."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from openyj.indicators.disproportionality import compute as dp


class TargetForm(forms.Form):
    stage = forms.ChoiceField(label="Stage", choices=[("", "Choose a stage"), *[(k, v) for k, v, _ in dp.STAGES]],
                              error_messages={"required": "Select the stage the target is for"})
    group = forms.ChoiceField(label="Ethnic group", choices=[("", "Choose a group"), *dp.GROUPS],
                              error_messages={"required": "Select the ethnic group the target is for"})
    gap_pp = forms.DecimalField(
        label="Target gap, in percentage points", min_value=Decimal(-100), max_value=Decimal(100), decimal_places=1,
        help_text="The group's share at the stage minus its share of children aged 10–17, for example 3 to bring "
                  "over-representation down to 3 points.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "decimal"}),
        error_messages={"required": "Enter the target gap in percentage points, like 3 or 2.5",
                        "invalid": "Enter the target gap as a number, like 3 or 2.5",
                        "min_value": "Enter a target gap of -100 or more",
                        "max_value": "Enter a target gap of 100 or less",
                        "max_decimal_places": "Enter the target gap to one decimal place at most"})
