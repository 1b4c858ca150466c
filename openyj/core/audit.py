"""Writing the audit trail. Called by services (writes) and by read selectors (views).

Each app registers its records here when it starts (:func:`register`, from its ``AppConfig.ready``):
an event about one of them then knows which child it concerns, and the subject access export and the
retention policy know the records held about a child. So this module knows no app's models: the people app says that a
child's record is about the child itself; other records name their child in a ``child`` foreign key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models

from openyj.core.actors import is_system
from openyj.core.models import AuditEvent

ChildOf = Callable[[models.Model], int | None]


def _child_foreign_key(obj: models.Model) -> int | None:
    return getattr(obj, "child_id", None)


_CHILD_OF: dict[str, ChildOf] = {}
_REGISTERED: dict[str, type[models.Model]] = {}


def register(*audited: type[models.Model], child_id: ChildOf = _child_foreign_key) -> None:
    """Audit these models: ``child_id(record)`` says which child an event about a record concerns (by
    default its ``child`` foreign key). Their services write the events (:func:`audit`)."""
    for model in audited:
        _CHILD_OF[model._meta.label] = child_id
        _REGISTERED[model._meta.label] = model


def registered() -> list[type[models.Model]]:
    """The audited models, in the order the apps registered them."""
    return list(_REGISTERED.values())


def is_registered(model: type[models.Model]) -> bool:
    return model._meta.label in _REGISTERED


class ChildDirectory:
    """How core finds a child's reference (the id in the service's own system) without knowing the
    people app: the people app fills these in when it starts (:func:`register_child_directory`)."""

    references: Callable[[Iterable[int]], dict[int, str]] = staticmethod(lambda ids: {})
    find: Callable[[int, str], int | None] = staticmethod(lambda service_id, reference: None)


def register_child_directory(*, references: Callable[[Iterable[int]], dict[int, str]],
                             find: Callable[[int, str], int | None]) -> None:
    """``references(ids)`` gives each child's reference; ``find(service_id, reference)`` a child's id."""
    ChildDirectory.references = staticmethod(references)
    ChildDirectory.find = staticmethod(find)


def child_id_of(obj: models.Model) -> int | None:
    """The child a record is about (None for records about no child)."""
    return _CHILD_OF.get(obj._meta.label, _child_foreign_key)(obj)


def audit(*, user, verb: str, obj: models.Model | None = None, service=None, child_id: int | None = None,
          summary: str = "", changes: dict | None = None, object_type: str | None = None,
          object_id: str = "") -> AuditEvent:
    """Record one event. ``obj`` supplies the type, id, service and child when given. ``user`` is the
    person acting or a named system actor (:mod:`openyj.core.actors`), recorded by name."""
    if obj is not None:
        object_type = object_type or obj._meta.label
        object_id = object_id or str(obj.pk)
        service = service or getattr(obj, "service", None)
        if child_id is None:
            child_id = child_id_of(obj)
    return AuditEvent.objects.create(
        **actor_fields(user),
        service=service,
        verb=verb,
        object_type=object_type or "",
        object_id=object_id,
        child_id=child_id,
        summary=summary[:300],
        changes=changes or {},
    )


# Fields whose values name or identify a child: never shown by the audit viewer, and removed from the
# trail when the child's records reach the end of their retention period.
IDENTIFYING_FIELDS = frozenset({"given_name", "family_name", "pnc_id", "postcode_district"})
REDACTED = "removed under the retention policy"


def redact_child(child_id: int) -> int:
    """Remove the identifying values a child's audit events hold (names, PNC ID, postcode), once the
    child's records have been deleted or anonymised under the retention policy. The trail is otherwise
    immutable; this is its one permitted change, made only by the retention job, which audits it.
    Returns the number of events redacted."""
    redacted = 0
    for pk, changes in AuditEvent.objects.filter(child_id=child_id).values_list("pk", "changes"):
        if isinstance(changes, dict) and IDENTIFYING_FIELDS & changes.keys():
            kept = {k: (REDACTED if k in IDENTIFYING_FIELDS else v) for k, v in changes.items()}
            # The trail's own queryset refuses updates; the plain one is used here, and only here.
            models.QuerySet.update(AuditEvent.objects.filter(pk=pk), changes=kept)
            redacted += 1
    return redacted


def audit_shown(*, user, service, child_ids: Iterable[int | None], where: str) -> int:
    """A list page (the caseload, a drill-down, an audit's sample) showed these children: one VIEW event
    per child, written in bulk, so "who has seen this child" finds list pages too. Returns how many."""
    actor = actor_fields(user)
    events = [AuditEvent(**actor, service=service, verb=AuditEvent.Verb.VIEW, object_type="people.Child",
                         object_id=str(child_id), child_id=child_id, summary=f"Listed on {where}"[:300])
              for child_id in dict.fromkeys(child_ids) if child_id is not None]
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    return len(events)


def actor_fields(user) -> dict[str, Any]:
    """The ``user`` and ``actor`` columns of an event by ``user`` (a person or a system actor)."""
    if is_system(user):
        return {"user": None, "actor": user.name}
    return {"user": user if getattr(user, "is_authenticated", False) else None, "actor": ""}


def diff(instance: models.Model, before: dict[str, Any]) -> dict[str, list]:
    """Field changes between ``before`` (a dict of old values) and the instance now."""
    changes = {}
    for name, old in before.items():
        new = getattr(instance, name)
        if old != new:
            changes[name] = [plain(old), plain(new)]
    return changes


def snapshot(instance: models.Model, fields) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in fields}


def plain(value: Any) -> Any:
    """A value as the audit trail (a JSON field) keeps it: numbers, text, yes/no and None as they are,
    a record as its id, anything else (dates, decimals) as text."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, models.Model):
        return str(value.pk)
    return str(value)
