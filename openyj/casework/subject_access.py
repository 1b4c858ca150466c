"""Subject access: everything OpenYJ holds about one child, readable, in one zip (audited).

The zip holds ``index.html`` (every record, in words, to read or print), ``data.json`` (the same, for
a machine) and one CSV per kind of record. It covers the child's own record and every record that
points at the child — found through the database's own relations, so a kind of record added later is
included without changing this module — and the audit trail of who has seen or changed the child's
records (the recipients the law asks about). Information about other people is left out: victims'
records are about the victims, and staff appear only by name as the people who acted.

Managers of the child's service answer subject access requests (the role table's ``subject_access``);
the command line (``openyj subject-access``) acts as the deployment's operator.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import ForeignObjectRel
from django.template.loader import render_to_string
from django.utils import timezone

from openyj.core.audit import audit
from openyj.core.models import AuditEvent
from openyj.core.permissions import ensure_allowed
from openyj.core.roles import Action
from openyj.people.models import Child

HIDDEN = {"id", "service", "child", "created_at", "updated_at"}


@dataclass
class Section:
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """A one-record section as (label, value) pairs, to read down the page."""
        return list(zip(self.columns, self.rows[0], strict=True)) if self.rows else []


def _value(instance: models.Model, f: models.Field) -> str:
    if f.choices:
        return str(getattr(instance, f"get_{f.name}_display")() or "")
    value = getattr(instance, f.name)
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%-d %B %Y, %H:%M")
    if isinstance(value, date):
        return value.strftime("%-d %B %Y")
    if isinstance(value, models.Model):
        name = getattr(value, "get_full_name", None)
        return (name() if callable(name) else "") or str(value)
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def _section(title: str, records: list[models.Model]) -> Section | None:
    if not records:
        return None
    fields = [f for f in records[0]._meta.concrete_fields if f.name not in HIDDEN]
    section = Section(title, [str(f.verbose_name)[:1].upper() + str(f.verbose_name)[1:] for f in fields])
    many = list(records[0]._meta.many_to_many)
    section.columns += [str(m.verbose_name).capitalize() for m in many]
    for record in records:
        row = [_value(record, f) for f in fields]
        row += ["; ".join(str(o) for o in getattr(record, m.name).all()) for m in many]
        section.rows.append(row)
    return section


def _records_about(child: Child) -> list[tuple[str, list[models.Model]]]:
    """Every kind of record with a foreign key to the child, through the database's relations."""
    found = []
    for relation in Child._meta.get_fields(include_hidden=True):
        if not isinstance(relation, ForeignObjectRel) or not (relation.one_to_many or relation.one_to_one):
            continue
        model = relation.related_model
        if not isinstance(model, type):
            continue
        try:
            model._meta.get_field(relation.field.name)
        except FieldDoesNotExist:
            continue
        records = list(model._base_manager.filter(**{relation.field.name: child}).order_by("pk"))
        found.append((str(model._meta.verbose_name_plural).capitalize(), records))
    return sorted(found, key=lambda item: item[0])


def _trail(child: Child) -> Section:
    section = Section("Who has seen or changed these records", ["When", "Who", "What", "Details"])
    for event in AuditEvent.objects.filter(child_id=child.pk).select_related("user").order_by("at", "pk"):
        who = (event.user.get_full_name() or event.user.username) if event.user else (event.actor or "Not recorded")
        section.rows.append([timezone.localtime(event.at).strftime("%-d %B %Y, %H:%M"), who,
                             event.get_verb_display(), event.summary])
    return section


def subject_access_export(*, user, child: Child) -> tuple[str, bytes]:
    """The file name and the zip of everything held about ``child``; audited as an export."""
    ensure_allowed(user, child.service, Action.SUBJECT_ACCESS,
                   "Only a manager of this child's service can export everything held about a child.")
    sections = [s for s in (_section("The child's record", [child]),
                            *(_section(title, records) for title, records in _records_about(child))) if s]
    trail = _trail(child)
    made = timezone.localtime()
    html = render_to_string("casework/subject_access_export.html", {
        "child": child, "sections": sections, "trail": trail, "made": made,
    })
    data = {"child": child.reference, "service": child.service.name, "exported_at": made.isoformat(),
            "records": {s.title: [dict(zip(s.columns, row, strict=True)) for row in s.rows] for s in sections},
            "audit_trail": [dict(zip(trail.columns, row, strict=True)) for row in trail.rows]}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("index.html", html)
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
        for number, section in enumerate([*sections, trail], start=1):
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(section.columns)
            writer.writerows([["'" + c if c[:1] in "=+-@" else c for c in row] for row in section.rows])
            slug = "".join(ch if ch.isalnum() else "-" for ch in section.title.lower()).strip("-")
            archive.writestr(f"{number:02d}-{slug}.csv", text.getvalue())
    counts = {s.title: len(s.rows) for s in sections}
    audit(user=user, verb=AuditEvent.Verb.EXPORT, obj=child, summary="Exported everything held (subject access)",
          changes={"records": counts, "audit_events": len(trail.rows)})
    name = f"subject-access-{child.service.code}-{child.reference}-{made:%Y%m%d}.zip"
    return name, out.getvalue()
