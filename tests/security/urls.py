"""Walking the URLconf: every route, its view, what the view declares it needs, and how to fill its
parameters with a service's records. Shared by the role × URL matrix and the query-parameter fuzz test."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Views that need no role, each with the reason. A view not here must declare its action with
# @require(action) (openyj.core.permissions), or the matrix test fails: that is the point.
PUBLIC = {
    "accessibility": "the accessibility statement, for everyone",
    "signed_out": "the page after signing out or timing out",
    "healthz": "the load balancer's health check (says only 'ok')",
    None: "favicon.ico, a redirect to a static file",
}
SIGNED_IN = {
    "home": "sends a signed-in user to their role's first page, or says they have no role yet",
    "service_switch": "choose among the user's own services (checked against their memberships)",
    "session_keep_alive": "restarts the idle clock of the user's own session",
}
# django-allauth's account and two-factor pages and the Django admin come with their own access rules
# (sign-in, the user's own account; staff only). The admin is walked separately for the name check.
THIRD_PARTY_PREFIXES = ("accounts/", "admin/")


@dataclass(frozen=True)
class Route:
    route: str  # the pattern as written, e.g. "children/<int:child_pk>/offences/<int:pk>/edit/"
    name: str | None
    view: object

    @property
    def action(self) -> str | None:
        return getattr(self.view, "required_action", None)

    @property
    def post_only(self) -> bool:
        """Wrapped in require_POST (the closure of Django's require_http_methods holds ["POST"])."""
        view = self.view
        while view is not None:
            for cell in getattr(view, "__closure__", None) or ():
                try:
                    content = cell.cell_contents
                except ValueError:
                    continue
                if isinstance(content, (list, tuple)) and list(content) == ["POST"]:
                    return True
            view = getattr(view, "__wrapped__", None)
        return False

    @property
    def params(self) -> list[tuple[str, str, str]]:
        """(segment before the parameter, converter, name) for each parameter."""
        found = []
        for match in re.finditer(r"([\w.-]*)/<(?:(\w+):)?(\w+)>", self.route):
            found.append((match.group(1), match.group(2) or "str", match.group(3)))
        return found


def walk(patterns=None, prefix: str = "") -> Iterator[Route]:
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield Route(prefix + str(pattern.pattern), pattern.name, pattern.callback)


def openyj_routes() -> list[Route]:
    return [r for r in walk() if not r.route.startswith(THIRD_PARTY_PREFIXES)]


def fill(route: Route, values: dict) -> tuple[str, bool]:
    """The URL of ``route`` with its parameters taken from ``values`` (keyed by (segment, name), then by
    name); True when every parameter named a real record. A parameter nobody declared is an error."""
    url = route.route
    real = bool(route.params)
    for segment, _converter, name in route.params:
        key = (segment, name) if (segment, name) in values else name
        if key not in values:
            raise LookupError(f"Say how to fill <{name}> after '{segment}/' of {route.route} "
                              f"(tests/security/test_matrix.py, VALUES)")
        value, is_record = values[key]
        real = real and is_record
        url = re.sub(r"<(?:\w+:)?" + name + ">", str(value), url, count=1)
    return "/" + url, real
