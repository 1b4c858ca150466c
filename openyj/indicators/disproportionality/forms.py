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


LINES = 3  # reporting lines an administrator can name on the form


class SettingsForm(forms.Form):
    """The count threshold for an index, and up to three reporting lines (a name and detailed groups)."""

    min_count = forms.IntegerField(
        label="Smallest count for a relative rate index", min_value=1, max_value=100,
        help_text="No index is given for a group, or against White children, with fewer children than this at a "
                  "stage. The default is 5.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={"required": "Enter the smallest count for an index, like 5",
                        "invalid": "Enter the smallest count as a whole number, like 5",
                        "min_value": "Enter a smallest count of 1 or more",
                        "max_value": "Enter a smallest count of 100 or less"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, LINES + 1):
            self.fields[f"line{n}_label"] = forms.CharField(
                label=f"Reporting line {n}: name", required=False, max_length=80,
                help_text="For example Gypsy, Roma or Traveller. Leave the name empty for no line.")
            self.fields[f"line{n}_codes"] = forms.MultipleChoiceField(
                label=f"Reporting line {n}: the groups it gathers", required=False, choices=dp.DETAILED,
                widget=forms.CheckboxSelectMultiple)

    def clean(self):
        super().clean()
        data = self.cleaned_data
        lines = []
        for n in range(1, LINES + 1):
            label, chosen = (data.get(f"line{n}_label") or "").strip(), data.get(f"line{n}_codes") or []
            if label and not chosen:
                self.add_error(f"line{n}_codes", f"Select the groups reporting line {n} gathers")
            elif chosen and not label:
                self.add_error(f"line{n}_label", f"Enter a name for reporting line {n}")
            elif label:
                lines.append({"key": f"line{n}", "label": label, "codes": chosen})
        data["lines"] = lines
        return data

    @classmethod
    def initial_for(cls, options: dp.Options) -> dict:
        initial: dict = {"min_count": options.threshold}
        for n, line in enumerate(options.lines[:LINES], start=1):
            initial[f"line{n}_label"] = line["label"]
            initial[f"line{n}_codes"] = line["codes"]
        return initial
