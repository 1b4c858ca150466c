"""Reading the interchange files from a folder, a ``.zip`` of it, or an ``.xlsx`` workbook.

Every reader yields the same thing: for each recognised file, its header and then its rows as lists
of text cells, numbered as a spreadsheet numbers them (the header is row 1). Nothing is written to
disk and nothing is evaluated: zip members are streamed, never extracted, and a spreadsheet formula
is reported, never run. Problems with the upload as a whole (not a zip, a path escaping the folder,
an unknown file, a bad manifest) are collected in ``Source.problems``.
"""

from __future__ import annotations

import codecs
import csv
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from difflib import get_close_matches
from itertools import chain
from pathlib import Path, PurePosixPath

from django.conf import settings

from openyj.interchange.report import Problem
from openyj.interchange.schema import BY_NAME, FILE_NAMES, FORMAT_VERSION, MANIFEST

# Big enough for any real cell, small enough that one hostile cell cannot take all memory.
csv.field_size_limit(1_000_000)
# A line is read at most this many bytes at a time, so one endless line cannot fill memory either.
MAX_LINE_BYTES = 2_000_000
# A workbook's text cells are held in one shared list that the spreadsheet reader loads whole; the
# sheets themselves are streamed. Past this size, that list alone would take gigabytes of memory.
MAX_SHARED_STRINGS_BYTES = 100 * 1024 * 1024
IGNORED_NAMES = {".ds_store", "thumbs.db", "desktop.ini", "readme.md", "readme.txt"}


class TableError(Exception):
    """A file cannot be read any further (wrong encoding, broken CSV)."""

    def __init__(self, message: str, row: int | None = None):
        super().__init__(message)
        self.message = message
        self.row = row


@dataclass
class Table:
    """One file of the upload: its header and a way to stream its rows."""

    name: str
    header: list[str] | None  # None: the file is empty (not even a header)
    rows: Iterator[tuple[int, list[str], list[tuple[int, str]] | None]]
    # rows yields (row number, cells, cell problems) where cell problems are (column index, message)
    # for cells that cannot be taken as text (a spreadsheet formula or error value).


@dataclass
class Source:
    label: str
    kind: str  # folder, zip, xlsx
    manifest: dict = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    _openers: dict = field(default_factory=dict)  # file name -> callable returning a Table
    _close: list = field(default_factory=list)

    @property
    def names(self) -> list[str]:
        return [name for name in FILE_NAMES if name in self._openers]

    def open(self, name: str) -> Table:
        return self._openers[name]()

    def close(self) -> None:
        for closer in self._close:
            closer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_source(path: str | os.PathLike) -> Source:
    """Open a folder, a zip or a workbook. Never raises for bad content: see ``Source.problems``."""
    path = Path(path)
    label = path.name or str(path)
    if path.is_dir():
        return _folder_source(path, label)
    if not path.exists():
        source = Source(label, "missing")
        source.problems.append(Problem("", None, "", str(path), f"{path} does not exist. Check the path."))
        return source
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return _zip_source(path, label)
    if suffix in {".xlsx", ".xlsm"}:
        return _xlsx_source(path, label)
    if suffix == ".csv" and path.name.lower() in BY_NAME:
        source = Source(label, "file")
        source._openers[path.name.lower()] = lambda: _csv_table(path.name.lower(), lambda: path.open("rb"))
        return source
    source = Source(label, "unknown")
    source.problems.append(Problem(
        "", None, "", path.name,
        f"{path.name} is not a folder, a .zip or an .xlsx workbook. Upload the data folder as a .zip, "
        "or a workbook with one sheet per file.",
    ))
    return source


def _unknown_file_problem(name: str, what: str = "file") -> Problem:
    guess = get_close_matches(name.lower(), FILE_NAMES + [MANIFEST], n=1)
    hint = f" Did you mean {guess[0]}?" if guess else ""
    return Problem(name, None, "", name,
                   f"{name} is not a {what} of the format, so it cannot be imported.{hint} Rename it to one "
                   f"of the format's file names ({', '.join(FILE_NAMES)}) or remove it.")


def _register(source: Source, name: str, opener) -> None:
    key = name.lower()
    if key in source._openers:
        source.problems.append(Problem(name, None, "", name, f"There are two files called {key}. Keep one."))
        return
    source._openers[key] = opener


