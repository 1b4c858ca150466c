"""Rules that every way in (web form, import) applies, called from the models' ``clean()``.

Messages say what is wrong and what to do, in the words a case manager uses.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

# The age of criminal responsibility in England and Wales.
MIN_AGE_AT_OFFENCE = 10
# Children can stay on an order past 18; nobody on a youth justice record is older than this.
MAX_AGE_ON_RECORD = 25


def today() -> date:
    return timezone.localdate()


def not_in_future(errors: dict, field: str, value: date | None, label: str) -> None:
    if value is not None and value > today():
        errors.setdefault(field, []).append(
            f"{label} is {value:%d/%m/%Y}, which is in the future. Enter a date on or before today."
        )


def not_before(errors: dict, field: str, value: date | None, earlier: date | None, label: str, other: str) -> None:
    if value is not None and earlier is not None and value < earlier:
        errors.setdefault(field, []).append(f"{label} must be on or after {other} ({earlier:%d/%m/%Y}).")


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)
