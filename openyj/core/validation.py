"""Rules that every way in (web form, import) applies, called from the models' ``clean()``.

Messages say what is wrong and what to do, in the words a case manager uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

from openyj.core.dates import format_date

# The age of criminal responsibility in England and Wales.
MIN_AGE_AT_OFFENCE = 10
# The ages a youth justice service works with: a child's age when work with them starts must be in range.
YJS_AGES = (10, 17)
# Children can stay on an order past 18; nobody on a youth justice record is older than this.
MAX_AGE_ON_RECORD = 25


# Set by ``frozen_today()`` for the duration of a long job (an import checks millions of dates).
_frozen_today: ContextVar[date | None] = ContextVar("openyj_frozen_today", default=None)


def today() -> date:
    """Today's date in the current time zone (the same date all through a ``frozen_today()`` block)."""
    frozen = _frozen_today.get()
    return timezone.localdate() if frozen is None else frozen


@contextmanager
def frozen_today() -> Iterator[date]:
    """Compute today's date once and use it for every rule inside the block.

    An import checks "not in the future" for every date of every row: asking the time zone each time
    was a quarter of its run time. One job, one "today" (it also keeps a job that runs over midnight
    consistent). Nested blocks keep the outer date.
    """
    current = _frozen_today.get()
    if current is not None:
        yield current
        return
    today = timezone.localdate()
    token = _frozen_today.set(today)
    try:
        yield today
    finally:
        _frozen_today.reset(token)


def not_in_future(errors: dict, field: str, value: date | None, label: str) -> None:
    if value is not None and value > today():
        errors.setdefault(field, []).append(
            f"{label} is {format_date(value)}, which is in the future. Enter a date on or before today."
        )


def not_before(errors: dict, field: str, value: date | None, earlier: date | None, label: str, other: str) -> None:
    if value is not None and earlier is not None and value < earlier:
        errors.setdefault(field, []).append(f"{label} must be on or after {other} ({format_date(earlier)}).")


def raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def dated_span(errors: dict, start: date | None, end: date | None, *, start_field: str = "start_date",
               end_field: str = "end_date", start_label: str = "Start date", end_label: str = "End date") -> None:
    """The rules for anything that starts and may end: neither date in the future, the end not first."""
    not_in_future(errors, start_field, start, start_label)
    not_in_future(errors, end_field, end, end_label)
    not_before(errors, end_field, end, start, end_label, "the start date")