# -- folders -----------------------------------------------------------------------------------------
def _folder_source(path: Path, label: str) -> Source:
    source = Source(label, "folder")
    for entry in sorted(path.iterdir()):
        name = entry.name
        lower = name.lower()
        if entry.is_dir() or lower in IGNORED_NAMES or name.startswith("."):
            continue
        if lower == MANIFEST:
            _read_manifest(source, entry.read_bytes())
        elif lower in BY_NAME:
            _register(source, lower, lambda e=entry, n=lower: _csv_table(n, lambda: e.open("rb")))
        elif lower.endswith(".csv"):
            source.problems.append(_unknown_file_problem(name))
        else:
            source.notes.append(f"{name} is not part of the format and was not read.")
    _check_not_empty(source)
    return source


def _check_not_empty(source: Source) -> None:
    if not source._openers and not source.problems:
        source.problems.append(Problem(
            "", None, "", source.label,
            f"{source.label} holds none of the format's files. Put children.csv and the other files "
            "(see the template) directly in the folder, zip or workbook.",
        ))


# -- zips --------------------------------------------------------------------------------------------
def _zip_source(path: Path, label: str) -> Source:
    source = Source(label, "zip")
    if path.stat().st_size == 0:
        source.problems.append(Problem("", None, "", label, f"{label} is empty (0 bytes). Make the zip again "
                                                           "from the data folder and upload it."))
        return source
    try:
        archive = zipfile.ZipFile(path)
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        source.problems.append(Problem("", None, "", label, f"This file is not a zip: {label} cannot be opened "
                                                           "as one. Make the zip again from the data folder and "
                                                           "upload it."))
        return source
    source._close.append(archive.close)
    for info in members:
        name = info.filename
        pure = PurePosixPath(name.replace("\\", "/"))
        if name.startswith(("/", "\\")) or ".." in pure.parts or (len(name) > 1 and name[1] == ":"):
            source.problems.append(Problem(
                "", None, "", name,
                f"The zip holds a path that points outside its folder ({name}). OpenYJ refuses such zips "
                "entirely: make a new zip of the data folder.",
            ))
    if source.problems:
        return source
    if too_large := _expands_too_far(members, label):
        source.problems.append(too_large)
        return source
    files = [i for i in members if not i.is_dir() and "__MACOSX" not in i.filename
             and not PurePosixPath(i.filename).name.startswith(".")]
    folders = {str(PurePosixPath(i.filename).parent) for i in files
               if PurePosixPath(i.filename).name.lower() in BY_NAME}
    if len(folders) > 1:
        source.problems.append(Problem("", None, "", label, f"{label} holds data files in more than one folder "
                                                           f"({', '.join(sorted(folders))}). Zip one data folder."))
        return source
    folder = folders.pop() if folders else "."
    for info in files:
        pure = PurePosixPath(info.filename)
        if str(pure.parent) != folder:
            continue
        lower = pure.name.lower()
        if lower == MANIFEST:
            try:
                _read_manifest(source, archive.read(info))
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, NotImplementedError):
                source.problems.append(Problem(MANIFEST, None, "", "", "manifest.json cannot be read from the zip."))
        elif lower in BY_NAME:
            _register(source, lower, lambda i=info, n=lower: _csv_table(n, lambda: archive.open(i)))
        elif lower.endswith(".csv"):
            source.problems.append(_unknown_file_problem(pure.name))
        elif lower not in IGNORED_NAMES:
            source.notes.append(f"{pure.name} is not part of the format and was not read.")
    _check_not_empty(source)
    return source


def max_expanded_bytes() -> int:
    return settings.OPENYJ_MAX_EXPANDED_MB * 1024 * 1024


def _expands_too_far(members: list[zipfile.ZipInfo], label: str) -> Problem | None:
    """A zip (or workbook) whose files would expand past the limit, judged from its directory before
    anything is decompressed. Python's zip reader never returns more than a member's stated size, so
    a member that lies about its size cannot get past this either."""
    total = sum(i.file_size for i in members)
    if total <= max_expanded_bytes():
        return None
    return Problem("", None, "", label,
                   f"{label} would expand to {total / 1024**2:,.0f} MB, more than the "
                   f"{settings.OPENYJ_MAX_EXPANDED_MB:,} MB OpenYJ reads at once. Split the data into smaller "
                   "uploads (for example a year at a time), or ask your administrator to import it with "
                   "openyj import.")


class LineTooLong(Exception):
    pass


def _too_much_text(members: list[zipfile.ZipInfo], label: str) -> Problem | None:
    shared = sum(i.file_size for i in members if i.filename.lower().endswith("sharedstrings.xml"))
    if shared <= MAX_SHARED_STRINGS_BYTES:
        return None
    return Problem("", None, "", label,
                   f"{label} holds more text than OpenYJ reads from one workbook "
                   f"({shared / 1024**2:,.0f} MB; at most {MAX_SHARED_STRINGS_BYTES // 1024**2} MB). Save each sheet "
                   "as a CSV file and upload them together as a .zip.")


