"""The one visibility gate: ``restrict(user, action)``.

Every list, detail page, export and indicator asks this gate which records a user may see,
following NetBox's ``RestrictedQuerySet.restrict(user, action)``. Case records carry their
service directly, so the gate is a single ``service_id IN (…)`` filter that the database can index.

Rules:
- a user sees a service's records only through a membership whose role grants the action;
- unknown roles, inactive and anonymous users get nothing;
- superuser status grants no case content (a Django superuser is a technical account).
"""

from __future__ import annotations

from functools import wraps
from typing import Self

from django.core.exceptions import PermissionDenied
from django.db import models

from openyj.core.actors import ensure_actor, is_system
from openyj.core.roles import role_allows


def services_for(user, action: str) -> set[int]:
    """Ids of the services in which ``user`` may perform ``action``. A named system actor
    (:mod:`openyj.core.actors`) may act in every service."""
    if is_system(user):
        from openyj.core.models import Service

        return set(Service.objects.values_list("pk", flat=True))
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return set()
    cache = getattr(user, "_openyj_memberships", None)
    if cache is None:
        cache = list(user.memberships.values_list("service_id", "role"))
        user._openyj_memberships = cache
    return {service_id for service_id, role in cache if role_allows(role, action)}


def ensure_allowed(user, service, action: str, refusal: str) -> None:
    """A service's own check before it writes: ``user`` may do ``action`` in ``service`` (a service or
    its id), else ``PermissionDenied(refusal)``. Work no person does passes a named system actor
    (:mod:`openyj.core.actors`), which is allowed and audited by name; ``user=None`` is refused."""
    ensure_actor(user)
    if is_system(user):
        return
    if getattr(service, "pk", service) not in services_for(user, action):
        raise PermissionDenied(refusal)


class ServiceScopedQuerySet[M: models.Model](models.QuerySet[M]):
    """A queryset that knows how to restrict itself to what a user may see."""

    def restrict(self, user, action: str, service=None) -> Self:
        allowed = services_for(user, action)
        if service is not None:
            service_id = getattr(service, "pk", service)
            allowed = allowed & {service_id}
        if not allowed:
            return self.none()
        return self.filter(service_id__in=allowed)


def restrict[M: models.Model](user, action: str, queryset: ServiceScopedQuerySet[M],
                              service=None) -> ServiceScopedQuerySet[M]:
    """Functional form of the gate for any service-scoped queryset."""
    return queryset.restrict(user, action, service=service)


def require(action: str):
    """View decorator: the active service's role must grant ``action``, else 403.

    Pages for one record still look the record up through ``restrict`` so that a record in
    another service is a 404 and its existence is not confirmed. The view is marked with the action
    (``view.required_action``), which the generated role × URL test reads.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                from django.contrib.auth.views import redirect_to_login

                return redirect_to_login(request.get_full_path())
            if request.service is None or not role_allows(request.role, action):
                raise PermissionDenied("Your role in this service does not allow this.")
            return view(request, *args, **kwargs)

        # Declared for the generated role × URL test (tests/security/test_matrix.py): every view says
        # what it needs. functools.wraps carries it through the decorators applied on top.
        wrapped.required_action = action  # type: ignore[attr-defined]  # a function attribute
        return wrapped

    return decorator
