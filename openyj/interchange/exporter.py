"""Export a service's data in the interchange format (a folder, or a ``.zip`` of it).

Every file of the format is written, header-only when the service has no rows, so an export is
always a complete template too. Importing an export into an empty database reproduces the data:
ids are the services' own references, codes are the codes (not local names, which travel in
``code_mapping.csv``), and ``population.csv`` / ``census_ethnicity.csv`` hold the rows of the
service's own areas. Free text that a spreadsheet would run as a formula is prefixed with an
apostrophe, which the importer removes again.
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db import models
from django.utils import timezone

from openyj.core.audit import audit
from openyj.core.models import AuditEvent, Service
from openyj.core.permissions import ensure_allowed
from openyj.core.roles import Action
from openyj.interchange.report import neutralise
from openyj.interchange.schema import FILES, FORMAT_VERSION, MANIFEST, FileSpec
from openyj.people.models import Child


def export_service(service: Service, path: str | os.PathLike, *, user) -> dict[str, int]:
    """Write ``service``'s data to ``path`` (a folder, or a zip when it ends in ``.zip``).

    Returns the number of data rows written per file. ``user`` must hold the export permission in
    the service (the command line passes :data:`openyj.core.actors.COMMAND_LINE`).
    """
    ensure_allowed(user, service, Action.EXPORT, "Your role does not allow exporting this service's data.")
    path = Path(path)
    counts: dict[str, int] = {}
    if path.suffix.lower() == ".zip":
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text_rows in _files(service, counts):
                with archive.open(name, "w") as member, io.TextIOWrapper(member, encoding="utf-8",
                                                                         newline="") as handle:
                    _write(handle, text_rows)
            archive.writestr(MANIFEST, manifest_json(service))
    else:
        path.mkdir(parents=True, exist_ok=True)
        for name, text_rows in _files(service, counts):
            with open(path / name, "w", encoding="utf-8", newline="") as handle:
                _write(handle, text_rows)
        (path / MANIFEST).write_text(manifest_json(service), encoding="utf-8")
    audit(user=user, verb=AuditEvent.Verb.EXPORT, service=service, object_type="core.Service",
          object_id=str(service.pk), summary=f"Exported {sum(counts.values())} rows to {path.name}",
          changes={"files": counts})
    return counts


def manifest_json(service: Service) -> str:
    return json.dumps({
        "format": FORMAT_VERSION, "service": service.code, "name": service.name,
        "area_codes": list(service.area_codes or []), "extracted_on": timezone.localdate().isoformat(),
    }, indent=2) + "\n"


def _write(handle, rows) -> None:
    writer = csv.writer(handle, lineterminator="\n")
    writer.writerows(rows)


def _files(service: Service, counts: dict[str, int]):
    context = _Context(service)
    for spec in FILES:
        counts[spec.name] = 0

        def rows(spec=spec):
            yield spec.column_names
            for row in context.rows(spec):
                counts[spec.name] += 1
                yield row

        yield spec.name, rows()


class _Context:
    def __init__(self, service: Service):
        self.service = service
        self._child_refs: dict[int, str] | None = None
        self._refs: dict[str, dict[int, str]] = {}

    @property
    def child_refs(self) -> dict[int, str]:
        if self._child_refs is None:
            self._child_refs = dict(Child.objects.filter(service=self.service).values_list("pk", "reference"))
        return self._child_refs

    def refs(self, model) -> dict[int, str]:
        label = model._meta.label
        if label not in self._refs:
            self._refs[label] = dict(model.objects.filter(service=self.service).values_list("pk", "reference"))
        return self._refs[label]

    def queryset(self, spec: FileSpec, model):
        if spec.scope == "global":
            area_codes = list(self.service.area_codes or [])
            return model.objects.filter(area_code__in=area_codes).order_by(*list(spec.key))
        qs = model.objects.filter(service=self.service)
        if any(f.name == "reference" for f in model._meta.fields):
            return qs.order_by("reference")
        return qs.order_by("pk")

    def rows(self, spec: FileSpec):
        model = spec.get_model()
        plans = []
        for column in spec.columns:
            if column.kind == "offences":
                plans.append((column, None))
                continue
            field = model._meta.get_field(column.model_field)
            plans.append((column, field))
        attnames = ["pk"] + [f.attname for _c, f in plans if f is not None]
        links = self.links(model) if any(c.kind == "offences" for c, _f in plans) else {}
        converters = [self.converter(column, field) for column, field in plans]
        for values in self.queryset(spec, model).values_list(*attnames).iterator(chunk_size=5000):
            pk = values[0]
            it = iter(values[1:])
            row = []
            for (_column, field), convert in zip(plans, converters, strict=True):
                if field is None:
                    row.append(";".join(sorted(links.get(pk, ()))))
                else:
                    row.append(convert(next(it)))
            yield row

    def links(self, model) -> dict[int, list[str]]:
        through = model.offences.through
        owner = f"{model._meta.model_name}_id"
        offence_refs = self.refs(model._meta.get_field("offences").related_model)
        result: dict[int, list[str]] = defaultdict(list)
        rows = through.objects.filter(**{f"{model._meta.model_name}__service": self.service})
        for owner_id, offence_id in rows.values_list(owner, "offence_id").iterator(chunk_size=5000):
            result[owner_id].append(offence_refs[offence_id])
        return result

    def converter(self, column, field):
        if column.kind == "child":
            refs = self.child_refs
            return lambda pk: refs[pk]
        if column.kind in ("outcome", "intervention"):
            refs_holder = {}

            def convert(pk, model=field.related_model):
                if pk is None:
                    return ""
                if "refs" not in refs_holder:
                    refs_holder["refs"] = self.refs(model)
                return refs_holder["refs"][pk]
            return convert
        free_text = isinstance(field, models.CharField) and not field.choices and column.kind == "field"
        return lambda value: cell(value, free_text=free_text)


def cell(value, *, free_text: bool = False) -> str:
    """One value as the format writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return text
    text = str(value)
    return neutralise(text) if free_text else text
