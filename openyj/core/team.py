"""Writes and reads for the people who use a service: its team and their roles.

Administrators add users to their own service, change roles and remove access. Every change is
audited. Removing access deletes the membership, never the user (their audit history stays). A
service always keeps at least one administrator: otherwise nobody could manage its users.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from openyj.core.audit import audit
from openyj.core.models import AuditEvent, Membership, Service
from openyj.core.permissions import services_for
from openyj.core.roles import Action, Role


def _ensure_admin(user, service: Service) -> None:
    if service.pk not in services_for(user, Action.CONFIGURE):
        raise PermissionDenied("Only an administrator of this service can manage its users.")


def team_list(*, user, service: Service):
    _ensure_admin(user, service)
    return Membership.objects.filter(service=service).select_related("user").order_by("user__first_name",
                                                                                       "user__username")


@transaction.atomic
def member_add(*, user, service: Service, username: str, first_name: str, last_name: str, email: str,
               role: str, password: str) -> Membership:
    """Add a user to the service with a role, creating the account if it does not exist yet."""
    _ensure_admin(user, service)
    if role not in Role.values:
        raise ValidationError({"role": "Choose a role from the list."})
    User = get_user_model()
    account = User.objects.filter(username=username).first()
    if account is None:
        account = User(username=username, first_name=first_name, last_name=last_name, email=email)
        try:
            validate_password(password, account)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
        account.set_password(password)
        account.full_clean()
        account.save()
    elif Membership.objects.filter(user=account, service=service).exists():
        raise ValidationError(
            {"username": f"{username} already has access to this service. Change their role instead."}
        )
    membership = Membership.objects.create(user=account, service=service, role=role)
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=membership, service=service,
          summary=f"Gave {username} the {membership.get_role_display().lower()} role",
          changes={"role": [None, role]})
    return membership


def _ensure_another_administrator(membership: Membership) -> None:
    """Refuse to take the administrator role from the service's last active administrator."""
    if membership.role != Role.ADMINISTRATOR:
        return
    # Lock the service's administrator rows, so that two administrators demoting each other at
    # the same moment cannot both succeed and leave nobody.
    administrators = list(
        Membership.objects.select_for_update()
        .filter(service=membership.service, role=Role.ADMINISTRATOR, user__is_active=True)
        .values_list("pk", flat=True)
    )
    if not set(administrators) - {membership.pk}:
        raise ValidationError(
            f"{membership.user.get_username()} is the only administrator of {membership.service.name}. "
            "Give another user the administrator role first."
        )


@transaction.atomic
def member_change_role(*, user, membership: Membership, role: str) -> Membership:
    _ensure_admin(user, membership.service)
    if role not in Role.values:
        raise ValidationError({"role": "Choose a role from the list."})
    old = membership.role
    if old != role:
        try:
            _ensure_another_administrator(membership)
        except ValidationError as error:
            raise ValidationError({"role": error.messages}) from error
        membership.role = role
        membership.save(update_fields=["role"])
        audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=membership, service=membership.service,
              summary=f"Changed {membership.user.username}'s role", changes={"role": [old, role]})
    return membership


@transaction.atomic
def member_remove(*, user, membership: Membership) -> None:
    _ensure_admin(user, membership.service)
    if membership.user_id == user.pk:
        # So an administrator, the last one included, never locks themselves out.
        raise ValidationError("You cannot remove your own access. Ask another administrator.")
    audit(user=user, verb=AuditEvent.Verb.DELETE, obj=membership, service=membership.service,
          summary=f"Removed {membership.user.username}'s access", changes={"role": [membership.role, None]})
    membership.delete()
