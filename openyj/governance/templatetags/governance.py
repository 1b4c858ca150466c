"""Money in words on the governance pages: "£155,187", "£1,250.50", "None" for an empty part."""

from __future__ import annotations

from django import template

from openyj.governance.budget import pounds as _pounds

register = template.Library()


@register.filter
def pounds(amount) -> str:
    return "None" if amount is None else _pounds(amount)
