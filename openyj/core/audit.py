"""Writing the audit trail. Called by services (writes) and by read selectors (views)."""

from __future__ import annotations

from openyj.core.models import AuditEvent


def audit(*, user, verb: str, obj=None, service=None, child_id=None, summary: str = "", changes=None,
          object_type: str | None = None, object_id: str = "") -> AuditEvent:
    """Record one event. ``obj`` supplies the type, id, service and child when given."""
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(obj.pk)
        service = service or getattr(obj, "service", None)
        if child_id is None:
            child_id = obj.pk if obj._meta.label == "people.Child" else getattr(obj, "child_id", None)
    return AuditEvent.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        service=service,
        verb=verb,
        object_type=object_type or "",
        object_id=object_id,
        child_id=child_id,
        summary=summary[:300],
        changes=changes or {},
    )


def diff(instance, before: dict) -> dict:
    """Field changes between ``before`` (a dict of old values) and the instance now."""
    changes = {}
    for name, old in before.items():
        new = getattr(instance, name)
        if old != new:
            changes[name] = [_plain(old), _plain(new)]
    return changes


def snapshot(instance, fields) -> dict:
    return {name: getattr(instance, name) for name in fields}


def _plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)
