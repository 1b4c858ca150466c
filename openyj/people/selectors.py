"""Reads of children's records. Every read goes through the gate; reading one child is audited."""

from __future__ import annotations

from django.shortcuts import get_object_or_404

from openyj.core.audit import audit
from openyj.core.models import AuditEvent
from openyj.core.roles import Action
from openyj.people.models import Child


def child_get(*, user, service, pk: int, action: str = Action.VIEW_CASE, log: bool = True) -> Child:
    """One child, or 404 if the user may not see it (never a 403 that confirms it exists)."""
    child = get_object_or_404(Child.objects.restrict(user, action, service=service), pk=pk)
    if log:
        audit(user=user, verb=AuditEvent.Verb.VIEW, obj=child, summary="Viewed child's record")
    return child
