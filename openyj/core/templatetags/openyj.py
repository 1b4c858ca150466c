"""OpenYJ's template filters. ``{% load openyj %}`` then ``{{ value|govuk_date }}``."""

from __future__ import annotations

from django import template

from openyj.core.dates import format_date

register = template.Library()


@register.filter
def govuk_date(value, empty: str = ""):
    """A date as "1 July 2026" (``empty`` when there is none): the one date format on screen."""
    return format_date(value, empty)
