"""What an import found and did: counts per file and every problem, in words a user can act on.

The report is plain data so it can be printed by the command, shown on the "check your data" page,
stored between the check and the confirm, and downloaded (all problems as CSV; the skipped rows as
a zip of files in the interchange format, ready to fix and import again).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import asdict, dataclass, field

# A file with a million bad rows must not exhaust memory: counts stay exact, details are capped.
MAX_PROBLEMS_KEPT = 20_000
MAX_SKIPPED_ROWS_KEPT = 20_000


@dataclass
class Problem:
    file: str
    row: int | None  # spreadsheet row number: the header is row 1, the first data row is row 2
    column: str
    value: str
    message: str

    def text(self) -> str:
        where = self.file or "import"
        if self.row is not None:
            where += f" row {self.row}"
        if self.column:
            where += f", {self.column}"
        return f"{where}: {self.message}"


@dataclass
class FileReport:
    name: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # rows with a problem (not loaded)
    error_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    skipped_rows: list[list] = field(default_factory=list)  # [row number, cells…]

    def add(self, problem: Problem) -> None:
        self.error_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(problem)

    def to_dict(self, *, detail: bool = True, first: int | None = None) -> dict:
        """Counts, and with ``detail`` the problems and the rows with problems; with ``first``, only
        the first problems and none of the rows (what a page shows, see :meth:`ImportReport.for_page`)."""
        data = {
            "rows": self.rows, "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
            "skipped": self.skipped, "errors": self.error_count,
        }
        if detail:
            data["problems"] = [asdict(p) for p in self.problems[:first]]
            data["header"] = self.header
            data["skipped_rows"] = [] if first is not None else self.skipped_rows
        return data

    @classmethod
    def from_dict(cls, name: str, data: dict) -> FileReport:
        report = cls(name=name, **{k: data.get(k, 0) for k in ("rows", "created", "updated", "unchanged",
                                                                "skipped")})
        report.error_count = data.get("errors", 0)
        report.problems = [Problem(**p) for p in data.get("problems", [])]
        report.header = data.get("header", [])
        report.skipped_rows = data.get("skipped_rows", [])
        return report


@dataclass
class ImportReport:
    source: str
    service_code: str
    service_name: str = ""
    service_created: bool = False  # the service did not exist: it is (or would be) created
    dry_run: bool = False
    keep_valid: bool = False
    applied: bool = False  # something was written and committed
    files: dict[str, FileReport] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)  # problems with the upload as a whole
    notes: list[str] = field(default_factory=list)

    # -- summary -----------------------------------------------------------------------------------
    @property
    def error_count(self) -> int:
        return len(self.problems) + sum(f.error_count for f in self.files.values())

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def totals(self) -> dict[str, int]:
        keys = ("rows", "created", "updated", "unchanged", "skipped")
        return {k: sum(getattr(f, k) for f in self.files.values()) for k in keys}

    def all_problems(self):
        yield from self.problems
        for file_report in self.files.values():
            yield from file_report.problems

    def file(self, name: str) -> FileReport:
        if name not in self.files:
            self.files[name] = FileReport(name=name)
        return self.files[name]

    def add(self, problem: Problem) -> None:
        if problem.file and problem.file in self.files:
            self.files[problem.file].add(problem)
        else:
            self.problems.append(problem)

    @property
    def outcome(self) -> str:
        """One sentence saying what happened."""
        if self.dry_run:
            if self.ok:
                return "Check complete: no problems found. Nothing has been written yet."
            return (f"Check complete: {self.error_count} problem{'s'[:self.error_count != 1]} found. "
                    "Nothing has been written.")
        if self.applied and self.ok:
            return "Import complete."
        if self.applied:
            return (f"Import complete for the valid rows only: {self.totals()['skipped']} rows with problems "
                    "were skipped and are listed below.")
        return "Nothing was written because the data has problems. Fix them and import again."

    def __str__(self) -> str:
        return self.text()

    # -- serialisation -----------------------------------------------------------------------------
    def for_page(self, first: int) -> dict:
        """What the import pages keep between requests: every count and upload-wide problem, but only
        the first ``first`` problems of each file and none of the uploaded rows. The rest goes to the
        downloads written beside the upload (and deleted with it)."""
        return self.to_dict(first=first)

    def to_dict(self, *, detail: bool = True, first: int | None = None) -> dict:
        return {
            "source": self.source,
            "service": self.service_code,
            "service_name": self.service_name,
            "service_created": self.service_created,
            "dry_run": self.dry_run,
            "keep_valid": self.keep_valid,
            "applied": self.applied,
            "ok": self.ok,
            "errors": self.error_count,
            "outcome": self.outcome,
            "notes": self.notes,
            "totals": self.totals(),
            "problems": [asdict(p) for p in self.problems],
            "files": {name: f.to_dict(detail=detail, first=first) for name, f in self.files.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> ImportReport:
        report = cls(
            source=data["source"], service_code=data["service"], service_name=data.get("service_name", ""),
            service_created=data.get("service_created", False), dry_run=data.get("dry_run", False),
            keep_valid=data.get("keep_valid", False), applied=data.get("applied", False),
            notes=list(data.get("notes", [])),
        )
        report.problems = [Problem(**p) for p in data.get("problems", [])]
        report.files = {name: FileReport.from_dict(name, f) for name, f in data.get("files", {}).items()}
        return report

    def text(self, *, max_problems_per_file: int = 20) -> str:
        verb = {True: ("would create", "would update"), False: ("created", "updated")}[self.dry_run]
        lines = [f"Import of {self.source} into service {self.service_code}"
                 + (f" ({self.service_name})" if self.service_name else "")]
        if self.service_created:
            lines.append(f"Service {self.service_code} does not exist yet: "
                         + ("it would be created." if self.dry_run else "it has been created."))
        lines.extend(f"Note: {n}" for n in self.notes)
        for problem in self.problems:
            lines.append(f"  ERROR {problem.text()}")
        for name, f in self.files.items():
            lines.append(f"{name}: {f.rows} rows; {f.created} {verb[0]}, {f.updated} {verb[1]}, "
                         f"{f.unchanged} unchanged" + (f", {f.skipped} with problems" if f.skipped else "")
                         + (f"; {f.error_count} problems" if f.error_count else ""))
            for problem in f.problems[:max_problems_per_file]:
                lines.append(f"  ERROR {problem.text()}")
            hidden = f.error_count - min(len(f.problems), max_problems_per_file)
            if hidden > 0:
                lines.append(f"  … and {hidden} more problems in {name} (use --json for all)")
        lines.append(self.outcome)
        return "\n".join(lines)

    def problems_csv(self) -> str:
        """Every problem kept, as a CSV a user can open next to their data."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["file", "row", "column", "value", "problem"])
        for p in self.all_problems():
            writer.writerow([p.file, "" if p.row is None else p.row, p.column,
                             neutralise(p.value), neutralise(p.message)])
        return out.getvalue()

    def skipped_zip(self) -> bytes:
        """The rows that were not loaded, in the interchange format (with their original row numbers
        in a ``source_row`` first column of each file so they can be found again)."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, f in self.files.items():
                if not f.skipped_rows:
                    continue
                out = io.StringIO()
                writer = csv.writer(out)
                writer.writerow(["source_row", *f.header])
                for row in f.skipped_rows:
                    writer.writerow([row[0], *(neutralise(str(c)) for c in row[1:])])
                archive.writestr(name, out.getvalue())
            archive.writestr("problems.csv", self.problems_csv())
        return buffer.getvalue()


# -- spreadsheet formula injection ----------------------------------------------------------------
# A cell that starts with one of these is run as a formula by Excel and LibreOffice. On export such
# text is prefixed with an apostrophe (OWASP's advice); the importer removes exactly that apostrophe,
# so an export imports back to the same text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """Make free text safe to open in a spreadsheet (reversed exactly by :func:`unneutralise`)."""
    if text and text.lstrip("'").startswith(FORMULA_START):
        return "'" + text
    return text


def unneutralise(text: str) -> str:
    if text and text[0] == "'" and text.lstrip("'").startswith(FORMULA_START):
        return text[1:]
    return text
