"""Retention: find the children whose records are due for deletion or anonymisation, and apply it.

The policy (``OPENYJ_RETENTION`` in the settings, ``docs/data-protection.md``) keeps a child's records
until the child is ``years_after_18th_birthday`` years past their 18th birthday **and**
``years_after_last_contact`` years have passed since the service's last contact with them (the latest
date on any of their records), and never while anything is open (an intervention, episode, remand or
custody without an end). Then, per the policy's ``action``:

- ``delete``: the child and every record about them (offences, outcomes, interventions, assessments
  and the rest) are deleted, with victims' records that answered only their offences;
- ``anonymise``: the records stay for the service's historical figures, but the child's names, PNC
  ID and postcode are removed and their reference replaced by ``ANON-<number>``.

Either way the identifying values in the child's audit events are removed (:func:`core.audit.redact_child`)
and one audit event per child records what was done (by reference, and the policy). Only system actors
run it: ``openyj retention`` (the command line) and the worker's daily task.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Coalesce
from django.utils import timezone

from openyj.casework.models import Assessment, Intervention, PanelDecision, Review, Victim
from openyj.core.actors import is_system
from openyj.core.audit import audit, redact_child
from openyj.core.models import AuditEvent
from openyj.offending.models import CustodyEpisode, Offence, Outcome, Remand
from openyj.people.models import Child, Episode

# (model, the date a record shows contact, the field left empty while it is open, if any)
CONTACT: list[tuple[Any, Any, str | None]] = [
    (Episode, Coalesce("end_date", "start_date"), "end_date"),
    (Intervention, Coalesce("end_date", "start_date"), "end_date"),
    (Remand, Coalesce("end_date", "start_date"), "end_date"),
    (CustodyEpisode, Coalesce("release_date", "start_date"), "release_date"),
    (Offence, "offence_date", None),
    (Outcome, Coalesce("end_date", "outcome_date"), None),
    (Assessment, Coalesce("completed_on", "started_on"), None),
    (Review, Coalesce("done_on", "due_on"), None),
    (PanelDecision, Coalesce("decided_on", "referred_on"), None),
]
ACTIONS = ("delete", "anonymise")


@dataclass(frozen=True)
class Policy:
    years_after_18th_birthday: int
    years_after_last_contact: int
    action: str
    apply_daily: bool

    @classmethod
    def from_settings(cls) -> Policy:
        configured: dict[str, Any] = settings.OPENYJ_RETENTION
        policy = cls(**configured)
        if policy.action not in ACTIONS:
            raise ImproperlyConfigured(f"OPENYJ_RETENTION_ACTION must be delete or anonymise, not {policy.action!r}.")
        return policy

    def describe(self) -> str:
        return (f"kept until {self.years_after_18th_birthday} years after the child's 18th birthday and "
                f"{self.years_after_last_contact} years after the last contact, then {self.action}d")


@dataclass(frozen=True)
class Due:
    child_id: int
    service_id: int
    reference: str
    keep_until: date


def _years_after(when: date, years: int) -> date:
    try:
        return when.replace(year=when.year + years)
    except ValueError:  # 29 February
        return when.replace(year=when.year + years, day=28)


def children_due(*, user, policy: Policy | None = None, today: date | None = None) -> list[Due]:
    """The children whose records the policy says are due today, oldest first."""
    if not is_system(user):
        raise PermissionDenied("Retention is run by the command line or the scheduled task only.")
    policy = policy or Policy.from_settings()
    today = today or timezone.localdate()
    last: dict[int, date] = {}
    open_children: set[int] = set()
    for model, contact, open_field in CONTACT:
        for child_id, latest in (model.objects.values("child_id").annotate(latest=Max(contact))
                                 .values_list("child_id", "latest")):
            if latest is not None and (child_id not in last or latest > last[child_id]):
                last[child_id] = latest
        if open_field:
            open_children.update(model.objects.filter(**{f"{open_field}__isnull": True})
                                 .values_list("child_id", flat=True))
    # Only children old enough can be due: the database narrows them down first.
    born_before = _years_after(today, -(18 + policy.years_after_18th_birthday))
    due = []
    candidates = (Child.objects.filter(date_of_birth__lte=born_before).exclude(pk__in=open_children)
                  .exclude(reference__startswith="ANON-").order_by("date_of_birth", "pk"))
    for pk, service_id, reference, born in candidates.values_list("pk", "service_id", "reference", "date_of_birth"):
        keep_until = _years_after(born, 18 + policy.years_after_18th_birthday)
        if pk in last:
            keep_until = max(keep_until, _years_after(last[pk], policy.years_after_last_contact))
        if keep_until <= today:
            due.append(Due(pk, service_id, reference, keep_until))
    return due


@dataclass
class RetentionReport:
    policy: Policy
    due: list[Due]
    applied: bool = False

    def by_service(self) -> dict[int, list[Due]]:
        grouped: dict[int, list[Due]] = defaultdict(list)
        for item in self.due:
            grouped[item.service_id].append(item)
        return grouped

    def text(self) -> str:
        verb = {"delete": "deleted", "anonymise": "anonymised"}[self.policy.action]
        head = (f"Retention policy: records {self.policy.describe()}.\n"
                f"{len(self.due)} child{'ren' if len(self.due) != 1 else ''}'s records "
                f"{'were ' + verb if self.applied else 'are due to be ' + verb}.")
        lines = [f"  {item.reference} (kept until {item.keep_until:%-d %B %Y})" for item in self.due]
        return "\n".join([head, *lines])


def retention_run(*, user, apply: bool, policy: Policy | None = None, today: date | None = None) -> RetentionReport:
    """Report what is due; with ``apply``, delete or anonymise it, audited."""
    policy = policy or Policy.from_settings()
    report = RetentionReport(policy, children_due(user=user, policy=policy, today=today))
    if not apply:
        for service_id, items in report.by_service().items():
            audit(user=user, verb=AuditEvent.Verb.VIEW, service=service_id_of(service_id),
                  object_type="retention", summary=f"Retention report: {len(items)} children's records due",
                  changes={"due": [i.reference for i in items], "policy": policy.describe()})
        return report
    for item in report.due:
        _apply_one(user=user, item=item, policy=policy)
    report.applied = True
    return report


def service_id_of(service_id: int):
    from openyj.core.models import Service

    return Service.objects.get(pk=service_id)


@transaction.atomic
def _apply_one(*, user, item: Due, policy: Policy) -> None:
    child = Child.objects.select_for_update().get(pk=item.child_id)
    service = child.service
    if policy.action == "delete":
        offences = list(child.offences.values_list("pk", flat=True))
        # Victims whose every offence is this child's: their records go with the offences.
        victims = set(Victim.objects.filter(offences__in=offences).values_list("pk", flat=True))
        shared = set(Victim.objects.filter(pk__in=victims, offences__in=Offence.objects.exclude(child=child))
                     .values_list("pk", flat=True))
        counts: dict = {"victims": Victim.objects.filter(pk__in=victims - shared).delete()[0]}
        counts.update(child.delete()[1])
        summary = f"Deleted child {item.reference} and every record about them under the retention policy"
        verb = AuditEvent.Verb.DELETE
    else:
        anonymous = f"ANON-{child.pk}"
        counts = {"reference": [child.reference, anonymous]}
        for name in ("given_name", "family_name", "pnc_id", "postcode_district"):
            setattr(child, name, "")
        child.reference = anonymous
        child.save()
        summary = f"Anonymised child {item.reference} (now {anonymous}) under the retention policy"
        verb = AuditEvent.Verb.CHANGE
    redacted = redact_child(item.child_id)
    audit(user=user, verb=verb, service=service, object_type="people.Child", object_id=str(item.child_id),
          child_id=item.child_id, summary=summary,
          changes={"policy": policy.describe(), "records": counts, "audit_events_redacted": redacted})
