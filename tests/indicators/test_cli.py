"""``openyj indicators``: the command-line contract."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from . import factories as f


@pytest.fixture
def data(service_a):
    f.population("E08000901", 2024, 20_000)
    a = f.child(service_a, ref="CH-1", dob="2009-05-01")
    f.proven(a, "2024-01-10", "2024-02-01", "youth_caution")
    f.proven(a, "2024-04-01", "2024-05-01", "referral_order")
    b = f.child(service_a, ref="CH-2", dob="2008-05-01")
    f.proven(b, "2023-10-10", "2024-02-15", "detention_training_order")
    f.remand(b, "2024-01-10", "2024-02-15")
    f.custody(b, "2024-02-15", "2024-03-20")
    return service_a


def run_json(*args):
    out = StringIO()
    call_command("indicators", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@time_machine.travel("2025-06-01 12:00 +0000")
def test_json_matches_the_contract(data):
    got = run_json("--service", "NORTHDALE", "--from", "2024-01-01", "--to", "2024-03-31")
    assert (got["service"], got["from"], got["to"]) == ("NORTHDALE", "2024-01-01", "2024-03-31")
    ind = got["indicators"]
    assert {"fte", "reoffending", "custody", "remand_nights"} <= set(ind)
    assert ind["fte"] == {"count": 2, "population": 20_000, "rate": 10.0,
                          "unit": "per 100,000 children aged 10–17", "population_year": 2024,
                          "children": ["CH-1", "CH-2"]}
    reo = ind["reoffending"]
    assert {k: reo[k] for k in ("cohort", "reoffenders", "reoffences", "binary_rate", "frequency",
                                "per_reoffender", "children")} == {
        "cohort": 2, "reoffenders": 1, "reoffences": 1, "binary_rate": 50.0, "frequency": 0.5,
        "per_reoffender": 1.0, "children": ["CH-1", "CH-2"]}
    assert reo["provisional"] is True  # final only 18 months after 31 March 2024
    assert {k: ind["custody"][k] for k in ("sentences", "children_sentenced", "population", "rate", "unit")} == {
        "sentences": 1, "children_sentenced": 1, "population": 20_000, "rate": 0.05,
        "unit": "per 1,000 children aged 10–17"}
    assert ind["remand_nights"] == {"nights": 36, "children": ["CH-2"]}  # 10 Jan … 14 Feb


def test_plain_text_output(data):
    out = StringIO()
    call_command("indicators", "--service", "NORTHDALE", "--from", "2024-01-01", "--to", "2024-03-31", stdout=out)
    text = out.getvalue()
    assert "First time entrants (local records): 10.0 per 100,000 children aged 10–17 [2 of 20,000]" in text
    assert "1 custodial sentences imposed on 1 children" in text


@pytest.mark.parametrize("args", [
    ["--service", "NOPE", "--from", "2024-01-01", "--to", "2024-03-31"],
    ["--service", "NORTHDALE", "--from", "2024-13-01", "--to", "2024-03-31"],
    ["--service", "NORTHDALE", "--from", "2024-04-01", "--to", "2024-03-31"],
])
def test_invalid_input_is_exit_1(data, args):
    with pytest.raises(CommandError) as e:
        call_command("indicators", *args)
    assert e.value.returncode == 1


def test_usage_errors_exit_2_and_help():
    missing = subprocess.run([sys.executable, "manage.py", "indicators", "--service", "X"],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2 and "--from" in missing.stderr
    shown = subprocess.run([sys.executable, "manage.py", "indicators", "--help"], capture_output=True, text=True,
                           timeout=120)
    assert shown.returncode == 0 and "--json" in shown.stdout
