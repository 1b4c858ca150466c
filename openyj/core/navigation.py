"""The header's navigation, declared by each app.

An app lists its pages in the header as ``nav_items`` on its ``AppConfig``; this module collects
them, so core names no other app's pages. ``order`` places an item among every app's items;
``start`` marks the pages a user lands on after signing in (the first one their role allows).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.apps import apps

from openyj.core.roles import role_allows


@dataclass(frozen=True)
class NavItem:
    url_name: str
    text: str
    action: str  # the role must allow this action (openyj.core.roles.Action) to see the item
    order: int
    # A page a role lands on after signing in: True for every role that may see it, or the roles it is
    # the start page of (the caseload for the people who hold cases, not for a performance officer).
    start: bool | frozenset[str] = False

    def starts(self, role: str | None) -> bool:
        return self.start is True or (isinstance(self.start, frozenset) and role in self.start)


@cache
def nav_items() -> tuple[NavItem, ...]:
    """Every app's items, in order."""
    found = [item for config in apps.get_app_configs() for item in getattr(config, "nav_items", ())]
    return tuple(sorted(found, key=lambda item: item.order))


def allowed(role: str | None) -> list[NavItem]:
    """The items ``role`` may see."""
    return [item for item in nav_items() if role_allows(role, item.action)]


def start_page(role: str | None) -> str | None:
    """The URL name of the page ``role`` starts from, or None when it has none."""
    return next((item.url_name for item in allowed(role) if item.starts(role)), None)
