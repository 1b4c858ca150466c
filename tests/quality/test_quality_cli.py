"""``openyj inspection-rating`` (``manage.py inspection_rating``) against the interchange contract."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.quality.test_quality_rating import LEEDS

ROOT = Path(__file__).resolve().parents[2]


def run(*args):
    """Run the command as a user would, for the real exit status."""
    return subprocess.run([sys.executable, "manage.py", "inspection_rating", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)


@pytest.fixture
def leeds_file(tmp_path):
    path = tmp_path / "leeds.json"
    path.write_text(json.dumps(LEEDS))
    return path


def test_leeds_prints_the_contract_json(leeds_file):
    out = StringIO()
    call_command("inspection_rating", str(leeds_file), stdout=out)
    result = json.loads(out.getvalue())
    assert result["total"] == 16
    assert result["overall"] == "Requires improvement"
    assert result["standards"]["2.1"] == {"rating": "Requires improvement", "score": 1, "limited_by": "2.1.3"}
    assert result["standards"]["3.2"] == {"rating": "Inadequate", "score": 0, "limited_by": "3.2.3"}
    assert result["standards"]["3.4"] == {"rating": "Outstanding", "score": 3, "limited_by": "3.4.1"}
    assert result["standards"]["1.2"] == {"rating": "Good", "score": 2, "limited_by": None}
    assert len(result["standards"]) == 12


def test_exit_status_zero_and_json_on_stdout(leeds_file):
    done = run(str(leeds_file))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["overall"] == "Requires improvement"


def test_exit_status_one_on_invalid_input_naming_the_problem(tmp_path):
    data = json.loads(json.dumps(LEEDS))
    del data["standards"]["2.4"]
    data["standards"]["3.1"]["key_questions"]["3.1.2"] = "36%"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    done = run(str(path))
    assert done.returncode == 1
    assert "standard 2.4 (Reviewing) is missing" in done.stderr
    assert "key question 3.1.2: '36%' is not a number" in done.stderr
    assert done.stdout == ""


@pytest.mark.parametrize("args", [[], ["x.json", "--framework", "hmip-1999"], ["a.json", "b.json"]])
def test_exit_status_two_on_usage_errors(args):
    assert run(*args).returncode == 2


def test_not_json_and_missing_file_are_invalid_input(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with pytest.raises(CommandError) as exc:
        call_command("inspection_rating", str(path))
    assert exc.value.returncode == 1 and "not valid JSON" in str(exc.value)
    with pytest.raises(CommandError) as exc:
        call_command("inspection_rating", str(tmp_path / "nowhere.json"))
    assert exc.value.returncode == 1 and "cannot read" in str(exc.value)


def test_2021_reports_resettlement_separately(tmp_path):
    data = json.loads(json.dumps(LEEDS))
    data["standards"]["3.4"] = {"rating": "Good"}
    data["standards"]["4.1"] = {"rating": "Not rated"}
    path = tmp_path / "y2021.json"
    path.write_text(json.dumps(data))
    out = StringIO()
    call_command("inspection_rating", str(path), "--framework", "hmip-2021", stdout=out)
    result = json.loads(out.getvalue())
    assert result["framework"] == "hmip-2021"
    assert result["total"] == 15
    assert "4.1" not in result["standards"]
    assert result["rated_separately"]["4.1"]["rating"] == "Not rated"


def test_framework_named_in_the_file_is_used_and_a_conflict_refused(tmp_path):
    data = json.loads(json.dumps(LEEDS))
    data["framework"] = "hmip-2018"
    path = tmp_path / "named.json"
    path.write_text(json.dumps(data))
    out = StringIO()
    call_command("inspection_rating", str(path), stdout=out)
    assert json.loads(out.getvalue())["total"] == 16
    with pytest.raises(CommandError) as exc:
        call_command("inspection_rating", str(path), "--framework", "hmip-2021")
    assert exc.value.returncode == 1
