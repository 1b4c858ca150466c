"""Small shared model pieces."""

from __future__ import annotations

from django.db import models

from openyj.core.permissions import ServiceScopedQuerySet


class ServiceScoped(models.Model):
    """Abstract base: every case record belongs to exactly one service and is found through the gate."""

    service = models.ForeignKey("core.Service", on_delete=models.PROTECT, related_name="+")

    objects = ServiceScopedQuerySet.as_manager()

    class Meta:
        abstract = True


def reference_field(verbose_name: str = "reference"):
    """The service's own id for a record (the interchange ``*_id`` column), unique within the service."""
    return models.CharField(verbose_name, max_length=60)


def unique_reference(model_name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["service", "reference"], name=f"{model_name}_reference_unique")


def next_reference(model: type[models.Model], service) -> str:
    """The next free reference for a record of ``model`` in ``service``: the model's
    ``REFERENCE_PREFIX`` and a six-digit number (R000124), after the records the service holds.
    Used when a person adds a record and leaves its reference blank; an import always brings its own."""
    prefix = getattr(model, "REFERENCE_PREFIX", None) or str(model._meta.model_name)[:1].upper()
    existing = model._default_manager.filter(service=service)
    number = existing.count() + 1
    while existing.filter(reference=f"{prefix}{number:06d}").exists():
        number += 1
    return f"{prefix}{number:06d}"
