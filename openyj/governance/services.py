"""Writing improvement actions.

Every function takes the acting user (``user=``) and checks, itself, that the user may raise and
change improvement actions in the action's service (the role table's ``audit`` action: managers), so
no page or import can go round it. Work no person does passes a named system actor (the demo loader,
:mod:`openyj.core.actors`), audited by name; ``user=None`` is refused.
Each write is one transaction, audited beside the change.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from openyj.core.actors import person
from openyj.core.audit import audit, plain
from openyj.core.models import AuditEvent, Service
from openyj.core.permissions import ensure_allowed
from openyj.core.roles import Action
from openyj.governance.models import ActionLink, ImprovementAction


def _ensure_may_act(user, service_id: int) -> None:
    ensure_allowed(user, service_id, Action.AUDIT,
                   "Only a manager in this service can raise or change its improvement actions.")


def _check(what: str, owner: str, status: str) -> None:
    errors = {}
    if not what.strip():
        errors["what"] = "Enter what will be done"
    if not owner.strip():
        errors["owner"] = "Enter who owns the action"
    if status not in ImprovementAction.Status.values:
        errors["status"] = "Select a status"
    if errors:
        raise ValidationError(errors)


def _check_link(link: ActionLink, service: Service) -> None:
    """A link references exactly what its kind needs, and only records of the action's own service."""
    needs = ActionLink.NEEDS.get(link.kind)
    if needs is None:
        raise ValueError(f"unknown kind of link {link.kind!r}")
    for name in ActionLink.REFERENCES:
        if bool(getattr(link, name)) != (name in needs):
            raise ValueError(f"a {link.kind} link sets exactly {', '.join(needs)}")
    for name in ("case_audit", "inspection", "recommendation", "self_assessment"):
        record = getattr(link, name)
        if record is not None and record.service_id != service.pk:
            raise PermissionDenied("An action can only answer records of its own service.")
    if not link.text.strip():
        raise ValueError("a link says what it answers in words")


@transaction.atomic
def improvement_action_create(*, user, service: Service, what: str, owner: str, due_on: date | None = None,
                              status: str = ImprovementAction.Status.NOT_STARTED,
                              answers: Sequence[ActionLink] = ()) -> ImprovementAction:
    """Raise an improvement action answering ``answers`` (links built with ``ActionLink``'s class
    methods, such as ``ActionLink.audit_finding(audit, "2.1.3", text=...)``)."""
    _ensure_may_act(user, service.pk)
    _check(what, owner, status)
    for link in answers:
        _check_link(link, service)
    action = ImprovementAction.objects.create(
        service=service, what=what.strip(), owner=owner.strip(), due_on=due_on, status=status, created_by=person(user),
    )
    for link in answers:
        link.pk = None
        link.action, link.service, link.text = action, service, link.text.strip()[:300]
        link.save()
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=action, summary=f"Raised improvement action: {action.what[:200]}",
          changes={"answers": [link.text for link in answers]})
    return action


@transaction.atomic
def improvement_action_update(*, user, action: ImprovementAction, what: str, owner: str, due_on: date | None,
                              status: str) -> ImprovementAction:
    """Change what an action says, its owner, due date or status (what it answers stays)."""
    _ensure_may_act(user, action.service_id)
    _check(what, owner, status)
    before = {"what": action.what, "owner": action.owner, "due_on": action.due_on, "status": action.status}
    action.what, action.owner, action.due_on, action.status = what.strip(), owner.strip(), due_on, status
    action.save()
    changes = {k: [plain(v), plain(getattr(action, k))] for k, v in before.items() if v != getattr(action, k)}
    audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=action,
          summary=f"Updated improvement action: {action.what[:200]}", changes=changes)
    return action
