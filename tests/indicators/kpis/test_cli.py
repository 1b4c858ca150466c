"""``openyj indicators --json`` carries the kpi_* keys; ``openyj kpi-return`` writes the return."""

from __future__ import annotations

import csv
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from openyj.indicators.kpis import CODES

from . import builders as b

CONTRACT = {"numerator", "denominator", "value", "unit", "numerator_ids", "denominator_ids", "missing_ids",
            "sub_measures"}


@pytest.fixture
def data(service_a):
    b.accommodation(service_a)
    b.board(service_a)
    b.victims(service_a)
    b.oocd(service_a)
    return service_a


def test_indicators_json_has_the_ten_kpis_as_the_contract_says(data):
    out = StringIO()
    call_command("indicators", "--service", "NORTHDALE", "--from", "2025-04-01", "--to", "2025-06-30", "--json",
                 stdout=out)
    got = json.loads(out.getvalue())["indicators"]
    assert all(CONTRACT <= set(got[code]) for code in CODES)
    acc = got["kpi_accommodation"]
    assert (acc["numerator"], acc["denominator"], acc["value"], acc["unit"]) == (1, 2, 50.0, "%")
    # OC's measured intervention (O3, ended 20 June) has no accommodation recorded: missing
    assert (acc["numerator_ids"], acc["denominator_ids"], acc["missing_ids"]) == (["A1"], ["A1", "A2"], ["A3", "OC"])
    assert acc["sub_measures"]["unsuitable_to_suitable"] == {"numerator": 1, "denominator": 2, "value": 50.0,
                                                             "missing": 0}
    assert got["kpi_oocd"]["missing_ids"] == ["O3"]  # intervention ids
    assert got["kpi_victims"]["missing_ids"] == ["VC", "VE"]  # victim ids
    assert got["kpi_board_attendance"]["missing_ids"] == ["2025-06-11/Council lead", "2025-06-11/Someone"]
    mh = got["kpi_mental_health"]  # nothing recorded: null, all four missing
    assert (mh["value"], mh["denominator"], mh["missing_ids"]) == (None, 0, ["A1", "A2", "A3", "OC"])


def test_kpi_return_xlsx_has_summary_and_children(data, tmp_path):
    out = StringIO()
    call_command("kpi_return", "--service", "NORTHDALE", "--from", "2025-04-01", "--to", "2025-06-30",
                 "--out", str(tmp_path / "return"), stdout=out)
    assert "return.xlsx" in out.getvalue()
    wb = load_workbook(tmp_path / "return.xlsx")
    assert wb.sheetnames == ["summary", "children"]
    rows = list(wb["summary"].iter_rows(values_only=True))
    assert rows[0] == ("code", "measure", "numerator", "denominator", "value", "missing")
    by = {(r[0], r[1]): r[2:] for r in rows[1:]}
    assert by[("kpi_accommodation", "main")] == (1, 2, 50, 2)
    assert by[("kpi_accommodation", "unsuitable_to_suitable")] == (1, 2, 50, 0)
    assert by[("kpi_mental_health", "offered")] == (0, 0, None, 0)
    assert by[("kpi_victims", "main")] == (2, 3, 66.7, 2)
    assert by[("kpi_mental_health", "main")] == (0, 0, None, 4)
    assert [r[0] for r in rows[1:] if r[1] == "main"] == CODES
    children = list(wb["children"].iter_rows(values_only=True))
    header, body = children[0], children[1:]
    assert header[:3] == ("child_id", "intervention_id", "kind")
    # A1–A3 ended in the quarter; OC is measured from its latest (O3)
    assert [r[0] for r in body] == ["A1", "A2", "A3", "OC"]
    assert dict(zip(header, body[3], strict=True))["intervention_id"] == "O3"
    a1 = dict(zip(header, body[0], strict=True))
    assert (a1["intervention_id"], a1["kind"], a1["end_date"]) == ("I-A1", "custody_licence", "2025-05-01")
    assert a1["counted_in"] == "kpi_accommodation" and not a1["episode_types"]
    assert "kpi_accommodation" in dict(zip(header, body[2], strict=True))["missing_for"]


def test_kpi_return_csv_is_the_summary(data, tmp_path):
    call_command("kpi_return", "--service", "NORTHDALE", "--from", "2025-04-01", "--to", "2025-06-30",
                 "--out", str(tmp_path / "return.csv"), stdout=StringIO())
    with (tmp_path / "return.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    main = {r["code"]: r for r in rows if r["measure"] == "main"}
    assert list(main) == CODES
    assert (main["kpi_board_attendance"]["numerator"], main["kpi_board_attendance"]["denominator"],
            main["kpi_board_attendance"]["value"], main["kpi_board_attendance"]["missing"]) == ("2", "4", "50.0", "2")
    assert main["kpi_ete"]["value"] == ""  # no value when the denominator is 0
    assert main["kpi_ete"]["missing"] == "4"


@pytest.mark.parametrize(("args", "message"), [
    (["--service", "NOWHERE", "--from", "2025-04-01", "--to", "2025-06-30"], "no service with the code NOWHERE"),
    (["--service", "NORTHDALE", "--from", "2025-04-31", "--to", "2025-06-30"], "not a real date"),
    (["--service", "NORTHDALE", "--from", "2025-06-30", "--to", "2025-04-01"], "before"),
])
def test_kpi_return_bad_input_exits_1(data, tmp_path, args, message):
    with pytest.raises(CommandError, match=message) as e:
        call_command("kpi_return", *args, "--out", str(tmp_path / "r.xlsx"), stdout=StringIO())
    assert e.value.returncode == 1
    assert not (tmp_path / "r.xlsx").exists()


def test_board_audience_gets_no_ids_and_small_numbers_suppressed(service_a):
    from .. import factories as f

    for n, kind in enumerate(["foster"] + ["parent_family"] * 6 + ["supported"] * 7):
        f.intervention(f.child(service_a, ref=f"K{n:02d}"), "2025-01-01", "2025-05-01", ref=f"I-K{n:02d}",
                       accommodation_type_end=kind, accommodation_suitable_end=kind != "foster")
    out = StringIO()
    call_command("indicators", "--service", "NORTHDALE", "--from", "2025-04-01", "--to", "2025-06-30", "--json",
                 "--audience", "board", stdout=out)
    text = out.getvalue()
    got = json.loads(text)["indicators"]["kpi_accommodation"]
    assert "K00" not in text and "numerator_ids" not in got and "breakdown" not in got
    assert (got["numerator"], got["denominator"], got["value"]) == (13, 14, 92.9)
    subs = got["sub_measures"]
    # foster (1) is hidden, and so is the next smallest of the family (parent_family, 6): else 14 − 6 − 7
    assert subs["type:foster"] == {"numerator": "<5", "denominator": 14, "value": None, "missing": 0}
    assert subs["type:parent_family"]["numerator"] == "<5" and subs["type:parent_family"]["value"] is None
    assert subs["type:supported"] == {"numerator": 7, "denominator": 14, "value": 50.0, "missing": 0}


def test_children_extract_names_the_episodes_linked(service_a):
    from openyj.indicators import kpi_return

    b.wider(service_a)
    rows = {r["child_id"]: r for r in kpi_return.compute(service_a, b.Q).children}
    assert (rows["W1"]["episode_types"], rows["W2"]["episode_types"], rows["W5"]["episode_types"]) == (
        "", "child_in_need", "looked_after")
    assert rows["W2"]["counted_in"] == "kpi_wider_services"