def _bounded_lines(raw):
    """The lines of a binary file, each read with a length limit (see ``MAX_LINE_BYTES``)."""
    while line := raw.readline(MAX_LINE_BYTES):
        # (A zip member may return a little more than asked: its last decompressed block.)
        if len(line) >= MAX_LINE_BYTES and not line.endswith(b"\n"):
            raise LineTooLong
        yield line


# -- CSV ---------------------------------------------------------------------------------------------
def _csv_table(name: str, open_binary) -> Table:
    """A CSV file, read as UTF-8 (with or without a byte order mark), streamed row by row.

    Lines are decoded one at a time so that a byte that is not UTF-8 is reported at its row.
    """
    try:
        raw = open_binary()
    except (OSError, RuntimeError, ValueError, zipfile.BadZipFile, EOFError, NotImplementedError) as exc:
        raise TableError(f"{name} cannot be read ({exc}).") from exc

    unreadable = (OSError, RuntimeError, zipfile.BadZipFile, EOFError)

    lines = _bounded_lines(raw)

    def first_line():
        try:
            line = next(lines, None)
        except unreadable as exc:
            raise TableError(f"{name} cannot be read to its end ({exc}).") from exc
        if line is None:
            return
        if line[:2] in (b"\xff\xfe", b"\xfe\xff"):
            raise TableError(f"{name} is saved as UTF-16 (\"Unicode text\"). Save it as CSV UTF-8 "
                             "(in Excel: Save As, then \"CSV UTF-8 (Comma delimited)\").", 1)
        yield line.removeprefix(codecs.BOM_UTF8).decode("utf-8")

    # The first line is checked for a byte order mark; the others are decoded one by one in C (map),
    # so that a byte that is not UTF-8 stops the reader at its own row.
    reader = csv.reader(chain(first_line(), map(bytes.decode, lines)))
    row_number = 0

    def next_row():
        try:
            return next(reader, None)
        except UnicodeDecodeError as exc:
            raise TableError(_encoding_message(name), row_number + 1) from exc
        except csv.Error as exc:
            raise TableError(f"{name} cannot be read at row {row_number + 1} ({exc}). Check for a stray "
                             "quote mark, a very long cell or a character that is not text.",
                             row_number + 1) from exc
        except unreadable as exc:
            raise TableError(f"{name} cannot be read to its end ({exc}).") from exc
        except LineTooLong as exc:
            raise TableError(f"{name} row {row_number + 1} is longer than {MAX_LINE_BYTES // 1_000_000} MB, so it "
                             "cannot be a row of data. Check that the file is a CSV file with one row per line.",
                             row_number + 1) from exc

    try:
        header = next_row()
    except TableError:
        raw.close()
        raise
    row_number = 1

    def rows():
        nonlocal row_number
        try:
            while (cells := next_row()) is not None:
                row_number += 1
                yield row_number, cells, None
        finally:
            raw.close()

    return Table(name, header, rows())


def _encoding_message(name: str) -> str:
    return (f"{name} is not saved as UTF-8. Save it as CSV UTF-8 (in Excel: Save As, then "
            "\"CSV UTF-8 (Comma delimited)\") and import it again.")


# -- manifest ----------------------------------------------------------------------------------------
def _read_manifest(source: Source, data: bytes) -> None:
    def bad(message: str, column: str = "", value: str = "") -> None:
        source.problems.append(Problem(MANIFEST, None, column, value, message))

    try:
        manifest = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return bad("manifest.json is not saved as UTF-8. Save it as UTF-8.")
    except ValueError as exc:
        return bad(f"manifest.json is not valid JSON ({exc}). Fix it or remove the file.")
    if not isinstance(manifest, dict):
        return bad("manifest.json must be one JSON object, like {\"format\": 1, \"service\": \"CODE\"}.")
    known = {"format", "service", "name", "area_codes", "extracted_on"}
    for key in manifest:
        if key not in known:
            bad(f"{key} is not a manifest field. Use only {', '.join(sorted(known))}.", key, str(key))
    if "format" in manifest and manifest["format"] != FORMAT_VERSION:
        bad(f"format {manifest['format']} is not one this OpenYJ reads. It reads format {FORMAT_VERSION}.",
            "format", str(manifest["format"]))
    for key in ("service", "name"):
        if key in manifest and not isinstance(manifest[key], str):
            bad(f"{key} must be text.", key, str(manifest[key]))
    codes = manifest.get("area_codes", [])
    if not isinstance(codes, list) or not all(isinstance(c, str) and c.strip() for c in codes):
        bad("area_codes must be a list of ONS area codes, like [\"E08000035\"].", "area_codes", str(codes))
    if "extracted_on" in manifest:
        try:
            date.fromisoformat(str(manifest["extracted_on"]))
        except ValueError:
            bad(f"{manifest['extracted_on']} is not a date. Write it as YYYY-MM-DD.", "extracted_on",
                str(manifest["extracted_on"]))
    source.manifest = manifest


