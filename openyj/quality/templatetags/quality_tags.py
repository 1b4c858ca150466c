"""Small display helpers for the quality pages. Ratings always show their words, never colour alone."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from openyj.quality.rating import format_percent

register = template.Library()

TAG_COLOURS = {
    "Outstanding": "govuk-tag--green",
    "Good": "govuk-tag--turquoise",
    "Good with outstanding features": "govuk-tag--turquoise",
    "Requires improvement": "govuk-tag--orange",
    "Inadequate": "govuk-tag--red",
    "Not rated": "govuk-tag--grey",
}
ANSWER_LABELS = {"yes": "Yes", "no": "No", "not_applicable": "Not applicable", "": "Not answered"}


@register.filter
def rating_tag(rating):
    if not rating:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', "Not rated yet")
    return format_html('<strong class="govuk-tag {}">{}</strong>', TAG_COLOURS.get(rating, "govuk-tag--blue"), rating)


@register.filter
def percent(value):
    if value is None or value == "":
        return "–"
    return f"{format_percent(value)}%"


@register.filter
def answer_label(value):
    return ANSWER_LABELS.get(value or "", value)


@register.filter
def get_item(mapping, key):
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def band_of(value, framework):
    """The rating band of a percentage under a framework's rule ("" when there is no percentage)."""
    if value is None or value == "":
        return ""
    from openyj.quality.rating import band

    return band(value, framework.rule)


@register.filter
def person(user):
    """A user's name for people to read (full name, else username); empty for no user."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()
