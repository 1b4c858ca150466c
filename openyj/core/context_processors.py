"""Template context for every page: the header's navigation (from what the user's role allows) and
the security settings pages mention (two-factor sign-in, the idle time-out)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from openyj.core.middleware import idle_refresh_seconds
from openyj.core.roles import Action, role_allows

# (url name, text, action needed). Pages added by later apps append here.
NAVIGATION = [
    ("caseload", "Caseload", Action.VIEW_CASE),
    ("dashboard", "Performance", Action.VIEW_AGGREGATE),
    ("quality_home", "Quality", Action.AUDIT),
    ("import_start", "Import data", Action.IMPORT),
    ("export_confirm", "Export data", Action.EXPORT),
    ("team", "Users", Action.CONFIGURE),
    ("indicator_settings", "Performance settings", Action.CONFIGURE),
]


def navigation(request):
    role = getattr(request, "role", None)
    if role is None:
        return {"nav_items": []}
    items = []
    for url_name, text, action in NAVIGATION:
        if role_allows(role, action):
            href = reverse(url_name)
            items.append({"href": href, "text": text, "active": request.path.startswith(href)})
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
