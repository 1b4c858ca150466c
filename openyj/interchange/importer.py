"""The import engine: validate every row of every file, then write in one transaction.

How it keeps its promises (``shared/spec/interchange.md``):

- **One source of truth.** Each cell is read by a reader built from its model field (see
  :mod:`openyj.interchange.validate`) and each row becomes an unsaved model instance whose own
  ``clean()`` runs, exactly as ``full_clean()`` does for the web forms; outcome/offence links are
  checked by the same function the outcome service uses. Uniqueness and references are checked
  against in-memory maps of the service's ids, loaded once.
- **Nothing half-written.** Files are processed in dependency order inside one
  ``transaction.atomic()``. Valid rows are written as they are checked (in batches, so later files
  can refer to them); at the end the transaction is rolled back if anything was invalid — unless the
  caller asked to keep the valid rows, in which case the invalid rows (and rows that depend on them)
  are skipped and listed.
- **A check writes nothing.** A dry run follows exactly the same path but never writes: new records
  get provisional keys in memory so later files can refer to them, and no transaction is opened, so
  it never holds the database's write lock (on SQLite, pages and other writers carry on meanwhile).
- **Idempotent.** Records are matched by their id within the service (episodes by child, type and
  start date; reference data by its natural key). A row identical to the stored record is counted as
  unchanged and not touched; a changed row is updated and one CHANGE audit event records the field
  differences. A column left out of a file leaves that field as it is; an empty cell clears it.
- **Audited and scoped.** The acting user is required: a person must hold the import permission in
  the service; the command line and the demo pass a named system actor (:mod:`openyj.core.actors`),
  the only actors that may create a service. One IMPORT audit event is written per file, one CREATE
  event per created record (its values) and one CHANGE event per updated record (old and new values),
  written in bulk beside the rows.
- **A service's import never changes another service's figures.** Population and census rows are
  keyed by area code and shared by every service listing that code. A person may import them only for
  the area codes that are their service's alone (in its area codes, and in no other service's); other
  rows are refused with a message. The deployment's operator loads shared areas from the command line.
"""

from __future__ import annotations

import gc
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import date
from difflib import get_close_matches
from functools import partial
from operator import itemgetter
from typing import NamedTuple

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import connection, connections, models, transaction
from django.db.models.base import ModelState
from django.utils import timezone

from openyj.core.actors import ensure_actor, is_system
from openyj.core.audit import actor_fields, audit, child_id_of, plain
from openyj.core.models import AuditEvent, Service
from openyj.core.permissions import services_for
from openyj.core.roles import Action
from openyj.core.validation import frozen_today
from openyj.interchange import reader as readers
from openyj.interchange.report import MAX_SKIPPED_ROWS_KEPT, FileReport, ImportReport, Problem
from openyj.interchange.schema import BY_NAME, Column, FileSpec
from openyj.interchange.validate import (
    CellError,
    code_message,
    field_reader,
    memoised,
    model_errors,
    with_extra_rule,
)
from openyj.offending.models import LocalCodeMapping, OffenceCategory, OutcomeType
from openyj.offending.services import check_outcome_offences
from openyj.people.models import Child

FLUSH_EVERY = 5000
# Files whose records later files refer to, and the Loader map that holds their ids.
REGISTERED = {"children.csv": "children", "offences.csv": "offences", "outcomes.csv": "outcomes",
              "interventions.csv": "interventions"}
PROGRESS_EVERY = 5000

Progress = Callable[[str], None]  # receives a sentence such as "offences.csv: 5,000 rows checked"


class ChildStub:
    """What later files need to know about a child: its key and date of birth.

    ``age_on`` is the model's own method, so the offence age rule is the same rule.
    """

    __slots__ = ("pk", "date_of_birth", "reference")

    def __init__(self, pk, date_of_birth, reference):
        self.pk = pk
        self.date_of_birth = date_of_birth
        self.reference = reference

    @property
    def id(self):
        return self.pk

    age_on = Child.age_on


class OffenceRef(NamedTuple):
    pk: int
    child_id: int
    reference: str
    offence_date: date


class RecordRef(NamedTuple):
    pk: int
    child_id: int


@dataclass
class Plan:
    """How one column of one file is read."""

    index: int
    column: Column
    attname: str
    read: Callable[[str], object] | None


def import_path(path: str | os.PathLike, *, service_code: str, user, dry_run: bool = False,
                keep_valid: bool = False, progress: Progress | None = None) -> ImportReport:
    """Import a folder, ``.zip`` or ``.xlsx`` into the service ``service_code``; return the report.

    ``user`` is the person importing, who must hold the import permission in an existing service (else
    :class:`PermissionDenied`), or a named system actor (the command line, the demo loader), which may
    also create a new service. ``user=None`` is refused.
    """
    with readers.open_source(path) as source:
        return import_source(source, service_code=service_code, user=user, dry_run=dry_run,
                             keep_valid=keep_valid, progress=progress)


