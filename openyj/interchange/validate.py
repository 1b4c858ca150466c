"""Turning a cell of text into a field value, with the rules of the model field it fills.

One source of truth: a column's reader is built from the model field itself — its type, whether it
may be empty, its choices, its maximum length and its validators (the same ones ``full_clean()`` and
the web forms run) — once per import, not once per row. The importer then calls the model's own
``clean()`` on every row for the rules that span fields (not in the future, end after start, age at
the offence…). What the importer adds is only what a form gets from its widgets: reading text as a
date, a number or a yes/no, and saying in plain English what to write instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from difflib import get_close_matches

from django.core.exceptions import ValidationError
from django.db import models

from openyj.interchange.report import unneutralise
from openyj.offending import codes as offending_codes
from openyj.people import codes as people_codes

ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
OTHER_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
INTEGER = re.compile(r"^[+-]?\d+$")
TRUE = frozenset({"true", "yes", "1", "y", "t"})
FALSE = frozenset({"false", "no", "0", "n", "f"})


class CellError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def label(field: models.Field) -> str:
    return str(field.verbose_name)


def read_date(text: str) -> date:
    match = ISO_DATE.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            raise CellError(f"{text} is not a real date. Check the day and month; write dates as YYYY-MM-DD, "
                            "for example 2024-03-31.") from None
    other = OTHER_DATE.match(text)
    if other:
        raise CellError(f"{text} is not written as YYYY-MM-DD. Write it as "
                        f"{other[3]}-{int(other[2]):02d}-{int(other[1]):02d} if it means day "
                        f"{int(other[1])} of month {int(other[2])}.")
    raise CellError(f"{text} is not a date. Write dates as YYYY-MM-DD, for example 2024-03-31.")


def read_bool(text: str) -> bool:
    lower = text.lower()
    if lower in TRUE:
        return True
    if lower in FALSE:
        return False
    raise CellError(f"{text} is not true or false. Write true or false (yes/no and 1/0 also work), "
                    "or leave the cell empty if not known.")


def _run_validators(validators, value, text: str) -> None:
    for validator in validators:
        try:
            validator(value)
        except ValidationError as exc:
            raise CellError(f"{text} is not allowed: {' '.join(exc.messages)}") from None


def code_message(text: str, allowed: list[str], what: str) -> str:
    guess = get_close_matches(text.lower(), allowed, n=1, cutoff=0.6)
    hint = f" Did you mean {guess[0]}?" if guess else ""
    listed = ", ".join(allowed) if len(allowed) <= 25 else ", ".join(allowed[:25]) + ", …"
    return f"{text} is not a code for {what}.{hint} Use one of: {listed}."


def field_reader(field: models.Field) -> Callable[[str], object]:
    """A function from cell text (already stripped) to the field's value, raising :class:`CellError`."""
    what = label(field)
    validators = list(field.validators)

    def empty():
        if field.null:
            return None
        if field.has_default() and not field.blank:
            return field.get_default()
        if field.blank:
            return ""
        raise CellError(f"this cell is empty. Enter the {what}: it is required.")

    if isinstance(field, models.BooleanField):
        def read(text: str):
            return read_bool(text) if text else empty()
        return read

    if isinstance(field, models.DateField):
        def read(text: str):
            return read_date(text) if text else empty()
        return read

    if isinstance(field, models.IntegerField):
        def read(text: str):
            if not text:
                return empty()
            if not INTEGER.match(text):
                if re.match(r"^[+-]?\d+\.0+$", text):
                    text = text.split(".")[0]
                else:
                    raise CellError(f"{text} is not a whole number. Enter the {what} as a whole number.")
            value = int(text)
            _run_validators(validators, value, text)
            return value
        return read

    if isinstance(field, models.DecimalField):
        places = Decimal(1).scaleb(-field.decimal_places)

        def read(text: str):
            if not text:
                return empty()
            try:
                value = Decimal(text.replace(",", "") if re.match(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$", text) else text)
            except InvalidOperation:
                raise CellError(f"{text} is not a number. Enter the {what} as a number, like 12.5.") from None
            if not value.is_finite():
                raise CellError(f"{text} is not a number. Enter the {what} as a number, like 12.5.")
            if value.as_tuple().exponent < -field.decimal_places:
                rounded = value.quantize(places)
                if rounded != value:
                    raise CellError(f"{text} has too many decimal places: the {what} takes at most "
                                    f"{field.decimal_places}.")
                value = rounded
            _run_validators(validators, value, text)
            return value
        return read

    if field.choices:
        allowed = [str(c[0]) for c in field.flatchoices]
        lookup = {c.lower(): c for c in allowed}

        def read(text: str):
            if not text:
                return empty()
            value = lookup.get(text.lower())
            if value is None:
                raise CellError(code_message(text, allowed, what))
            return value
        return read

    # Free text: the apostrophe put in front of formula-like text on export is taken off again.
    def read(text: str):
        if not text:
            return empty()
        value = unneutralise(text)
        _run_validators(validators, value, value)
        return value
    return read


# -- rules that belong to one column of the format rather than to a model field ---------------------
CENSUS_SOURCE = re.compile(r"^(census_2021|school_census_\d{4})$")
FINANCIAL_YEAR = re.compile(r"^(\d{4})/(\d{2})$")
CENSUS_ETHNICITY = [c for c, *_ in people_codes.ETHNICITY] + [g for g, _ in people_codes.ETHNIC_GROUPS]


def _census_source(value: str) -> str:
    if not CENSUS_SOURCE.match(value):
        raise CellError(f"{value} is not a source. Use census_2021 or school_census_YYYY (e.g. school_census_2024).")
    return value


def _census_ethnicity(value: str) -> str:
    if value.lower() not in CENSUS_ETHNICITY:
        raise CellError(code_message(value, CENSUS_ETHNICITY, "ethnicity (a code or a group)"))
    return value.lower()


def _financial_year(value: str) -> str:
    match = FINANCIAL_YEAR.match(value)
    if not match or (int(match[1]) + 1) % 100 != int(match[2]):
        raise CellError(f"{value} is not a financial year. Write it like 2024/25.")
    return value


EXTRA_RULES: dict[tuple[str, str], Callable[[str], str]] = {
    ("census_ethnicity.csv", "source"): _census_source,
    ("census_ethnicity.csv", "ethnicity"): _census_ethnicity,
    ("budget.csv", "year"): _financial_year,
}


def _hostility_as_yes_no(reader: Callable[[str], object]) -> Callable[[str], object]:
    """The contract writes ``hostility_aggravated`` as true/false while the model stores which hostility
    (race, religion…). Until the two agree, "false" means not aggravated and a kind is accepted; a bare
    "true" cannot be stored and is reported."""

    def read(text: str):
        lower = text.lower()
        if lower in FALSE:
            return ""
        if lower in TRUE:
            raise CellError(f"{text}: say which hostility aggravated the offence ("
                            + ", ".join(c for c, _ in offending_codes.HOSTILITY) + ").")
        return reader(text)
    return read


def with_extra_rule(file_name: str, column: str, reader: Callable[[str], object],
                    field: models.Field | None = None) -> Callable[[str], object]:
    if (file_name, column) == ("offences.csv", "hostility_aggravated") and field is not None and field.choices:
        reader = _hostility_as_yes_no(reader)
    rule = EXTRA_RULES.get((file_name, column))
    if rule is None:
        return reader

    def read(text: str):
        value = reader(text)
        return rule(value) if value not in (None, "") else value
    return read


# Cell values that can be shared between rows: a reader's result for them is the same every time.
_IMMUTABLE = (str, int, bool, float, Decimal, date, type(None))
MEMO_SIZE = 20_000


def memoised(reader: Callable[[str], object], size: int = MEMO_SIZE) -> Callable[[str], object]:
    """The same reader, remembering what it returned for the texts it has already read.

    A column's reader is a pure function of the cell text (the field's type, choices, length and
    validators, decided when it was built), so a text met again — the same dates, codes, court
    names in row after row — gets exactly the value, and passes exactly the checks, it did the first
    time, without running them again. A text with a problem is never remembered: it is read (and
    reported) every time. At most ``size`` texts are remembered per column.
    """
    memo: dict[str, object] = {}
    missing = object()

    def read(text: str):
        value = memo.get(text, missing)
        if value is missing:
            value = reader(text)
            if len(memo) < size and isinstance(value, _IMMUTABLE):
                memo[text] = value
        return value
    return read


def model_errors(exc: ValidationError) -> list[tuple[str, str]]:
    """(field name, message) pairs from a model ``clean()`` error."""
    if hasattr(exc, "error_dict"):
        return [(name, message) for name, errors in exc.message_dict.items() for message in errors]
    return [("", message) for message in exc.messages]
