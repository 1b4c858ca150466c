"""Services (tenants), the people who use OpenYJ, and the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models

from openyj.core.roles import Role


class Service(models.Model):
    """A Youth Justice Service: the tenant every record belongs to."""

    code = models.SlugField(max_length=40, unique=True, help_text="Short code, e.g. LEEDS")
    name = models.CharField(max_length=200)
    local_authorities = models.CharField(max_length=300, blank=True)
    region = models.CharField("YJB region", max_length=100, blank=True)
    # ONS codes of the areas whose populations are this service's denominators.
    area_codes = models.JSONField(default=list, blank=True)
    # Comparator "YJS family": names of similar services (published comparators use the name).
    family = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one service. A user may belong to several services."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="memberships")
    # Not limited to choices at database level: an unknown role is stored but grants nothing.
    role = models.CharField(max_length=40, choices=Role.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "service"], name="one_role_per_service")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} in {self.service.code}"


class AuditTrailQuerySet(models.QuerySet):
    """The audit trail is evidence: rows are added, never changed or removed through the application."""

    def update(self, **kwargs):
        raise PermissionDenied("The audit trail cannot be changed.")

    def delete(self):
        raise PermissionDenied("The audit trail cannot be deleted.")


class AuditEvent(models.Model):
    """Who did what to which record, when: reads of a child's record included.

    Written by the services next to the change, with the old and new value of every field that
    changed (the importer writes its events in bulk beside its rows), and by the read selectors for
    pages. It is the one audit trail (``docs/decisions.md`` says why not django-auditlog).
    """

    class Verb(models.TextChoices):
        VIEW = "view", "Viewed"
        CREATE = "create", "Created"
        CHANGE = "change", "Changed"
        DELETE = "delete", "Deleted"
        IMPORT = "import", "Imported"
        EXPORT = "export", "Exported"

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A named system actor (the command line, the demo loader, a scheduled task) when no person acted.
    actor = models.CharField(max_length=60, blank=True)
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    verb = models.CharField(max_length=10, choices=Verb.choices)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=60, blank=True)
    # The child the record is about, so "who looked at this child" is one query.
    child_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    summary = models.CharField(max_length=300, blank=True)
    changes = models.JSONField(default=dict, blank=True)

    objects = AuditTrailQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["service", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.verb} {self.object_type} {self.object_id}"

    def save(self, *args, **kwargs):
        # An integrity guard, not business logic: an event, once written, is never rewritten.
        if not self._state.adding:
            raise PermissionDenied("The audit trail cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The audit trail cannot be deleted.")
