"""Request middleware: the service a user works in, two-factor sign-in, no caching of their pages.

``ServiceMiddleware`` sets ``request.service`` and ``request.role``: the service the user is working in now.
"""

from __future__ import annotations

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest
from django.shortcuts import redirect

from openyj.core.models import Membership, Service
from openyj.core.roles import Role

SESSION_KEY = "openyj_service_id"


class ServiceRequest(HttpRequest):
    """The type of a request once this middleware has run: what it adds, for type checking."""

    service: Service | None
    role: str | None
    role_label: str | None
    memberships: list[Membership]


class QueryStringMiddleware:
    """A query string holding a NUL character is refused (400) before any page reads it: no database
    stores one (PostgreSQL refuses it with an error), and no link OpenYJ makes contains one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
                "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()):
            raise BadRequest("The address contains a character that cannot be used.")
        return self.get_response(request)


class ServiceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.service = None
        request.role = None
        request.role_label = None
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            memberships = list(user.memberships.select_related("service").order_by("service__name"))
            chosen = request.session.get(SESSION_KEY)
            membership = next((m for m in memberships if m.service_id == chosen), None)
            if membership is None and memberships:
                membership = memberships[0]
            if membership is not None:
                request.service = membership.service
                request.role = membership.role
                request.role_label = dict(Role.choices).get(membership.role, "No role")
            request.memberships = memberships
        return self.get_response(request)


IDLE_CLOCK_KEY = "openyj_active_at"


def idle_refresh_seconds() -> int:
    """How often a signed-in user's activity is written to their session (restarting the idle clock)."""
    return max(1, min(60, settings.SESSION_COOKIE_AGE // 10))


class IdleTimeoutMiddleware:
    """Restarts a signed-in user's idle clock when they make a request.

    A session ends SESSION_COOKIE_AGE seconds after it was last saved. Saving it on every request
    (SESSION_SAVE_EVERY_REQUEST) would write to the database on every page; writing at most once a
    minute keeps the time-out within a minute and spares the database (on SQLite, a write waits for
    a running import).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            if now - request.session.get(IDLE_CLOCK_KEY, 0) >= idle_refresh_seconds():
                request.session[IDLE_CLOCK_KEY] = now  # a change, so the session is saved
        return response


class NoStoreMiddleware:
    """``Cache-Control: no-store, private`` on every response to a signed-in user.

    Their pages hold children's records; neither the browser (back button on a shared computer) nor
    any proxy on the way may keep a copy. Downloads (exports) are covered too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
        return response


# Pages a signed-in user without two-factor sign-in may still open: signing in and out, setting
# up two-factor sign-in (allauth's ``account_*`` and ``mfa_*`` pages) and pages with no data.
TWO_FACTOR_EXEMPT_VIEWS = {"accessibility", "healthz", "session_keep_alive", "signed_out"}


class TwoFactorRequiredMiddleware:
    """Where ``OPENYJ_MFA_REQUIRED`` is on, a signed-in user with no authenticator app is sent to set
    one up before any page with data (the Django admin included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not settings.OPENYJ_MFA_REQUIRED or not request.user.is_authenticated:
            return None
        name = request.resolver_match.view_name if request.resolver_match else ""
        if name.startswith(("account_", "mfa_")) or name in TWO_FACTOR_EXEMPT_VIEWS:
            return None
        if is_mfa_enabled(request.user, [Authenticator.Type.TOTP]):
            return None
        return redirect("mfa_index")
