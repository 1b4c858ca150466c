"""GOV.UK Design System markup for Django forms.

Set ``FORM_RENDERER = "openyj.core.govuk_forms.GovUKFormRenderer"`` and every
``{{ form.some_field.as_field_group }}`` (and ``{{ form }}``) renders the GOV.UK
markup for its widget: label, hint (the field's ``help_text``), error message,
``govuk-form-group--error`` and ``aria-describedby`` wiring. Templates live in
``openyj/templates/govuk/``.

Widgets and what they become:

- TextInput, NumberInput, EmailInput, URLInput, PasswordInput, DateInput...  ``govuk-input``
- Textarea  ``govuk-textarea`` (a GOV.UK character count when the field has a ``max_length``)
- Select, SelectMultiple, NullBooleanSelect  ``govuk-select``
- RadioSelect  ``govuk-radios`` in a fieldset
- CheckboxSelectMultiple  ``govuk-checkboxes`` in a fieldset
- CheckboxInput  a single GOV.UK checkbox
- GovUKDateWidget  the GOV.UK date input (day, month, year) in a fieldset
- FileInput  ``govuk-file-upload``
- HiddenInput  the bare input

GOV.UK conventions applied: no ``required`` attribute (put ``novalidate`` on the
``<form>``; the server's messages are the ones users see), optional fields say
"(optional)" in their label, errors are prefixed "Error:" for screen readers.

Per-field options, set as attributes of the form field (for example in the
form's ``__init__``: ``self.fields["name"].govuk_label_size = "l"``):

- ``govuk_label_size``: "s", "m", "l" or "xl" (label or legend size);
- ``govuk_page_heading``: True to make the label or legend the page's ``<h1>``.

Widget ``attrs["class"]`` is kept: ``TextInput(attrs={"class": "govuk-input--width-10"})``,
``RadioSelect(attrs={"class": "govuk-radios--inline"})`` (on radios and checkboxes
the class goes on the ``govuk-radios``/``govuk-checkboxes`` container).

Django's admin is not affected: it renders widgets with Django's own templates.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils import timezone

__all__ = [
    "GovUKBoundField",
    "GovUKDateField",
    "GovUKDateWidget",
    "GovUKFormRenderer",
    "govuk_input_id",
]

# A key the bound field passes to GovUKDateWidget to say which of day, month
# and year to highlight; popped before any attribute is rendered.
_DATE_ERROR_PARTS = "_govuk_date_error_parts"

DATE_PARTS = ("day", "month", "year")
_DIGITS = re.compile(r"^[0-9]+$")


class GovUKDateWidget(forms.MultiWidget):
    """The GOV.UK date input: three text boxes for day, month and year.

    Submitted data comes back as one string ``"YEAR-MONTH-DAY"`` made of what
    was typed (``"2024-2-31"``, or ``"2024--31"`` if the month was left blank),
    or ``""`` when all three boxes are empty. A complete date therefore parses
    with ``datetime.date.fromisoformat`` once padded, and with Django's default
    ``"%Y-%m-%d"`` input format as it is, so the widget also works on a plain
    ``forms.DateField``; ``GovUKDateField`` reads the parts to say exactly what
    is wrong. Boxes are named ``<name>_day``, ``<name>_month``, ``<name>_year``
    with ids ``<id>_day``... (the first is where the error summary links).
    """

    template_name = "govuk/widgets/date_input.html"
    use_fieldset = True

    def __init__(self, attrs=None):
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            part: forms.TextInput(attrs={"inputmode": "numeric"}) for part in DATE_PARTS
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.datetime):
            value = value.date()
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        day, month, year = (str(part or "").strip() for part in super().value_from_datadict(data, files, name))
        if not (day or month or year):
            return ""
        return f"{year}-{month}-{day}"

    def get_context(self, name, value, attrs):
        attrs = dict(attrs or {})
        error_parts = attrs.pop(_DATE_ERROR_PARTS, ())
        # The fieldset carries aria-describedby; GOV.UK puts no `required` on inputs.
        attrs.pop("aria-describedby", None)
        attrs.pop("required", None)
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        id_ = widget["attrs"].get("id")
        widths = {"day": 2, "month": 2, "year": 4}
        for part, subwidget in zip(DATE_PARTS, widget["subwidgets"], strict=True):
            sub_attrs = subwidget["attrs"]
            if id_:
                sub_attrs["id"] = f"{id_}_{part}"
            sub_attrs.pop("required", None)
            has_error = part in error_parts
            if not has_error:
                sub_attrs.pop("aria-invalid", None)
            classes = ["govuk-input", "govuk-date-input__input", f"govuk-input--width-{widths[part]}"]
            if has_error:
                classes.append("govuk-input--error")
            sub_attrs["class"] = " ".join(classes)
            subwidget["part"] = part
            subwidget["label"] = part.capitalize()
        widget["container_id"] = id_
        return context


def _words(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _sentence_label(label: str) -> str:
    """'Date of birth' -> 'date of birth' for use mid-sentence; keeps 'YOT start date'."""
    if len(label) > 1 and label[0].isupper() and not label[1].isupper():
        return label[0].lower() + label[1:]
    return label


class GovUKDateField(forms.DateField):
    """A date entered in the GOV.UK date input, with GOV.UK error messages.

    Messages name the field by its label, as the GOV.UK Design System asks:

    - nothing entered: "Enter date of birth"
    - a box left empty: "Date of birth must include a year"
    - not a date: "Date of birth must be a real date"
    - a two-digit year: "Year of date of birth must include 4 numbers"
    - ``allow_future=False``: "Date of birth must be today or in the past"
    - ``allow_past=False``: "Review date must be today or in the future"

    Each message is a ``ValidationError`` whose ``params["parts"]`` lists the
    boxes to highlight. Override any message with ``error_messages={...}``;
    ``%(label)s`` and ``%(label_lower)s`` are available in all of them.
    """

    widget = GovUKDateWidget
    default_error_messages = {
        "required": "Enter %(label_lower)s",
        "incomplete": "%(label)s must include a %(missing)s",
        "invalid": "%(label)s must be a real date",
        "invalid_year": "Year of %(label_lower)s must include 4 numbers",
        "future": "%(label)s must be today or in the past",
        "past": "%(label)s must be today or in the future",
    }

    def __init__(self, *, allow_future: bool = True, allow_past: bool = True, **kwargs):
        self.allow_future = allow_future
        self.allow_past = allow_past
        self._bound_label: str | None = None
        super().__init__(**kwargs)

    # The label Django derives from the field's name is only known to the
    # bound field; capture it so messages can use it when no label was given.
    def _clean_bound_field(self, bf):
        self._bound_label = str(bf.label) if bf.label else None
        return super()._clean_bound_field(bf)  # type: ignore[misc]  # Django's, missing from the stubs

    def _error(self, code: str, parts=DATE_PARTS, **params) -> ValidationError:
        label = str(self.label or self._bound_label or "Date")
        return ValidationError(
            self.error_messages[code],
            code=code,
            params={"label": label, "label_lower": _sentence_label(label), "parts": tuple(parts), **params},
        )

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, (list, tuple)) and len(value) == 3:
            day, month, year = (str(v or "").strip() for v in value)
        elif isinstance(value, str) and value.count("-") == 2:
            year, month, day = (v.strip() for v in value.split("-"))
        else:
            raise self._error("invalid")
        if not (day or month or year):
            return None
        typed = {"day": day, "month": month, "year": year}
        missing = [part for part in DATE_PARTS if not typed[part]]
        if missing:
            raise self._error("incomplete", parts=missing, missing=_words(missing))
        not_numbers = [part for part in DATE_PARTS if not _DIGITS.match(typed[part])]
        if not_numbers:
            raise self._error("invalid", parts=not_numbers)
        if len(year) != 4:
            raise self._error("invalid_year", parts=["year"])
        day_n, month_n, year_n = int(day), int(month), int(year)
        if not 1 <= month_n <= 12:
            raise self._error("invalid", parts=["month"])
        try:
            return datetime.date(year_n, month_n, day_n)
        except ValueError:
            raise self._error("invalid", parts=["day"]) from None

    def validate(self, value):
        if value in self.empty_values:
            if self.required:
                raise self._error("required")
            return
        today = timezone.localdate() if settings.USE_TZ else datetime.date.today()
        if not self.allow_future and value > today:
            raise self._error("future")
        if not self.allow_past and value < today:
            raise self._error("past")

    def has_changed(self, initial, data):
        try:
            data = self.to_python(data)
        except ValidationError:
            return True
        initial = self.to_python(initial) if initial not in self.empty_values else None
        return initial != data


def _widget_kind(widget: forms.Widget) -> str:
    if widget.is_hidden:
        return "hidden"
    if isinstance(widget, GovUKDateWidget):
        return "date"
    if isinstance(widget, forms.CheckboxSelectMultiple):  # a subclass of RadioSelect: test it first
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):  # also SelectMultiple and NullBooleanSelect
        return "select"
    if isinstance(widget, forms.FileInput):
        return "file"
    if isinstance(widget, forms.widgets.Input):
        return "input"
    return "other"


def _date_error_parts(bf: BoundField) -> set[str]:
    """Which of day, month and year a date field's errors are about (all three if not said)."""
    parts: set[str] = set()
    for error in bf.errors.as_data():
        named = (getattr(error, "params", None) or {}).get("parts")
        parts.update(named or DATE_PARTS)
    return parts


