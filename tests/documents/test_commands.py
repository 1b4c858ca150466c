"""``openyj plan`` and ``openyj board-report``: the contract's file names, formats and exit statuses."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue()


def test_plan_writes_only_the_formats_asked_for(service_a, tmp_path):
    printed = run("plan", "--service", "NORTHDALE", "--year", "2026/27", "--out", str(tmp_path), "--format", "html")
    assert (tmp_path / "html" / "index.html").exists()
    assert not (tmp_path / "youth-justice-plan-2026-27.pdf").exists()
    assert not list(tmp_path.glob(".*"))  # no scratch folder left behind
    assert printed.strip() == f"html: {tmp_path / 'html' / 'index.html'}"
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert "Figures for the 12 months to March 2026." in index


def test_a_pdf_alone_leaves_no_pages_behind(service_a, tmp_path):
    run("plan", "--service", "NORTHDALE", "--year", "2026/27", "--out", str(tmp_path), "--format", "pdf")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["youth-justice-plan-2026-27.pdf"]


def test_the_board_report_is_named_by_the_period_end(service_a, tmp_path):
    run("board_report", "--service", "NORTHDALE", "--from", "2026-01-01", "--to", "2026-03-31",
        "--out", str(tmp_path), "--format", "docx")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board-report-2026-03-31.docx"]


@pytest.mark.parametrize(("args", "says"), [
    (("plan", "--service", "NOPE", "--year", "2026/27"), "no service with the code NOPE"),
    (("plan", "--service", "NORTHDALE", "--year", "2026-27"), "write it as YYYY/YY"),
    (("plan", "--service", "NORTHDALE", "--year", "2026/28"), "write it as YYYY/YY"),
    (("plan", "--service", "NORTHDALE", "--year", "2026/27", "--format", "odt"), "use one or more of docx, pdf, html"),
    (("board_report", "--service", "NORTHDALE", "--from", "2026-02-30", "--to", "2026-03-31"), "not a real date"),
    (("board_report", "--service", "NORTHDALE", "--from", "2026-04-01", "--to", "2026-03-31"), "is before"),
])
def test_invalid_input_exits_1_with_what_to_fix(service_a, tmp_path, args, says):
    with pytest.raises(CommandError) as error:
        run(*args, "--out", str(tmp_path / "out"))
    assert error.value.returncode == 1 and says in str(error.value)
    assert not (tmp_path / "out").exists()


def test_a_missing_option_is_a_usage_error(service_a, tmp_path):
    import subprocess
    import sys

    command = [sys.executable, "-m", "openyj.cli", "plan", "--service", "NORTHDALE", "--out", str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "--year" in done.stderr
