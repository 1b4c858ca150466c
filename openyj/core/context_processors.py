"""Template context for every page: the header's navigation (each app's items,
:mod:`openyj.core.navigation`, that the user's role allows) and the security settings pages mention
(two-factor sign-in, the idle time-out)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from openyj.core.middleware import idle_refresh_seconds
from openyj.core.navigation import allowed


def navigation(request):
    role = getattr(request, "role", None)
    if role is None:
        return {"nav_items": []}
    items = []
    for item in allowed(role):
        href = reverse(item.url_name)
        items.append({"href": href, "text": item.text, "active": request.path.startswith(href)})
    return {"nav_items": items}


def security(request):
    return {
        "mfa_required": settings.OPENYJ_MFA_REQUIRED,
        # The server may have last restarted the idle clock up to one refresh interval before this
        # page, so the page counts down from that much less and never outlives the session.
        "session_timeout_seconds": settings.SESSION_COOKIE_AGE - idle_refresh_seconds(),
        "session_warning_seconds": min(settings.OPENYJ_SESSION_WARNING_SECONDS, settings.SESSION_COOKIE_AGE // 2),
        "session_idle_minutes": settings.SESSION_COOKIE_AGE // 60,
    }