def import_source(source: readers.Source, *, service_code: str, user, dry_run: bool = False,
                  keep_valid: bool = False, progress: Progress | None = None) -> ImportReport:
    report = ImportReport(source=source.label, service_code=service_code, dry_run=dry_run, keep_valid=keep_valid)
    report.problems.extend(source.problems)
    report.notes.extend(source.notes)
    manifest = source.manifest or {}
    service = Service.objects.filter(code=service_code).first()
    ensure_actor(user)
    if not is_system(user) and (service is None or service.pk not in services_for(user, Action.IMPORT)):
        raise PermissionDenied("Your role does not allow importing into this service.")
    claimed = _area_codes_of_other_services(service)
    if manifest.get("service") and manifest["service"] != service_code:
        report.notes.append(f"manifest.json names service {manifest['service']}; the data is imported into "
                            f"{service_code} as asked.")
    if service is None:
        service = Service(code=service_code, name=(manifest.get("name") or service_code)[:200],
                          area_codes=list(manifest.get("area_codes") or []))
        try:
            service.clean_fields(exclude=["created_at"])
        except ValidationError:
            report.problems.append(Problem("", None, "service", service_code,
                                           f"{service_code} cannot be a service code. Use letters, numbers, "
                                           "hyphens and underscores only (at most 40)."))
            return report
        report.service_created = True
        report.service_name = service.name
    else:
        report.service_name = service.name

    # One "today" for the whole import: every row's dates are checked against the same day. A dry run
    # opens no transaction: it only reads, and must not hold the write lock while it does.
    writing = nullcontext() if dry_run else transaction.atomic()
    with frozen_today(), _no_full_collections(), writing:
        if connection.vendor == "sqlite":
            # A large import updates several indexes at once: a bigger page cache keeps them in memory
            # instead of re-reading them from the write-ahead log (256 MB; the default is 2 MB).
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA cache_size = -262144")
        manifest_areas = [code for code in manifest.get("area_codes") or []
                          if is_system(user) or code not in claimed]
        if len(manifest_areas) < len(manifest.get("area_codes") or []):
            report.notes.append("manifest.json names area codes that another service already covers: they were "
                                "not added to this service's area codes. Ask the administrator of OpenYJ if "
                                "they are yours.")
        if dry_run:
            if service.pk is not None and manifest_areas and not service.area_codes:
                report.notes.append(f"The service's area codes would be set from manifest.json: "
                                    f"{', '.join(manifest_areas)}.")
                service.area_codes = manifest_areas  # unsaved: only so the check reads the rows as the import would
        elif service.pk is None:
            service.save()
            audit(user=user, verb=AuditEvent.Verb.CREATE, obj=service, service=service,
                  summary=f"Service {service.code} created by import")
        elif manifest_areas and not service.area_codes:
            service.area_codes = manifest_areas
            service.save(update_fields=["area_codes"])
            report.notes.append(f"The service's area codes were set from manifest.json: "
                                f"{', '.join(service.area_codes)}.")
            audit(user=user, verb=AuditEvent.Verb.CHANGE, obj=service, service=service,
                  summary="Area codes set by import", changes={"area_codes": [[], service.area_codes]})
        loader = Loader(service=service, user=user, report=report, progress=progress, dry_run=dry_run,
                        claimed_areas=claimed)
        for name in source.names:
            loader.load(BY_NAME[name], source)
        if not dry_run:
            if not report.ok and not keep_valid:
                transaction.set_rollback(True)
            else:
                report.applied = True
    return report


def _area_codes_of_other_services(service: Service | None) -> set[str]:
    """The area codes listed by any service other than ``service``."""
    others = Service.objects.exclude(pk=service.pk) if service is not None else Service.objects.all()
    return {code for codes in others.values_list("area_codes", flat=True) for code in (codes or [])}


