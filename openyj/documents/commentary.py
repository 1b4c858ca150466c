"""Performance commentary written from the figures, deterministically, and the check on edits.

``sentence(indicator)`` turns one indicator of the figure set into a sentence such as "First time
entrants fell from 238.7 to 205.3 per 100,000 children aged 10–17 (37 to 32 first time entrants) in the
12 months to March 2026, above the regional (South East) rate of 140.0." Every number in it comes from
the figure set. People may reword it before sign-off; ``check_edit`` refuses an edit that brings in a
number the figures do not hold.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError

from openyj.documents.suppression import count, is_small

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
RATE_UNITS = ("per 100,000", "per 10,000", "per 1,000")


def _fmt(value: float, ind: dict[str, Any]) -> str:
    places = ind.get("places", 1)
    unit = ind["unit"]
    if unit in ("count", "nights"):
        return f"{value:,.0f}"
    text = f"{value:,.{places}f}"
    return f"{text}%" if unit == "%" else text


def _with_unit(text: str, ind: dict[str, Any]) -> str:
    unit = ind["unit"]
    if unit == "%":
        return text
    if unit == "count":
        return text
    return f"{text} {unit}"


def period_phrase(label: str) -> str:
    """A period's label as it reads in a sentence: "the 12 months to March 2026", "January to March 2026"."""
    return f"the {label}" if label.startswith("12 months") else label


PUBLISHED = ("national", "region", "family", "force")


def _area(c: dict[str, Any]) -> str:
    """A published value's area type: the comparator's ``area_type`` (its kind is then "published",
    as in the command-line contract)."""
    return c.get("area_type") or c["kind"]


def _days(start: str, end: str) -> int:
    from datetime import date

    return (date.fromisoformat(end) - date.fromisoformat(start)).days + 1


def comparable_published(ind: dict[str, Any]) -> list[dict[str, Any]]:
    """Published values for a period of the same length as the figure's (a year beside a year, never a
    year beside a quarter): only these are set beside it."""
    own = _days(ind["period"]["start"], ind["period"]["end"])
    out = []
    for c in ind["comparators"]:
        if _area(c) not in PUBLISHED or c.get("value") is None or not c.get("period_start"):
            continue
        if abs(_days(c["period_start"], c["period_end"]) - own) <= own * 0.1:
            out.append(c)
    return out


def published_period(c: dict[str, Any]) -> str:
    """A published value's period in words: "2024", "2024/25", or its dates."""
    from datetime import date

    start, end = date.fromisoformat(c["period_start"]), date.fromisoformat(c["period_end"])
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return str(start.year)
    if (start.month, start.day, end.month, end.day) == (4, 1, 3, 31) and end.year == start.year + 1:
        return f"{start.year}/{str(end.year)[-2:]}"
    return f"{start:%-d %B %Y} to {end:%-d %B %Y}"


def _period_words(label: str) -> str:
    return f"in {period_phrase(label)}"


def sentence(ind: dict[str, Any], *, label: str | None = None) -> str:
    """One sentence about an indicator, from its figures only."""
    label = label or ind["name"]
    period = _period_words(ind["period"]["label"])
    noun = ind.get("numerator_label") or "counted"
    if is_small(ind["numerator"]) or is_small(ind["denominator"]):
        return (f"{label} {period} is not shown: it is worked out from fewer than 5 {noun}, "
                "which could identify them.")
    if ind["value"] is None:
        if ind["unit"].startswith("per ") and not ind["denominator"]:
            return (f"{label} cannot be worked out {period}: the population of the service's area is not loaded "
                    "(population.csv).")
        what = ind.get("denominator_label") or "cases"
        return f"{label} cannot be worked out {period}: there were no {what} to work it out from."
    earlier = next((c for c in ind["comparators"] if c["kind"] == "year_earlier"), None)
    now = _fmt(ind["value"], ind)
    counts = ""
    if ind["unit"] not in ("count", "nights") and ind["numerator"] is not None:
        counts = f" ({count(ind['numerator'])} {noun}"
        counts += f" of {count(ind['denominator'])})" if ind["unit"] == "%" else ")"
    if earlier is None or earlier["value"] is None or is_small(earlier.get("numerator")):
        text = f"{label} was {_with_unit(now, ind)}{counts} {period}"
    else:
        before = _fmt(earlier["value"], ind)
        if (ind["unit"] not in ("count", "nights", "%") and earlier.get("numerator") is not None
                and earlier["numerator"] != ind["numerator"]):
            counts = f" ({count(earlier['numerator'])} to {count(ind['numerator'])} {noun})"
        if earlier["value"] == ind["value"]:
            text = f"{label} stayed at {_with_unit(now, ind)}{counts} {period}, the same as a year earlier"
        else:
            verb = "fell" if ind["value"] < earlier["value"] else "rose"
            text = f"{label} {verb} from {before} to {_with_unit(now, ind)}{counts} {period}"
    published = []
    comparable = comparable_published(ind)
    for kind, words in (("region", "regional"), ("national", "national"), ("family", "YJS family")):
        c = next((c for c in comparable if _area(c) == kind), None)
        if c is None:
            continue
        area = c["label"].split(": ", 1)[-1]
        where = "below" if ind["value"] < c["value"] else "above" if ind["value"] > c["value"] else "the same as"
        published.append(f"{where} the {words} ({area}) figure of {_fmt(c['value'], ind)} for "
                         f"{published_period(c)}")
    if published:
        text += ", " + " and ".join(published)
    text += "."
    if ind.get("provisional"):
        final = (ind.get("extra") or {}).get("final_on")
        text += (f" This figure is provisional until {final}" if final else " This figure is provisional") + \
            ": it may still change, so it is not rated."
    return text


def numbers_in(text: str) -> set[Decimal]:
    out = set()
    for m in NUMBER.findall(text):
        try:
            out.add(Decimal(m.replace(",", "")))
        except InvalidOperation:  # pragma: no cover - the pattern only matches numbers
            continue
    return out


def _figure_numbers(value: Any) -> set[Decimal]:
    out: set[Decimal] = set()
    if isinstance(value, bool):
        return out
    if isinstance(value, int | float):
        out.add(Decimal(repr(value)) if isinstance(value, float) else Decimal(value))
    elif isinstance(value, str):
        out |= numbers_in(value)
    elif isinstance(value, dict):
        for v in value.values():
            out |= _figure_numbers(v)
    elif isinstance(value, list):
        for v in value:
            out |= _figure_numbers(v)
    return out


def check_edit(text: str, ind: dict[str, Any], generated: str) -> None:
    """Refuse an edited commentary that states a number not in the figures (``ValidationError`` on
    ``text``). Numbers of the generated sentence and of the indicator's figures are allowed."""
    if not text.strip():
        raise ValidationError({"text": "Enter the commentary, or use the generated sentence."})
    allowed = numbers_in(generated) | _figure_numbers(ind)
    wrong = sorted(n for n in numbers_in(text) if n not in allowed)
    if wrong:
        shown = ", ".join(f"{n:,}" for n in wrong)
        raise ValidationError({"text": (
            f"The commentary states {shown}, which {'is' if len(wrong) == 1 else 'are'} not in the figures for "
            f"{ind['name']}. Use only the figures as computed (the generated sentence shows them), or change the "
            "data and compute the figures again.")})
