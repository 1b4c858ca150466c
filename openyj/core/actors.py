"""Who acts when no person does: named system actors.

Every service takes the acting user as a required keyword argument and checks it itself. Work that
no signed-in person does — the command line run by the deployment's operator on the server, the
demo loader, the worker's scheduled jobs — passes one of the actors below instead. ``None`` is never
an actor: a service given ``user=None`` refuses, so forgetting to pass the user can never mean "skip
the check".

A system actor may act in, and read, every service (whoever runs commands on the server already holds
the database), is never a signed-in person (no page accepts it: it cannot sign in) and is named in the
audit trail (``AuditEvent.actor``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(frozen=True)
class SystemActor:
    """A named, non-person actor. Compared by name; never stored as a user."""

    name: str
    description: str

    pk: ClassVar[None] = None
    is_authenticated: ClassVar[bool] = False
    is_anonymous: ClassVar[bool] = False
    is_active: ClassVar[bool] = True
    is_superuser: ClassVar[bool] = False
    is_staff: ClassVar[bool] = False
    username: ClassVar[str] = ""

    def __str__(self) -> str:
        return self.name

    def get_full_name(self) -> str:
        return self.name


COMMAND_LINE = SystemActor("command line", "the deployment's operator running an openyj command on the server")
DEMO_LOADER = SystemActor("demo loader", "openyj demo loading the synthetic demo service")
SCHEDULED = SystemActor("scheduled task", "the OpenYJ worker's periodic jobs (clearing uploads, retention)")


def is_system(actor) -> bool:
    """True for a named system actor (never for ``None``, anonymous or a person)."""
    return isinstance(actor, SystemActor)


def ensure_actor(actor) -> None:
    """Refuse a missing actor: ``None`` never means "a system job, skip the check"."""
    if actor is None:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied("No acting user was given. Pass the person acting, or a named system actor "
                               "from openyj.core.actors.")


def person(actor):
    """The user to store in a record's "by" field: the person acting, or None for a system actor
    (whose name the audit trail keeps)."""
    return None if is_system(actor) else actor