@contextmanager
def _no_full_collections() -> Iterator[None]:
    """Keep Python's cycle collector to young objects while an import runs.

    An import builds maps of every id in the service (millions of small objects that live until it
    ends); the collector's automatic full passes re-scan all of them again and again, which cost
    about a seventh of the run time. Instead, ``FileLoad.flush`` collects the young generations
    every batch, so short-lived cyclic garbage is still freed. Full passes resume afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class Loader:
    """The state of one import: the service's id maps and code lists, shared by every file."""

    def __init__(self, *, service: Service, user, report: ImportReport, progress: Progress | None,
                 dry_run: bool = False, claimed_areas: set[str] = frozenset()):
        self.service = service
        self.dry_run = dry_run
        self.provisional_key = 0  # a dry run's keys for new records: negative, so never a stored key
        self.user = user
        self.actor = actor_fields(user)  # the audit columns of every event this import writes
        # The area codes whose population and census rows this import may write: any for a system actor;
        # for a person, the service's own codes that no other service lists.
        self.own_areas: set[str] | None = (
            None if is_system(user) else set(service.area_codes or []) - set(claimed_areas))
        self.report = report
        self.progress = progress
        self.now = timezone.now()
        self._children: dict[str, ChildStub] | None = None
        self._offences: dict[str, OffenceRef] | None = None
        self._outcomes: dict[str, RecordRef] | None = None
        self._interventions: dict[str, RecordRef] | None = None
        self.invalid: dict[str, dict[str, int]] = defaultdict(dict)  # file -> id -> row with problems
        self.unreadable: set[str] = set()  # files whose header (or bytes) could not be read
        self.codes = {
            "category": {c.lower(): c for c in OffenceCategory.objects.values_list("code", flat=True)},
            "outcome_type": {c.lower(): c for c in OutcomeType.objects.values_list("code", flat=True)},
        }
        self.mapping: dict[str, dict[str, str]] = {"category": {}, "outcome_type": {}}
        for kind, local, code in self.of_service(LocalCodeMapping.objects).values_list(
                "kind", "local_name", "code"):
            self.mapping.setdefault(kind, {})[local.strip().lower()] = code

    def of_service(self, records, lookup: str = "service"):
        """The service's records; none for a service that a dry run would create."""
        if self.service.pk is None:
            return records.none()
        return records.filter(**{lookup: self.service})

    # -- id maps, loaded from the database on first use --------------------------------------------
    @property
    def children(self) -> dict[str, ChildStub]:
        if self._children is None:
            self._children = {
                ref: ChildStub(pk, dob, ref) for ref, pk, dob in
                self.of_service(Child.objects).values_list("reference", "pk", "date_of_birth")
            }
        return self._children

    @property
    def offences(self) -> dict[str, OffenceRef]:
        if self._offences is None:
            from openyj.offending.models import Offence

            self._offences = {
                ref: OffenceRef(pk, child_id, ref, when) for pk, child_id, ref, when in
                self.of_service(Offence.objects).values_list("pk", "child_id", "reference",
                                                                         "offence_date")
            }
        return self._offences

    def _records(self, model_label: str) -> dict[str, RecordRef]:
        model = BY_NAME[{"offending.Outcome": "outcomes.csv",
                         "casework.Intervention": "interventions.csv"}[model_label]].get_model()
        return {ref: RecordRef(pk, child_id) for pk, child_id, ref in
                self.of_service(model.objects).values_list("pk", "child_id", "reference")}

    @property
    def outcomes(self) -> dict[str, RecordRef]:
        if self._outcomes is None:
            self._outcomes = self._records("offending.Outcome")
        return self._outcomes

    @property
    def interventions(self) -> dict[str, RecordRef]:
        if self._interventions is None:
            self._interventions = self._records("casework.Intervention")
        return self._interventions

    # -- one file ------------------------------------------------------------------------------------
    def load(self, spec: FileSpec, source: readers.Source) -> None:
        report = self.report.file(spec.name)
        registered = REGISTERED.get(spec.name)
        # A dry run keeps the ids of this file's new records in memory only: copy the map to undo them.
        before = dict(getattr(self, registered)) if self.dry_run and registered else None
        try:
            # A savepoint per file: a file that cannot be read to its end leaves nothing behind, even
            # when the valid rows of the other files are kept.
            with nullcontext() if self.dry_run else transaction.atomic():
                table = source.open(spec.name)
                FileLoad(self, spec, table, report).run()
        except readers.TableError as exc:
            report.add(Problem(spec.name, exc.row, "", "", exc.message))
            report.created = report.updated = report.unchanged = 0
            report.skipped = report.rows
            self.unreadable.add(spec.name)
            if self.dry_run:
                if before is not None:
                    setattr(self, f"_{registered}", before)
            else:
                self._children = self._offences = self._outcomes = self._interventions = None
        if self.dry_run:
            return
        audit(user=self.user, verb=AuditEvent.Verb.IMPORT, service=self.service, object_type=spec.model,
              summary=(f"Imported {spec.name} from {self.report.source}: {report.created} created, "
                       f"{report.updated} updated, {report.unchanged} unchanged, {report.skipped} skipped"),
              changes={"file": spec.name, "source": self.report.source, "rows": report.rows,
                       "created": report.created, "updated": report.updated, "unchanged": report.unchanged,
                       "skipped": report.skipped})

    def missing_message(self, what: str, file_name: str, ref: str, own_file: str) -> str:
        if file_name in self.unreadable:
            return (f"{what} {ref} cannot be found because {file_name} could not be read (see its problems). "
                    f"Fix {file_name} first.")
        bad_row = self.invalid[file_name].get(ref)
        if bad_row is not None:
            return (f"{what} {ref} has problems in {file_name} row {bad_row}, so this row cannot be loaded "
                    "either. Fix that row first.")
        return (f"{what} {ref} is not in {file_name} and not already in this service. Check the id, or add "
                f"the {what} to {file_name}.")


