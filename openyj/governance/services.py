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
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone

from openyj.core.actors import person
from openyj.core.audit import audit, plain
from openyj.core.models import AuditEvent, Service
from openyj.core.permissions import ensure_allowed
from openyj.core.roles import Action
from openyj.governance.models import (
    ActionLink,
    ActionUpdate,
    BoardAttendance,
    BoardMeeting,
    BoardMember,
    ImprovementAction,
    ImprovementPlan,
    KeyObjective,
    Risk,
)

CLOSED = ImprovementAction.Status.CLOSED
CLOSING_UPDATE_NEEDED = ("Write a closing update saying what the action achieved: an action cannot close "
                         "without one")


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
                              answers: Sequence[ActionLink] = (), objective: KeyObjective | None = None,
                              number: str = "", why: str = "", how: str = "", rag: str = "",
                              update: str = "") -> ImprovementAction:
    """Raise an improvement action answering ``answers`` (links built with ``ActionLink``'s class
    methods, such as ``ActionLink.audit_finding(audit, "2.1.3", text=...)``), on its own or under a
    plan's key objective. ``update``, when given, is its first progress update; an action raised as
    closed needs one."""
    _ensure_may_act(user, service.pk)
    _check(what, owner, status)
    if objective is not None and objective.service_id != service.pk:
        raise PermissionDenied("An action can only serve an objective of its own service.")
    if status == CLOSED and not update.strip():
        raise ValidationError({"update": CLOSING_UPDATE_NEEDED})
    for link in answers:
        _check_link(link, service)
    action = ImprovementAction.objects.create(
        service=service, what=what.strip(), owner=owner.strip(), due_on=due_on, status=status, created_by=person(user),
        objective=objective, number=number.strip(), why=why.strip(), how=how.strip(), rag=rag,
    )
    if update.strip():
        ActionUpdate.objects.create(service=service, action=action, written_on=timezone.localdate(),
                                    text=update.strip(), status=status, rag=rag, written_by=_person(user))
    for link in answers:
        link.pk = None
        link.action, link.service, link.text = action, service, link.text.strip()[:300]
        link.save()
    audit(user=user, verb=AuditEvent.Verb.CREATE, obj=action, summary=f"Raised improvement action: {action.what[:200]}",
          changes={"answers": [link.text for link in answers]})
    return action


@transaction.atomic
def improvement_action_update(*, user, action: ImprovementAction, what: str, owner: str, due_on: date | None,
                              status: str, update: str = "", **plan_fields: Any) -> ImprovementAction:
    """Change what an action says, its owner, due date or status (what it answers stays); in a plan also
    its ``number``, ``why``, ``how`` and ``rag``. ``update``, when given, is recorded as a progress
    update; closing an action needs one (now, or already recorded with the status closed)."""
    _ensure_may_act(user, action.service_id)
    _check(what, owner, status)
    unknown = set(plan_fields) - {"number", "why", "how", "rag"}
    if unknown:
        raise TypeError(f"unexpected fields {sorted(unknown)}")
    closing = status == CLOSED and action.status != CLOSED
    if closing and not update.strip() and not action.updates.filter(status=CLOSED).exists():
        raise ValidationError({"update": CLOSING_UPDATE_NEEDED})
    before = {"what": action.what, "owner": action.owner, "due_on": action.due_on, "status": action.status,
              **{name: getattr(action, name) for name in plan_fields}}
    action.what, action.owner, action.due_on, action.status = what.strip(), owner.strip(), due_on, status
    for name, value in plan_fields.items():
        setattr(action, name, value.strip() if isinstance(value, str) else value)
    action.save()
    if update.strip():
        ActionUpdate.objects.create(service_id=action.service_id, action=action, written_on=timezone.localdate(),
                                    text=update.strip(), status=status, rag=action.rag, written_by=_person(user))
    changes = {k: [plain(v), plain(getattr(action, k))] for k, v in before.items() if v != getattr(action, k)}
    audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=action,
          summary=f"Updated improvement action: {action.what[:200]}", changes=changes)
    return action


def _person(user):
    """The user to record as the author (none for a system job)."""
    return user if getattr(user, "is_authenticated", False) else None


def due_date_warning(due_on: date | None) -> str | None:
    """A new due date in the past is allowed (plans record late actions) but said out loud."""
    if due_on is not None and due_on < timezone.localdate():
        return (f"The due date, {due_on.day} {due_on:%B %Y}, is in the past. Check it, or record why the action "
                f"is late in a progress update.")
    return None


# Progress updates ---------------------------------------------------------------------------------


@transaction.atomic
def action_update_record(*, user, action: ImprovementAction, written_on: date, text: str, status: str,
                         rag: str = "") -> ActionUpdate:
    """Record a dated progress update on an action, which takes the update's status and RAG rating."""
    _ensure_may_act(user, action.service_id)
    errors = {}
    if not text.strip():
        errors["text"] = ("Write what has happened since the last update" if status != CLOSED
                          else CLOSING_UPDATE_NEEDED)
    if status not in ImprovementAction.Status.values:
        errors["status"] = "Select a status"
    if written_on is None:
        errors["written_on"] = "Enter the date of the update"
    elif written_on > timezone.localdate():
        errors["written_on"] = "The date of the update must be today or in the past"
    if errors:
        raise ValidationError(errors)
    entry = ActionUpdate.objects.create(service_id=action.service_id, action=action, written_on=written_on,
                                        text=text.strip(), status=status, rag=rag, written_by=_person(user))
    before = {"status": action.status, "rag": action.rag}
    action.status, action.rag = status, rag or action.rag
    action.save(update_fields=["status", "rag", "updated_at"])
    audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=action, summary=f"Progress update on: {action.what[:160]}",
          changes={k: [plain(v), plain(getattr(action, k))] for k, v in before.items() if v != getattr(action, k)})
    return entry


