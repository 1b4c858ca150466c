"""Generic write path shared by the case-record services.

Every create and change of a case record goes through :func:`record_create` or
:func:`record_update`: the record is validated with the model's own rules (fields, constraints and
``clean()``), written in one transaction, and audited beside the change. Web forms and the importer
call the named services built on these, so there is one source of truth for what is valid.
"""

from __future__ import annotations

from django.db import models, transaction

from openyj.core.audit import audit, diff, plain, snapshot
from openyj.core.fields import ServiceScoped, next_reference
from openyj.core.models import AuditEvent
from openyj.core.permissions import ensure_allowed
from openyj.core.roles import Action


def ensure_can_change(user, service) -> None:
    """Writes of a child's records need CHANGE_CASE in the record's service (case managers and managers).

    Holding IMPORT is not enough: an administrator imports files (checked by the importer itself) but
    never changes a child's record by hand. Work no person does passes a named system actor
    (:mod:`openyj.core.actors`); ``user=None`` is refused."""
    ensure_allowed(user, service, Action.CHANGE_CASE, "Your role in this service does not allow changing a "
                                                      "child's records.")


def _editable_fields(instance: models.Model) -> list[str]:
    return [
        f.attname for f in instance._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in {"service", "created_at", "updated_at"}
    ]


@transaction.atomic
def record_create[R: ServiceScoped](*, user, service, model: type[R], data: dict, many: dict | None = None,
                                    summary: str = "") -> R:
    """Validate and create one record of ``model`` in ``service``; ``many`` sets many-to-many fields."""
    ensure_can_change(user, service)
    if any(f.name == "reference" for f in model._meta.fields) and not str(data.get("reference") or "").strip():
        data = {**data, "reference": next_reference(model, service)}
    instance = model(service=service, **data)
    instance.full_clean()
    instance.save()
    for name, values in (many or {}).items():
        getattr(instance, name).set(values)
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=instance, summary=summary or f"Created {instance}",
          changes={k: [None, plain(v)] for k, v in data.items() if v not in (None, "")})
    return instance


@transaction.atomic
def record_update[R: ServiceScoped](*, user, instance: R, data: dict, many: dict | None = None,
                                    summary: str = "") -> R:
    """Validate and apply ``data`` to ``instance``; audit the fields that changed."""
    ensure_can_change(user, instance.service)
    before = snapshot(instance, _editable_fields(instance))
    for name, value in data.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    changes = diff(instance, before)
    for name, values in (many or {}).items():
        old = sorted(str(o) for o in getattr(instance, name).all())
        getattr(instance, name).set(values)
        new = sorted(str(o) for o in getattr(instance, name).all())
        if old != new:
            changes[name] = [old, new]
    if changes:
        audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=instance, summary=summary or f"Changed {instance}",
              changes=changes)
    return instance