def govuk_input_id(bf: BoundField) -> str:
    """The id of the first input of a bound field: where an error summary link goes."""
    widget = bf.field.widget
    id_ = widget.attrs.get("id") or bf.auto_id
    if not id_:
        return ""
    if isinstance(widget, GovUKDateWidget):
        wrong = _date_error_parts(bf)
        first = next((part for part in DATE_PARTS if part in wrong), DATE_PARTS[0])
        return f"{id_}_{first}"
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return widget.id_for_label(id_, "0") or id_
    return widget.id_for_label(id_) or id_


class GovUKBoundField(BoundField):
    """A BoundField that hands the GOV.UK field templates what they need.

    ``get_context()`` is only used by ``as_field_group()``/``render()``: other
    rendering (``{{ field }}``, the admin) is Django's own.
    """

    @property
    def govuk_input_id(self) -> str:
        return govuk_input_id(self)

    def get_context(self):
        context = super().get_context()
        context["govuk"] = self._govuk_context()
        return context

    def _render_control(self, attrs, widget=None) -> str:
        """Render the widget like ``as_widget()``, without the `required` attribute."""
        widget = widget or self.field.widget
        if self.field.localize:
            widget.is_localized = True
        attrs = self.build_widget_attrs(attrs, widget)
        attrs.pop("required", None)
        if self.auto_id and "id" not in widget.attrs:
            attrs.setdefault("id", self.auto_id)
        return widget.render(name=self.html_name, value=self.value(), attrs=attrs, renderer=self.form.renderer)

    def _choice_items(self, input_class: str) -> list[dict]:
        items = []
        for subwidget in self.subwidgets:
            data = subwidget.data
            attrs = data.get("attrs", {})
            items.append(
                {
                    "id": attrs.get("id", ""),
                    "name": data["name"],
                    "value": "" if data["value"] is None else str(data["value"]),
                    "label": data["label"],
                    "checked": bool(data.get("selected")),
                    "disabled": bool(attrs.get("disabled")),
                    "input_class": input_class,
                }
            )
        return items

    def _govuk_context(self) -> dict:
        field = self.field
        widget = field.widget
        kind = _widget_kind(widget)
        id_ = widget.attrs.get("id") or self.auto_id
        has_errors = bool(self.errors)
        hint_id = f"{id_}-hint" if id_ and self.help_text else ""
        error_id = f"{id_}-error" if id_ and has_errors else ""
        size = getattr(field, "govuk_label_size", None)
        context: dict[str, Any] = {
            "kind": kind,
            "id": id_,
            "input_id": govuk_input_id(self),
            "hint_id": hint_id,
            "error_id": error_id,
            "has_errors": has_errors,
            "optional": not field.required and kind not in {"hidden", "checkbox"},
            "page_heading": bool(getattr(field, "govuk_page_heading", False)),
            "label_size": size or "",
            "fieldset": kind in {"radios", "checkboxes", "date"} or (kind == "other" and widget.use_fieldset),
            "container_class": "",
            "items": [],
            "control": "",
            "character_count": None,
        }
        own_class = widget.attrs.get("class", "")
        described = [widget.attrs.get("aria-describedby", ""), hint_id, error_id]

        if kind == "hidden":
            context["control"] = self._render_control({})
            return context

        if kind in {"radios", "checkboxes"}:
            base = "govuk-radios" if kind == "radios" else "govuk-checkboxes"
            context["container_class"] = " ".join(filter(None, [base, own_class]))
            context["items"] = self._choice_items(f"{base}__input")
        elif kind == "date":
            attrs: dict[str, Any] = {_DATE_ERROR_PARTS: _date_error_parts(self)}
            context["control"] = self._render_control(attrs)
        elif kind == "checkbox":
            attrs = {"class": " ".join(filter(None, ["govuk-checkboxes__input", own_class]))}
            if any(described):
                attrs["aria-describedby"] = " ".join(filter(None, described))
            context["control"] = self._render_control(attrs)
        elif kind == "other":
            context["control"] = self._render_control({})
        else:
            base = {
                "input": "govuk-input",
                "textarea": "govuk-textarea",
                "select": "govuk-select",
                "file": "govuk-file-upload",
            }[kind]
            classes = [base, own_class]
            if has_errors:
                classes.append(f"{base}--error")
            attrs = {}
            max_length = getattr(field, "max_length", None)
            if kind == "textarea" and max_length and id_:
                # GOV.UK character count: users may type past the limit and are
                # told by how much; the server's max_length check still applies.
                classes.append("govuk-js-character-count")
                context["character_count"] = {"max_length": max_length, "info_id": f"{id_}-info"}
                described.append(f"{id_}-info")
                attrs["maxlength"] = False
            attrs["class"] = " ".join(filter(None, classes))
            if any(described):
                attrs["aria-describedby"] = " ".join(filter(None, described))
            context["control"] = self._render_control(attrs)

        context["describedby"] = " ".join(filter(None, described))
        return context


class GovUKFormRenderer(TemplatesSetting):
    """Renders forms and fields with the GOV.UK templates in ``openyj/templates/govuk/``.

    Templates are found through ``settings.TEMPLATES`` (so ``django.forms`` must
    be in ``INSTALLED_APPS`` for Django's own widget templates).
    """

    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"
    bound_field_class = GovUKBoundField