# Records the board and managers keep: one way to create and change them ---------------------------


def _save_record(user, instance: models.Model, action_name: str, data: dict[str, Any], *,
                 refusal: str = "Only a manager in this service can change the board, plan and risk records.",
                 action: str = Action.GOVERN) -> Any:
    """Check the acting user may govern the record's service, set ``data``, validate the model (its
    errors keyed by field, for the form), save and audit. Used by every write below."""
    ensure_allowed(user, instance.service_id, action, refusal)  # type: ignore[attr-defined]  # ServiceScoped
    creating = instance.pk is None
    before = {} if creating else {name: getattr(instance, name) for name in data}
    for name, value in data.items():
        setattr(instance, name, value.strip() if isinstance(value, str) else value)
    instance.full_clean()
    instance.save()
    changes = ({k: [None, plain(getattr(instance, k))] for k in data} if creating else
               {k: [plain(v), plain(getattr(instance, k))] for k, v in before.items() if v != getattr(instance, k)})
    audit(user=user, verb=AuditEvent.Verb.CREATE if creating else AuditEvent.Verb.CHANGE, obj=instance,
          summary=f"{'Added' if creating else 'Changed'} {action_name}", changes=changes)
    return instance


@transaction.atomic
def record_save(*, user, service: Service, model: type[models.Model], data: dict[str, Any],
                instance: models.Model | None = None, what: str | None = None) -> Any:
    """Create (``instance`` None) or change a governance record of ``service``: a plan, objective, board
    member, meeting, board action, forward-plan item, terms of reference, risk, budget line, grant,
    remand budget, member of staff or training record. The model's own validation decides what is
    valid; the acting user must be a manager of the service."""
    if instance is None:
        instance = model(service=service)
    elif instance.service_id != service.pk:  # type: ignore[attr-defined]  # ServiceScoped
        raise PermissionDenied("That record belongs to another service.")
    return _save_record(user, instance, what or str(model._meta.verbose_name), data)


@transaction.atomic
def plan_create(*, user, service: Service, title: str, kind: str, started_on: date | None = None,
                summary: str = "", objectives: Sequence[str] = ()) -> ImprovementPlan:
    """A new plan with its key objectives numbered 1, 2, 3 … in the order given."""
    plan = _save_record(user, ImprovementPlan(service=service), "an improvement plan",
                        {"title": title, "kind": kind, "started_on": started_on, "summary": summary})
    for number, text in enumerate((t for t in objectives if t.strip()), start=1):
        _save_record(user, KeyObjective(service=service, plan=plan), "a key objective",
                     {"number": number, "text": text})
    return plan


@transaction.atomic
def attendance_record(*, user, meeting: BoardMeeting, member: BoardMember, attendance: str,
                      appropriate_seniority: bool | None = None, deputy_name: str = "") -> BoardAttendance:
    """Record one member's attendance at a meeting (once per member: recording again changes it). The
    row keeps the member's name, agency and statutory status as they were, as imported rows do."""
    if member.service_id != meeting.service_id:
        raise PermissionDenied("That member sits on another service's board.")
    errors = {}
    if attendance == "deputy" and appropriate_seniority is None:
        errors["appropriate_seniority"] = "Select whether the deputy was of appropriate seniority"
    if attendance == "deputy" and not deputy_name.strip():
        errors["deputy_name"] = "Enter the deputy's name"
    if errors:
        raise ValidationError(errors)
    row = (BoardAttendance.objects.filter(service_id=meeting.service_id, meeting=meeting, board_member=member).first()
           or BoardAttendance(service_id=meeting.service_id, meeting=meeting, board_member=member))
    seniority = True if attendance == "attended" else appropriate_seniority if attendance == "deputy" else None
    # A member records their own attendance only where the deployment allows it; managers record anyone's.
    own = (getattr(settings, "OPENYJ_BOARD_SELF_ATTENDANCE", False) and user is not None
           and member.user_id is not None and member.user_id == user.pk)
    return _save_record(user, row, "board attendance", action=Action.VIEW_GOVERNANCE if own else Action.GOVERN,
                        refusal="Only a manager in this service, or the member themselves where that is allowed, "
                                "can record attendance.", data={
        "meeting_date": meeting.held_on, "member": member.name, "agency": member.agency,
        "statutory_partner": member.statutory_partner, "attendance": attendance,
        "appropriate_seniority": seniority, "deputy_name": deputy_name if attendance == "deputy" else "",
    })


@transaction.atomic
def action_link_risk(*, user, action: ImprovementAction, risk: Risk) -> ActionLink:
    """Say that an action answers (mitigates) a risk on the register."""
    _ensure_may_act(user, action.service_id)
    if risk.service_id != action.service_id:
        raise PermissionDenied("An action can only answer records of its own service.")
    link = ActionLink.objects.create(service_id=action.service_id, action=action, kind=ActionLink.Kind.RISK,
                                     risk=risk, text=f"Risk: {risk.title}"[:300])
    audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=action, summary="Linked to a risk",
          changes={"answers": [link.text]})
    return link
