"""The audit viewer's reads: one service's audit trail, filtered, as rows a page or a CSV shows.

For the data-protection officer (the role table's ``view_audit_trail`` action, held by administrators):
who did what to which child's record, and when. A child is named by their reference (the id in the
service's own case management system), never by name, and the values of identifying fields (names,
PNC ID) are never shown: the viewer answers "who saw or changed this child's record", and the child's
own page (for those whose role allows it) shows the record itself.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime

from django import forms
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from openyj.core.audit import IDENTIFYING_FIELDS, ChildDirectory
from openyj.core.govuk_forms import GovUKDateField
from openyj.core.models import AuditEvent, Service
from openyj.core.permissions import ensure_allowed
from openyj.core.roles import Action

NOT_SHOWN = "changed (not shown: identifies the child)"
PAGE_SIZE = 100


class AuditFilterForm(forms.Form):
    who = forms.CharField(label="Who", required=False, max_length=150,
                          help_text="Part of a person's name or username")
    child = forms.CharField(label="Child's reference", required=False, max_length=60,
                            help_text="The child's id in your case management system, for example C000123")
    verb = forms.ChoiceField(label="What they did", required=False,
                             choices=[("", "Anything"), *AuditEvent.Verb.choices])
    date_from = GovUKDateField(label="From", required=False, allow_future=False)
    date_to = GovUKDateField(label="To", required=False, allow_future=False)

    def __init__(self, *args, service: Service, **kwargs):
        super().__init__(*args, **kwargs)
        self.service = service
        self.child_id: int | None = None

    def clean_child(self) -> str:
        reference = self.cleaned_data["child"].strip()
        if reference:
            self.child_id = ChildDirectory.find(self.service.pk, reference)
            if self.child_id is None:
                raise ValidationError(f"There is no child with the reference {reference} in this service. "
                                      "Check the reference.")
        return reference

    def clean(self):
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The ‘To’ date must be the same as or after the ‘From’ date")
        return data

    def described(self) -> str:
        """The filters in words (for the audit event the viewer writes about itself)."""
        data: dict = getattr(self, "cleaned_data", None) or {}
        parts = [f"{name}={value}" for name, value in data.items() if value not in (None, "")]
        return ", ".join(parts) or "none"


def audit_trail(*, user, service: Service, who: str = "", child_id: int | None = None, verb: str = "",
                date_from: date | None = None, date_to: date | None = None) -> QuerySet[AuditEvent]:
    """The service's audit events, newest first, filtered; only for the audit-trail viewer's role."""
    ensure_allowed(user, service, Action.VIEW_AUDIT_TRAIL,
                   "Only an administrator of this service can read its audit trail.")
    events = AuditEvent.objects.filter(service=service).select_related("user")
    if who:
        events = events.filter(Q(user__username__icontains=who) | Q(user__first_name__icontains=who)
                               | Q(user__last_name__icontains=who) | Q(actor__icontains=who))
    if child_id is not None:
        events = events.filter(child_id=child_id)
    if verb:
        events = events.filter(verb=verb)
    if date_from:
        events = events.filter(at__date__gte=date_from)
    if date_to:
        events = events.filter(at__date__lte=date_to)
    return events


@dataclass(frozen=True)
class TrailRow:
    at: datetime
    who: str
    what: str
    record: str
    record_id: str
    child: str
    summary: str
    changes: list[str]


def _record_type(label: str) -> str:
    try:
        return str(apps.get_model(label)._meta.verbose_name).capitalize()
    except (LookupError, ValueError):
        return label[:1].upper() + label[1:]


def _field_name(label: str, name: str) -> str:
    try:
        return str(apps.get_model(label)._meta.get_field(name).verbose_name)
    except (LookupError, ValueError, FieldDoesNotExist):  # an old event may name a field since removed
        return name.replace("_", " ")


def _changes(event: AuditEvent) -> list[str]:
    if not isinstance(event.changes, dict):
        return []
    lines = []
    for name, value in event.changes.items():
        field = _field_name(event.object_type, name)
        field = field[:1].upper() + field[1:]
        if name in IDENTIFYING_FIELDS:
            lines.append(f"{field}: {NOT_SHOWN}")
        elif isinstance(value, list) and len(value) == 2:
            old, new = ("(empty)" if v in (None, "", []) else v for v in value)
            lines.append(f"{field}: {old} → {new}")
        else:
            lines.append(f"{field}: {value}")
    return lines


def trail_rows(events) -> list[TrailRow]:
    """What the viewer shows of each event: children by reference, identifying values never."""
    events = list(events)
    references = ChildDirectory.references({e.child_id for e in events if e.child_id is not None})
    rows = []
    for e in events:
        if e.user is not None:
            who = e.user.get_full_name() or e.user.username
        else:
            who = e.actor.capitalize() if e.actor else "No one recorded"
        child = "" if e.child_id is None else references.get(e.child_id, "a child no longer held")
        rows.append(TrailRow(at=timezone.localtime(e.at), who=who, what=e.get_verb_display(),
                             record=_record_type(e.object_type), record_id=e.object_id, child=child,
                             summary=e.summary, changes=_changes(e)))
    return rows


def _cell(value: str) -> str:
    """A cell a spreadsheet will not run as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def trail_csv(events) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["When", "Who", "What they did", "Record", "Child's reference", "Summary", "Changes"])
    batch: list[AuditEvent] = []

    def flush() -> None:
        for row in trail_rows(batch):
            writer.writerow([_cell(c) for c in (row.at.strftime("%Y-%m-%d %H:%M:%S"), row.who, row.what,
                                                   f"{row.record} {row.record_id}".strip(), row.child, row.summary,
                                                   "; ".join(row.changes))])
        batch.clear()

    for event in events.iterator(chunk_size=2000):
        batch.append(event)
        if len(batch) >= 2000:
            flush()
    flush()
    return out.getvalue()
