"""Filters for drawing a document: Markdown written by people, rendered safely."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from openyj.documents import markup

register = template.Library()


@register.filter
def markdown(text: str, below: int = 1):
    # Safe: markdown-it with HTML switched off escapes every tag people type (openyj.documents.markup).
    return mark_safe(markup.to_html(text, below=int(below)))  # noqa: S308


@register.filter
def heading_level(level: int, offset: int = 0) -> int:
    return min(int(level) + int(offset), 6)