class FileLoad:
    """Reading, checking and writing one file."""

    def __init__(self, loader: Loader, spec: FileSpec, table: readers.Table, report: FileReport):
        self.loader = loader
        self.spec = spec
        self.table = table
        self.report = report
        self.model = spec.get_model()
        self.scoped = spec.scope == "service"
        self.pending: list[tuple[models.Model, list | None]] = []
        self.updates: list[models.Model] = []
        self.update_fields: list[str] = []
        self.m2m_replace: dict[int, list[int]] = {}
        self.change_events: list[AuditEvent] = []
        self.seen: dict[tuple, int] = {}
        self.registers = spec.name in REGISTERED
        # Model.clean() does nothing: a model that does not override it has no rules to run.
        self.has_clean = self.model.clean is not models.Model.clean
        self.next_id: int | None = None  # SQLite: the next free primary key
        self.sequence: str | None = None  # PostgreSQL: the primary key's sequence
        self.prepare_insert()

    # -- header --------------------------------------------------------------------------------------
    def read_header(self) -> list[Plan] | None:
        spec, report = self.spec, self.report
        header = self.table.header
        if header is None:
            report.add(Problem(spec.name, None, "", "", f"{spec.name} is empty. It needs at least the header row "
                                                        f"({', '.join(spec.required_columns)}); remove the file "
                                                        "if you have nothing to import."))
            return None
        names = [h.strip().lower() for h in header]
        while names and names[-1] == "":
            names.pop()
        report.header = names
        ok = True
        plans: list[Plan] = []
        seen: set[str] = set()
        for index, name in enumerate(names):
            if name == "":
                report.add(Problem(spec.name, 1, f"column {index + 1}", "", "This column has no name in the "
                                   "header row. Name it or delete the column."))
                ok = False
                continue
            if name in seen:
                report.add(Problem(spec.name, 1, name, name, f"{name} appears twice in the header row. Keep one."))
                ok = False
                continue
            seen.add(name)
            if name not in spec.column_names:
                guess = get_close_matches(name, spec.column_names, n=1)
                hint = f" Did you mean {guess[0]}?" if guess else ""
                separator = (" The file looks separated by semicolons or tabs: save it as comma-separated CSV."
                             if (";" in name or "\t" in name) else "")
                report.add(Problem(spec.name, 1, name, name, f"{name} is not a column of {spec.name}.{hint}"
                                   f"{separator} Rename or remove it; the columns are: "
                                   f"{', '.join(spec.column_names)}."))
                ok = False
                continue
            plans.append(self.plan(index, spec.column(name)))
        for column in spec.required_columns:
            if column not in seen:
                report.add(Problem(spec.name, 1, column, "", f"The required column {column} is missing. Add it "
                                   "to the header row and fill it in for every row."))
                ok = False
        return plans if ok else None

    def plan(self, index: int, column: Column) -> Plan:
        if column.kind == "offences":
            return Plan(index, column, "offences", None)
        field = self.model._meta.get_field(column.model_field)
        if column.kind == "field":
            read = memoised(with_extra_rule(self.spec.name, column.name, field_reader(field), field))
            return Plan(index, column, field.attname, read)
        return Plan(index, column, field.attname, None)

    # -- rows ----------------------------------------------------------------------------------------
    def run(self) -> None:
        plans = self.read_header()
        if plans is None:
            self.loader.unreadable.add(self.spec.name)
            for _ in self.table.rows:
                self.report.rows += 1
            self.report.skipped = self.report.rows
            return
        width = self.width = len(self.report.header)
        self.ref_index = next((p.index for p in plans if p.read is not None and p.attname == "reference"), None)
        existing = self.load_existing(plans)
        compare = [p.attname for p in plans if p.column.name not in self.spec.key and p.column.kind != "offences"]
        has_updated_at = _has_field(self.model, "updated_at")
        self.update_fields = compare + (["updated_at"] if has_updated_at else [])
        has_m2m = any(p.column.kind == "offences" for p in plans)
        existing_links = self.load_links() if has_m2m else {}
        key_attnames = self.key_attnames(plans)
        self.audited = [*key_attnames, *compare]  # the values a CREATE event records
        loader = self.loader
        name = self.spec.name
        report = self.report
        if self.registers:
            # Load the service's ids before this file adds to them (so the new ones are not read back).
            getattr(loader, REGISTERED[name])
        for row_number, cells, cell_problems in self.table.rows:
            if not "".join(cells).strip():  # a blank row
                continue
            report.rows += 1
            if loader.progress and report.rows % PROGRESS_EVERY == 0:
                loader.progress(f"{name}: {report.rows:,} rows checked")
            errors: list[tuple[str, str, str]] = []
            if cell_problems:
                for index, message in cell_problems:
                    column = report.header[index] if index < width else f"column {index + 1}"
                    errors.append((column, cells[index], message))
            if len(cells) > width and any(c.strip() for c in cells[width:]):
                errors.append((f"column {width + 1}", cells[width], "this row has more cells than the header "
                               "has columns. Remove the extra cells or add the column's name."))
            values, links, ref = self.read_row(plans, cells, errors)
            if not self.scoped and loader.own_areas is not None and not errors:
                self.check_area(values, errors)
            instance = None
            key = None
            if not errors:
                key = tuple(values[a] for a in key_attnames)
                first = self.seen.get(key)
                if first is not None:
                    errors.append((self.spec.key[0], str(key[0] if len(key) == 1 else ref),
                                   self.duplicate_message(key, first)))
                else:
                    self.seen[key] = row_number
                    instance = self.build(values, errors)
            if errors:
                self.reject(row_number, cells, errors, ref)
                continue
            current = existing.get(key)
            if current is None:
                report.created += 1
                self.pending.append((instance, links))
                if name == "code_mapping.csv":
                    self.remember(instance)
                if len(self.pending) >= FLUSH_EVERY:
                    self.flush()
                continue
            pk, stored = current
            changes = {}
            for attname, old in zip(compare, stored, strict=True):
                new = values[attname]
                if old != new and not (old in (None, "") and new in (None, "")):
                    changes[attname] = [plain(old), plain(new)]
            if links is not None:
                old_links = existing_links.get(pk, set())
                if set(links) != old_links:
                    changes["offences"] = [sorted(self.offence_refs(old_links)), sorted(self.offence_refs(links))]
                    self.m2m_replace[pk] = links
            instance.pk = pk
            self.remember(instance, updated=True)
            if not changes:
                report.unchanged += 1
                continue
            report.updated += 1
            if has_updated_at:
                instance.updated_at = loader.now
            self.updates.append(instance)
            self.change_events.append(AuditEvent(
                **loader.actor, service=loader.service if self.scoped else None, verb=AuditEvent.Verb.CHANGE,
                object_type=self.model._meta.label, object_id=str(pk), child_id=child_id_of(instance),
                summary=f"Changed by import of {name}", changes=changes,
            ))
            if len(self.updates) >= FLUSH_EVERY:
                self.flush()
        self.finish()
        if loader.progress:
            loader.progress(f"{name}: {report.rows:,} rows checked")

    def check_area(self, values: dict, errors: list) -> None:
        """A person's import writes population and census rows only for their service's own areas."""
        area = values.get("area_code")
        if area is None or area in self.loader.own_areas:
            return
        own = ", ".join(sorted(self.loader.own_areas)) or "none yet"
        errors.append(("area_code", area, f"{area} is not one of this service's own area codes ({own}), so its "
                       "rows cannot be imported here: they are other services' denominators too. Remove these "
                       "rows, or ask the administrator of OpenYJ to load them from the command line."))

    def read_row(self, plans: list[Plan], cells: list[str], errors: list) -> tuple[dict, list | None, str]:
        values: dict = {}
        links = None
        child = None
        loader = self.loader
        deferred: list[tuple[Plan, str]] = []
        if len(cells) < self.width:  # a short row: the missing cells are empty
            cells = [*cells, *([""] * (self.width - len(cells)))]
        ref = "" if self.ref_index is None else cells[self.ref_index].strip()
        for plan in plans:
            text = cells[plan.index].strip()
            read = plan.read
            if read is not None:
                try:
                    values[plan.attname] = read(text)
                except CellError as exc:
                    errors.append((plan.column.name, text, exc.message))
                continue
            kind = plan.column.kind
            if kind == "child":
                if not text:
                    errors.append(("child_id", "", "this cell is empty. Enter the child's id from children.csv."))
                    continue
                child = loader.children.get(text)
                if child is None:
                    errors.append(("child_id", text, loader.missing_message("child", "children.csv", text,
                                                                             self.spec.name)))
                    continue
                values["child_id"] = child.pk
                values["_child"] = child
            else:
                deferred.append((plan, text))
        # Links to other records are read once the row's child is known.
        for plan, text in deferred:
            kind = plan.column.kind
            name = plan.column.name
            if kind == "code":
                if not text:
                    if plan.column.required:
                        errors.append((name, "", f"this cell is empty. Enter the {name} code: it is required."))
                    values[plan.attname] = None
                    continue
                code = self.code_for(plan.column.mapping, text)
                if code is None:
                    errors.append((name, text, self.code_error(plan.column.mapping, text)))
                else:
                    values[plan.attname] = code
            elif kind in ("outcome", "intervention"):
                if not text:
                    values[plan.attname] = None
                    continue
                refs = loader.outcomes if kind == "outcome" else loader.interventions
                target = refs.get(text)
                file_name = f"{kind}s.csv"
                if target is None:
                    errors.append((name, text, loader.missing_message(kind, file_name, text, self.spec.name)))
                elif child is not None and target.child_id != child.pk:
                    errors.append((name, text, f"{kind} {text} belongs to another child. Use an {kind} of "
                                               "this row's child."))
                else:
                    values[plan.attname] = target.pk
            elif kind == "offences":
                links = []
                found = []
                for item in dict.fromkeys(part.strip() for part in text.split(";")):
                    if not item:
                        continue
                    offence = loader.offences.get(item)
                    if offence is None:
                        errors.append((name, item, loader.missing_message("offence", "offences.csv", item,
                                                                           self.spec.name)))
                        continue
                    found.append(offence)
                    links.append(offence.pk)
                if plan.column.same_child and child is not None and found:
                    try:
                        # The outcome service's own rule: same child, committed on or before the outcome.
                        check_outcome_offences(child, values.get("outcome_date"), found)
                    except ValidationError as exc:
                        for _field, message in model_errors(exc):
                            errors.append((name, text, message))
        if self.spec.name == "code_mapping.csv" and not errors:
            kind, code = values["kind"], values["code"]
            if code.lower() not in loader.codes[kind]:
                what = "outcome type" if kind == "outcome_type" else "offence category"
                errors.append(("code", code, code_message(code, sorted(loader.codes[kind].values()), what)))
            else:
                values["code"] = loader.codes[kind][code.lower()]
        return values, links, ref

    def code_for(self, kind: str, text: str) -> str | None:
        loader = self.loader
        return loader.codes[kind].get(text.lower()) or loader.mapping.get(kind, {}).get(text.lower())

    def code_error(self, kind: str, text: str) -> str:
        what = "outcome type" if kind == "outcome_type" else "offence category"
        allowed = sorted(self.loader.codes[kind].values())
        return (code_message(text, allowed, what).removesuffix(".")
                + f". If {text} is your own name for a code, map it once in code_mapping.csv "
                  f"(kind {kind}, local_name {text}, code …).")

    def build(self, values: dict, errors: list) -> models.Model | None:
        """An unsaved instance, checked with the model's own ``clean()``.

        The instance is assembled directly from the field defaults and the row's values (what
        ``Model.from_db`` does for a fetched row) rather than through ``Model.__init__``: the same
        object, several times faster, which matters at a million rows.
        """
        child = values.pop("_child", None)
        instance = self.model.__new__(self.model)
        data = instance.__dict__
        data.update(self.defaults)
        data.update(values)
        instance._state = ModelState()
        if child is not None:
            # The rules read ``self.child`` (date of birth): give them the child without a query.
            instance._state.fields_cache["child"] = child
        try:
            if self.has_clean:
                instance.clean()
        except ValidationError as exc:
            for field_name, message in model_errors(exc):
                errors.append((self.column_for(field_name), _text(values.get(self.attname_for(field_name))),
                               message))
        if child is not None:
            del instance._state.fields_cache["child"]
        return instance

    def column_for(self, field_name: str) -> str:
        for column in self.spec.columns:
            if column.model_field == field_name:
                return column.name
        return field_name

    def attname_for(self, field_name: str) -> str:
        try:
            return self.model._meta.get_field(field_name).attname
        except Exception:  # noqa: BLE001 - NON_FIELD_ERRORS or a name that is not a field
            return field_name

    def reject(self, row_number: int, cells: list[str], errors: list, ref: str) -> None:
        report = self.report
        report.skipped += 1
        for column, value, message in errors:
            report.add(Problem(self.spec.name, row_number, column, value, message))
        if len(report.skipped_rows) < MAX_SKIPPED_ROWS_KEPT:
            report.skipped_rows.append([row_number, *cells])
        if ref:
            self.loader.invalid[self.spec.name].setdefault(ref, row_number)

    def duplicate_message(self, key: tuple, first: int) -> str:
        if len(self.spec.key) == 1:
            return (f"{key[0]} appears more than once in {self.spec.name} (first in row {first}). Each row needs "
                    f"its own {self.spec.key[0]}: remove the repeat or give it a new id.")
        return (f"This row repeats row {first} ({', '.join(self.spec.key)} are the same). Remove the repeat.")

    # -- existing records ---------------------------------------------------------------------------
    def key_attnames(self, plans: list[Plan]) -> list[str]:
        by_column = {p.column.name: p.attname for p in plans}
        return [by_column[c] for c in self.spec.key]

    def base_queryset(self):
        qs = self.model.objects.all()
        return self.loader.of_service(qs) if self.scoped else qs

    def load_existing(self, plans: list[Plan]) -> dict[tuple, tuple[int, tuple]]:
        keys = self.key_attnames(plans)
        compare = [p.attname for p in plans if p.column.name not in self.spec.key and p.column.kind != "offences"]
        n = len(keys)
        return {tuple(row[1:n + 1]): (row[0], row[n + 1:])
                for row in self.base_queryset().values_list("pk", *keys, *compare).iterator(chunk_size=5000)}

    def load_links(self) -> dict[int, set[int]]:
        through = self.model.offences.through
        owner = f"{self.model._meta.model_name}_id"
        links: dict[int, set[int]] = defaultdict(set)
        rows = self.loader.of_service(through.objects, f"{self.model._meta.model_name}__service")
        for owner_id, offence_id in rows.values_list(owner, "offence_id").iterator(chunk_size=5000):
            links[owner_id].add(offence_id)
        return links

    def offence_refs(self, pks) -> list[str]:
        by_pk = getattr(self, "_offence_by_pk", None)
        if by_pk is None:
            by_pk = self._offence_by_pk = {o.pk: o.reference for o in self.loader.offences.values()}
        return [by_pk.get(pk, str(pk)) for pk in pks]

    # -- writing ------------------------------------------------------------------------------------
    def remember(self, instance: models.Model, *, updated: bool = False) -> None:
        """Make a record findable by the files loaded after this one."""
        loader = self.loader
        name = self.spec.name
        if name == "children.csv":
            loader.children[instance.reference] = ChildStub(instance.pk, instance.date_of_birth, instance.reference)
        elif name == "offences.csv":
            loader.offences[instance.reference] = OffenceRef(instance.pk, instance.child_id, instance.reference,
                                                             instance.offence_date)
        elif name == "outcomes.csv":
            loader.outcomes[instance.reference] = RecordRef(instance.pk, instance.child_id)
        elif name == "interventions.csv":
            loader.interventions[instance.reference] = RecordRef(instance.pk, instance.child_id)
        elif name == "code_mapping.csv":
            loader.mapping.setdefault(instance.kind, {})[instance.local_name.strip().lower()] = instance.code

    def flush(self) -> None:
        if self.pending:
            objs = [obj for obj, _links in self.pending]
            pk = self.model._meta.pk.attname
            for obj, new_id in zip(objs, self.new_ids(len(objs)), strict=True):
                obj.__dict__[pk] = new_id
            if not self.loader.dry_run:
                self.insert(objs)
                self.audit_created()
            if self.registers:
                for obj in objs:
                    self.remember(obj)
            links = [(obj.pk, offence_pk) for obj, links in self.pending if links for offence_pk in links]
            if links and not self.loader.dry_run:
                raw_insert(self.connection, self.link_insert_sql, self.link_copy_sql, links)
            self.pending = []
            del objs, links  # the batch is freed before the collection below
        if self.loader.dry_run:
            # Counted and checked; nothing to write.
            self.updates, self.m2m_replace, self.change_events = [], {}, []
        if self.updates:
            self.model.objects.bulk_update(self.updates, self.update_fields, batch_size=500)
            self.updates = []
        if self.m2m_replace:
            through = self.model.offences.through
            owner = f"{self.model._meta.model_name}_id"
            through.objects.filter(**{f"{owner}__in": list(self.m2m_replace)}).delete()
            rows = [row for pk, links in self.m2m_replace.items() for row in self._through(pk, links)]
            through.objects.bulk_create(rows, batch_size=2000)
            self.m2m_replace = {}
        if self.change_events:
            AuditEvent.objects.bulk_create(self.change_events, batch_size=1000)
            self.change_events = []
        gc.collect(1)  # young objects only (the batch just written is already freed): see _no_full_collections

    def audit_created(self) -> None:
        """One CREATE event per new record, with the values it was created with (written in bulk)."""
        loader, label, name = self.loader, self.model._meta.label, self.spec.name
        service = loader.service if self.scoped else None
        events = []
        for obj, links in self.pending:
            values = obj.__dict__
            changes = {a: [None, plain(values[a])] for a in self.audited if values.get(a) not in (None, "")}
            if links:
                changes["offences"] = [None, sorted(self.offence_refs(links))]
            events.append(AuditEvent(**loader.actor, service=service, verb=AuditEvent.Verb.CREATE, object_type=label,
                                     object_id=str(obj.pk), child_id=child_id_of(obj),
                                     summary=f"Created by import of {name}", changes=changes))
        AuditEvent.objects.bulk_create(events, batch_size=1000)

    def prepare_insert(self) -> None:
        """The INSERT statement and, per column, the database preparation the ORM would apply."""
        connection = connections[self.model.objects.db]
        if connection.vendor not in ("sqlite", "postgresql"):
            raise ImproperlyConfigured(f"The importer writes to SQLite or PostgreSQL, not {connection.vendor}.")
        self.connection = connection
        # The primary key is included: new records get their keys before they are written (new_ids), so
        # later files can refer to them without reading them back.
        fields = list(self.model._meta.concrete_fields)
        self.insert_sql, self.copy_sql = _insert_statements(connection, self.model._meta.db_table,
                                                            [f.column for f in fields])
        if any(f.name == "offences" for f in self.model._meta.many_to_many):
            through = self.model.offences.through._meta
            self.link_insert_sql, self.link_copy_sql = _insert_statements(
                connection, through.db_table,
                [through.get_field(self.model._meta.model_name).column, through.get_field("offence").column])
        # Dates, times and decimals are prepared for the database as bulk_create would (the field's own
        # get_db_prep_save; for a plain date, whose cell reader already made a date, that is just the
        # backend's adapt_datefield_value); text, numbers and booleans go to the driver as they are.
        self.insert_prepared = []
        for i, f in enumerate(fields):
            if type(f) is models.DateField:
                self.insert_prepared.append((i, _remembering(connection.ops.adapt_datefield_value)))
            elif isinstance(f, models.DateTimeField):  # created_at, updated_at: the same moment on every row
                self.insert_prepared.append((i, _remembering(partial(f.get_db_prep_save, connection=connection))))
            elif isinstance(f, (models.DateField, models.DecimalField, models.TimeField, models.JSONField)):
                self.insert_prepared.append((i, partial(f.get_db_prep_save, connection=connection)))
        self.insert_row = itemgetter(*(f.attname for f in fields))
        self.defaults = {f.attname: f.get_default() for f in self.model._meta.concrete_fields}
        for f in self.model._meta.concrete_fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                self.defaults[f.attname] = self.loader.now
        if self.scoped:
            self.defaults["service_id"] = self.loader.service.pk

    def insert(self, objs: list[models.Model]) -> None:
        """Insert new records with one prepared statement (``executemany``): ``bulk_create`` compiles
        SQL for every batch and was most of the import's time."""
        prepared = self.insert_prepared
        get_row = self.insert_row
        params = []
        for obj in objs:
            row = list(get_row(obj.__dict__))
            for i, prepare in prepared:
                if row[i] is not None:
                    row[i] = prepare(row[i])
            params.append(row)
        raw_insert(self.connection, self.insert_sql, self.copy_sql, params)

    def new_ids(self, count: int) -> list[int] | range:
        """Primary keys for ``count`` new records, taken before they are written.

        PostgreSQL hands them out from the table's own sequence (safe alongside other writers). SQLite
        counts on from the largest key the table has ever used (its ``AUTOINCREMENT`` counter): the
        import is one transaction, and SQLite lets only one transaction write at a time — a writer that
        got in first makes this import fail whole (and a clash would break the primary key), never
        half-write it.
        """
        if self.loader.dry_run:
            first = self.loader.provisional_key - 1
            self.loader.provisional_key -= count
            return range(first, first - count, -1)
        meta = self.model._meta
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "postgresql":
                if self.sequence is None:
                    cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [meta.db_table, meta.pk.column])
                    self.sequence = cursor.fetchone()[0]
                cursor.execute("SELECT nextval(%s::regclass) FROM generate_series(1, %s)", [self.sequence, count])
                return [row[0] for row in cursor.fetchall()]
            if self.next_id is None:
                quote = self.connection.ops.quote_name
                cursor.execute(
                    f"SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "  # noqa: S608
                    f"coalesce((SELECT max({quote(meta.pk.column)}) FROM {quote(meta.db_table)}), 0))",
                    [meta.db_table])
                self.next_id = cursor.fetchone()[0] + 1
        first, self.next_id = self.next_id, self.next_id + count
        return range(first, first + count)

    def finish(self) -> None:
        """After the last row: write what is still pending."""
        self.flush()

    def _through(self, pk: int, links: list[int]):
        through = self.model.offences.through
        owner = f"{self.model._meta.model_name}_id"
        return [through(**{owner: pk, "offence_id": offence_pk}) for offence_pk in links]


def _remembering(prepare: Callable, size: int = 50_000) -> Callable:
    """``prepare`` for values (dates, moments) that repeat from row to row, each prepared once."""
    memo: dict = {}

    def cached(value):
        prepared = memo.get(value)
        if prepared is None:
            prepared = prepare(value)
            if len(memo) < size:
                memo[value] = prepared
        return prepared
    return cached


def _insert_statements(connection, table: str, columns: list[str]) -> tuple[str, str]:
    """``INSERT … VALUES`` and ``COPY … FROM STDIN`` for a table. Table and column names come from the
    models, never from the upload; values are always parameters."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    return (f"INSERT INTO {quote(table)} ({names}) VALUES ({placeholders})",  # noqa: S608
            f"COPY {quote(table)} ({names}) FROM STDIN")


def raw_insert(connection, insert_sql: str, copy_sql: str, rows: list) -> None:
    """Insert rows of already-prepared values: COPY on PostgreSQL, a prepared executemany elsewhere."""
    if not rows:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(copy_sql) as copy:
                for row in rows:
                    copy.write_row(row)
            return
        for start in range(0, len(rows), 2000):
            cursor.executemany(insert_sql, rows[start:start + 2000])


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.concrete_fields)


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
