"""Navigation shown in the header, built from what the user's role allows."""

from __future__ import annotations

from django.urls import reverse

from openyj.core.roles import Action, role_allows

# (url name, text, action needed). Pages added by later apps append here.
NAVIGATION = [
    ("caseload", "Caseload", Action.VIEW_CASE),
    ("dashboard", "Performance", Action.VIEW_AGGREGATE),
    ("quality_home", "Quality", Action.AUDIT),
    ("import_start", "Import data", Action.IMPORT),
    ("export_download", "Export data", Action.EXPORT),
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
