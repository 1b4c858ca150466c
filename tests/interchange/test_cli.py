"""``openyj import`` as the contract describes it."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command

from openyj.people.models import Child
from tests.interchange.helpers import VALID, changed, write_folder

pytestmark = pytest.mark.django_db


def test_import_command_loads_and_exits_0(tmp_path, service_a, capsys):
    call_command("import", str(write_folder(tmp_path / "data")), "--service", service_a.code)
    out = capsys.readouterr().out
    assert "children.csv: 2 rows; 2 created, 0 updated, 0 unchanged" in out
    assert "Import complete." in out
    assert Child.objects.count() == 2


def test_invalid_input_exits_1_with_the_report(tmp_path, service_a, capsys):
    files = changed(VALID, "offences.csv", 2, "offence_date", "2025-13-01")
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(write_folder(tmp_path / "data", files)), "--service", service_a.code)
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert "offences.csv row 3, offence_date: 2025-13-01 is not a real date" in out
    assert "Nothing was written" in out
    assert not Child.objects.exists()


def test_dry_run_json(tmp_path, db, capsys):
    call_command("import", str(write_folder(tmp_path / "data")), "--service", "FRESH", "--dry-run", "--json")
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is True and data["dry_run"] is True and data["service_created"] is True
    assert data["files"]["children.csv"]["created"] == 2
    assert not Child.objects.exists()


def test_json_report_on_invalid_input(tmp_path, service_a, capsys):
    files = changed(VALID, "children.csv", 1, "sex", "mael")
    with pytest.raises(SystemExit):
        call_command("import", str(write_folder(tmp_path / "data", files)), "--service", service_a.code, "--json")
    data = json.loads(capsys.readouterr().out)
    problem = data["files"]["children.csv"]["problems"][0]
    assert problem == {"file": "children.csv", "row": 2, "column": "sex", "value": "mael",
                       "message": problem["message"]}


def test_missing_path_is_a_usage_error(tmp_path, service_a):
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", str(tmp_path / "nope"), "--service", service_a.code)
    assert exit_info.value.code == 2