# -- Excel workbooks ---------------------------------------------------------------------------------
def _xlsx_source(path: Path, label: str) -> Source:
    source = Source(label, "xlsx")
    if path.stat().st_size == 0:
        source.problems.append(Problem("", None, "", label, f"{label} is empty (0 bytes)."))
        return source
    try:
        # A workbook is a zip of XML files: its expanded size is checked before a parser opens it.
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
        too_large = _expands_too_far(members, label) or _too_much_text(members, label)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        too_large = None  # not a zip at all: openpyxl reports it below in the same words as any bad workbook
    if too_large:
        source.problems.append(too_large)
        return source
    try:
        from openpyxl import load_workbook

        # read_only streams the sheets; data_only=False keeps formulas as their text, so that they are
        # reported and never taken for their cached results.
        workbook = load_workbook(path, read_only=True, data_only=False)
        sheet_names = list(workbook.sheetnames)
    except Exception:  # noqa: BLE001 - any failure of the third-party parser means "not a workbook"
        source.problems.append(Problem("", None, "", label, f"{label} is not a readable Excel workbook (.xlsx). "
                                                           "Save it again from Excel as an .xlsx workbook."))
        return source
    source._close.append(workbook.close)
    for sheet in sheet_names:
        lower = sheet.strip().lower()
        if lower == "manifest":
            _xlsx_manifest(source, workbook[sheet])
        elif f"{lower}.csv" in BY_NAME:
            name = f"{lower}.csv"
            _register(source, name, lambda s=sheet, n=name: _xlsx_table(n, workbook[s]))
        elif lower in {"readme", "notes", "help"}:
            continue
        else:
            source.problems.append(_unknown_file_problem(sheet, "sheet"))
    _check_not_empty(source)
    return source


def _xlsx_manifest(source: Source, sheet) -> None:
    """A ``manifest`` sheet: one field per row, name in column A and value in column B."""
    manifest: dict = {}
    for row in sheet.iter_rows(values_only=True):
        if not row or row[0] is None:
            continue
        key = str(row[0]).strip()
        value = "" if len(row) < 2 or row[1] is None else _cell_text(row[1])
        if key == "area_codes":
            manifest[key] = [c.strip() for c in value.replace(",", ";").split(";") if c.strip()]
        elif key == "format":
            manifest[key] = int(value) if value.isdigit() else value
        elif key != "field":
            manifest[key] = value
    _read_manifest(source, json.dumps(manifest).encode())


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _xlsx_table(name: str, sheet) -> Table:
    try:
        iterator = sheet.iter_rows()
        first = next(iterator, None)
    except Exception as exc:  # noqa: BLE001 - a damaged sheet
        raise TableError(f"The {name.removesuffix('.csv')} sheet cannot be read. Save the workbook again.") from exc
    header = None
    if first is not None:
        header = [_cell_text(c.value) for c in first]
        while header and header[-1] == "":
            header.pop()
        if not header:
            header = None

    def rows():
        row_number = 1
        try:
            for cells in iterator:
                row_number += 1
                texts: list[str] = []
                problems: list[tuple[int, str]] | None = None
                for index, cell in enumerate(cells):
                    kind = getattr(cell, "data_type", None)
                    value = cell.value
                    if kind == "f" or (isinstance(value, str) and kind != "s" and value.startswith("=")):
                        problems = problems or []
                        problems.append((index, f"{value} is a spreadsheet formula. OpenYJ never runs "
                                                "formulas: type the value itself."))
                        texts.append(str(value))
                    elif kind == "e":
                        problems = problems or []
                        problems.append((index, f"the cell shows the spreadsheet error {value}. Type the value."))
                        texts.append(str(value))
                    else:
                        texts.append(_cell_text(value))
                yield row_number, texts, problems
        except Exception as exc:  # noqa: BLE001 - a damaged sheet
            raise TableError(f"The {name.removesuffix('.csv')} sheet cannot be read past row {row_number}.",
                             row_number + 1) from exc

    return Table(name, header, rows())
