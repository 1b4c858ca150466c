"""OpenYJ's template filters. ``{% load openyj %}`` then ``{{ value|govuk_date }}``."""

from __future__ import annotations

from django import template

from openyj.core.dates import format_date

register = template.Library()


@register.filter
def govuk_date(value, empty: str = ""):
    """A date as "1 July 2026" (``empty`` when there is none): the one date format on screen."""
    return format_date(value, empty)


@register.filter
def allows(role, action: str) -> bool:
    """``{% if request.role|allows:"audit" %}``: the role grants the action (for offering only the links
    and buttons a user may use; the views and services still check)."""
    from openyj.core.roles import role_allows

    return role_allows(role, action)
