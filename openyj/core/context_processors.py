"""Navigation shown in the header: each app's items (:mod:`openyj.core.navigation`) the role allows."""

from __future__ import annotations

from django.urls import reverse

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
