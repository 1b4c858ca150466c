"""Uploads are capped in size and in expanded size, refused with a clear message, and read in bounded memory.

The zip bomb is built by each test, never committed.
"""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openyj.core.actors import COMMAND_LINE
from openyj.interchange import reader
from openyj.interchange.importer import import_path
from openyj.interchange.models import ImportRun
from openyj.people.models import Child
from tests.interchange.helpers import VALID, to_csv

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


def zip_bomb(path, expanded_mb: int):
    """A zip of about 1 MB whose children.csv expands to ``expanded_mb`` MB (written in 1 MB pieces)."""
    piece = b"0" * MB
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("children.csv", "w", force_zip64=True) as member:
            for _ in range(expanded_mb):
                member.write(piece)
    return path


def test_a_zip_bomb_is_refused_quickly_from_its_directory(tmp_path, service_a):
    bomb = zip_bomb(tmp_path / "bomb.zip", 1024)
    assert bomb.stat().st_size < 2 * MB  # about 1 MB on disk, 1 GB expanded
    tracemalloc.start()
    started = time.perf_counter()
    try:
        report = import_path(bomb, user=COMMAND_LINE, service_code=service_a.code, dry_run=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    assert [p.message for p in report.problems] == [
        "bomb.zip would expand to 1,024 MB, more than the 800 MB OpenYJ reads at once. Split the data into smaller "
        "uploads (for example a year at a time), or ask your administrator to import it with openyj import."]
    assert not report.files  # nothing was decompressed
    assert elapsed < 5, elapsed
    assert peak < 20 * MB, peak


def test_an_xlsx_that_expands_too_far_is_refused_before_it_is_parsed(settings, tmp_path, service_a):
    settings.OPENYJ_MAX_EXPANDED_MB = 5
    book = tmp_path / "big.xlsx"
    zip_bomb(book, 6)
    report = import_path(book, user=COMMAND_LINE, service_code=service_a.code, dry_run=True)
    assert report.problems[0].message.startswith("big.xlsx would expand to 6 MB, more than the 5 MB")


def test_a_workbook_with_too_much_shared_text_is_refused(monkeypatch, tmp_path, service_a):
    """A workbook's text cells sit in one list that is read whole: its size is capped on its own."""
    monkeypatch.setattr(reader, "MAX_SHARED_STRINGS_BYTES", 2 * MB)
    book = tmp_path / "wordy.xlsx"
    with zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b"x" * (3 * MB) + b"</sst>")
    report = import_path(book, user=COMMAND_LINE, service_code=service_a.code, dry_run=True)
    assert [p.message for p in report.problems] == [
        "wordy.xlsx holds more text than OpenYJ reads from one workbook (3 MB; at most 2 MB). Save each sheet as a "
        "CSV file and upload them together as a .zip."]


def test_a_member_that_understates_its_size_yields_no_more_than_it_states(tmp_path, service_a):
    """Python's zip reader stops at a member's stated size, so the directory check cannot be fooled."""
    path = zip_bomb(tmp_path / "liar.zip", 20)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("children.csv")
    # Rewrite the stated size in the zip64 extra fields to 1 KB (the real size is 20 MB).
    real = (20 * MB).to_bytes(8, "little")
    assert data.count(real) >= 1
    data = data.replace(real, (1024).to_bytes(8, "little"))
    path.write_bytes(bytes(data))
    tracemalloc.start()
    try:
        report = import_path(path, user=COMMAND_LINE, service_code=service_a.code, dry_run=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.file_size == 20 * MB
    assert report.error_count >= 1  # read as a short, broken file, never as 20 MB
    assert peak < 20 * MB, peak


def test_an_endless_line_is_refused_at_its_row_in_bounded_memory(tmp_path, service_a):
    header = ",".join(VALID["children.csv"][0]) + "\n"
    path = tmp_path / "long.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("children.csv", "w") as member:
            member.write(header.encode())
            member.write(b"C1,2008-05-01,male,white_british")
            for _ in range(10):
                member.write(b",x" * (MB // 2))  # ten million short cells on one line
            member.write(b"\n")
    tracemalloc.start()
    try:
        report = import_path(path, user=COMMAND_LINE, service_code=service_a.code, dry_run=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    problems = list(report.all_problems())
    assert any(p.row == 2 and "row 2 is longer than 2 MB" in p.message for p in problems), problems
    assert peak < 12 * MB, peak


def zipped(files) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, rows in files.items():
            archive.writestr(name, to_csv(rows))
    return buffer.getvalue()


def test_an_upload_over_the_limit_is_refused_by_name_and_nothing_is_kept(settings, client_as, performance_officer,
                                                                         service_a):
    settings.OPENYJ_MAX_UPLOAD_MB = 1
    big = zipped(VALID) + b"\0" * (MB + 1)  # a zip with padding after it: over 1 MB
    response = client_as(performance_officer).post(
        reverse("import_start"), {"data_file": SimpleUploadedFile("whole-history.zip", big)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "whole-history.zip is larger than 1 MB, the largest upload allowed." in page
    assert "Select a .zip" not in page  # the real reason, not "no file"
    assert not ImportRun.objects.exists()
    assert not settings.OPENYJ_UPLOAD_DIR.exists() or not any(settings.OPENYJ_UPLOAD_DIR.iterdir())
    assert not Child.objects.exists()


def test_an_upload_under_the_limit_is_accepted(settings, client_as, performance_officer, service_a):
    settings.OPENYJ_MAX_UPLOAD_MB = 1
    response = client_as(performance_officer).post(
        reverse("import_start"), {"data_file": SimpleUploadedFile("data.zip", zipped(VALID))})
    assert response.status_code == 302
    assert ImportRun.objects.get().status == ImportRun.Status.CHECKED


def test_the_limits_are_stated_on_the_upload_page(settings, client_as, performance_officer):
    settings.OPENYJ_MAX_UPLOAD_MB = 150
    page = client_as(performance_officer).get(reverse("import_start")).content.decode()
    assert "It can be up to 150 MB." in page


def test_zip_members_are_read_as_streams(tmp_path):
    """The reader never holds a whole file: rows come one at a time from the open member."""
    path = tmp_path / "data.zip"
    path.write_bytes(zipped(VALID))
    with reader.open_source(path) as source:
        table = source.open("children.csv")
        first = next(table.rows)
    assert first[0] == 2 and first[1][0] == "C1"
