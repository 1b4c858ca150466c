"""Dates as people read them: one format on every screen, GOV.UK style ("1 July 2026")."""

from __future__ import annotations

from datetime import date, datetime


def format_date(value: date | datetime | None, empty: str = "") -> str:
    """``1 July 2026``: the day without a leading zero, the month in words, the year in full."""
    if value is None or value == "":
        return empty
    if isinstance(value, datetime):
        value = value.date()
    return f"{value.day} {value:%B %Y}"
