"""Property-based tests: random and mutated files never crash the import and never half-write.

For any input the import returns a report; when the report has a problem, the database is exactly as
it was before; when it has none, every row is accounted for as created, updated or unchanged.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

import pytest
from django.apps import apps
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openyj.core.actors import COMMAND_LINE
from openyj.interchange.importer import import_path
from openyj.interchange.schema import FILE_NAMES
from tests.interchange.helpers import VALID, to_csv, write_folder

pytestmark = pytest.mark.django_db

SETTINGS = settings(max_examples=int(os.environ.get("OPENYJ_HYPOTHESIS_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
MODELS = ["people.Child", "offending.Offence", "offending.Outcome", "casework.Intervention", "casework.Victim",
          "core.AuditEvent", "core.Service", "offending.LocalCodeMapping"]

# Cells that tend to find trouble: dates, codes, ids, numbers, formula-ish and odd text.
nasty_cell = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["", " ", "2023-02-29", "2024-02-29", "9999-12-31", "0000-01-01", "1900-01-01",
                     "C1", "C2", "O1", "O3", "D1", "O1;O3", ";;", "true", "FALSE", "yes", "-1", "0", "9",
                     "1e9", "NaN", "Infinity", "=1+1", "'=1+1", "@SUM(A1)", "male", "robbery", "\x00",
                     "a" * 400, "1,5", "12.55", "referral_order", "\ufeff", "\r\n"]),
)


def snapshot() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in MODELS}


def check(path: Path, service_code: str, **kwargs):
    before = snapshot()
    report = import_path(path, user=COMMAND_LINE, service_code=service_code, **kwargs)  # must never raise
    after = snapshot()
    if not report.ok and not kwargs.get("keep_valid"):
        assert after == before, report.text()
        assert not report.applied
    if report.ok:
        for file_report in report.files.values():
            assert file_report.rows == file_report.created + file_report.updated + file_report.unchanged
    for file_report in report.files.values():
        assert file_report.skipped <= file_report.rows
    return report


@SETTINGS
@given(data=st.data())
def test_mutated_cells_never_crash_or_half_write(service_a, data):
    files = {k: [list(r) for r in v] for k, v in VALID.items()}
    for _ in range(data.draw(st.integers(1, 4))):
        name = data.draw(st.sampled_from(sorted(files)))
        rows = files[name]
        row = data.draw(st.integers(0, len(rows) - 1))
        column = data.draw(st.integers(0, len(rows[row]) - 1))
        rows[row][column] = data.draw(nasty_cell)
    keep_valid = data.draw(st.booleans())
    with transaction.atomic(), tempfile.TemporaryDirectory() as tmp:
        check(write_folder(Path(tmp) / "data", files), service_a.code, keep_valid=keep_valid)
        transaction.set_rollback(True)


@SETTINGS
@given(data=st.data())
def test_structural_mutations_never_crash(service_a, data):
    """Rows dropped, duplicated, shortened or lengthened; files truncated at any byte."""
    files: dict[str, object] = {k: [list(r) for r in v] for k, v in VALID.items()}
    name = data.draw(st.sampled_from(sorted(files)))
    rows = files[name]
    action = data.draw(st.sampled_from(["drop", "duplicate", "shorten", "lengthen", "truncate", "header"]))
    index = data.draw(st.integers(0, len(rows) - 1))
    if action == "drop":
        del rows[index]
    elif action == "duplicate":
        rows.insert(index, list(rows[index]))
    elif action == "shorten":
        rows[index] = rows[index][: data.draw(st.integers(0, len(rows[index])))]
    elif action == "lengthen":
        rows[index] = rows[index] + data.draw(st.lists(nasty_cell, min_size=1, max_size=3))
    elif action == "header":
        rows[0] = data.draw(st.lists(st.sampled_from(rows[0] + ["x", "", "child_id"]), max_size=12))
    else:
        raw = to_csv(rows).encode()
        files[name] = raw[: data.draw(st.integers(0, len(raw)))]
    with transaction.atomic(), tempfile.TemporaryDirectory() as tmp:
        check(write_folder(Path(tmp) / "data", files), service_a.code)
        transaction.set_rollback(True)


@SETTINGS
@given(name=st.sampled_from(FILE_NAMES), content=st.binary(max_size=300))
def test_random_bytes_as_a_file_never_crash(service_a, name, content):
    with transaction.atomic(), tempfile.TemporaryDirectory() as tmp:
        check(write_folder(Path(tmp) / "data", {**VALID, name: content}), service_a.code)
        transaction.set_rollback(True)


@SETTINGS
@given(content=st.binary(max_size=400), suffix=st.sampled_from([".zip", ".xlsx"]))
def test_random_bytes_as_a_zip_or_workbook_never_crash(service_a, content, suffix):
    with transaction.atomic(), tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"data{suffix}"
        path.write_bytes(content)
        report = check(path, service_a.code)
        assert not report.ok or content == b""  # random bytes are never a valid upload
        transaction.set_rollback(True)


@SETTINGS
@given(names=st.lists(st.sampled_from(["children.csv", "../children.csv", "x/children.csv", "x/offences.csv",
                                       "/abs.csv", "manifest.json", "notes.txt", "__MACOSX/children.csv",
                                       "x/../../y.csv", "x/manifest.json"]), max_size=5),
       body=st.sampled_from([to_csv(VALID["children.csv"]), "", "{}", "garbage,\n\"unclosed"]))
def test_zips_with_any_member_names_never_crash(service_a, names, body):
    with transaction.atomic(), tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "data.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for member in dict.fromkeys(names):
                archive.writestr(member, body)
        report = check(path, service_a.code)
        if any(".." in n or n.startswith("/") for n in names):
            assert not report.ok and report.files == {}
        transaction.set_rollback(True)
