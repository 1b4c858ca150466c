"""Sets ``request.service`` and ``request.role``: the service the user is working in now."""

from __future__ import annotations

from django.http import HttpRequest

from openyj.core.models import Membership, Service
from openyj.core.roles import Role

SESSION_KEY = "openyj_service_id"


class ServiceRequest(HttpRequest):
    """The type of a request once this middleware has run: what it adds, for type checking."""

    service: Service | None
    role: str | None
    role_label: str | None
    memberships: list[Membership]


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
