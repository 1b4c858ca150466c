"""Bad input: every problem is reported as file, row, column, value and what to do; nothing is written."""

from __future__ import annotations

import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from openpyxl import Workbook

from openyj.core.actors import COMMAND_LINE
from openyj.core.models import AuditEvent
from openyj.interchange.importer import import_path
from openyj.offending.models import Offence
from openyj.people.models import Child
from tests.interchange.helpers import VALID, changed, messages, to_csv, write_folder

pytestmark = pytest.mark.django_db


def run(tmp_path, files, service, **kwargs):
    report = import_path(write_folder(tmp_path / "data", files), user=COMMAND_LINE, service_code=service.code, **kwargs)
    return report, "\n".join(messages(report))


def assert_nothing_written():
    assert not Child.objects.exists()
    assert not Offence.objects.exists()
    assert not AuditEvent.objects.exists()


def only(report):
    problems = list(report.all_problems())
    assert len(problems) == 1, [p.text() for p in problems]
    return problems[0]


def test_wrong_encoding(tmp_path, service_a):
    files = dict(VALID)
    files["children.csv"] = to_csv(VALID["children.csv"]).replace("Bea", "Béa").encode("cp1252")
    report, text = run(tmp_path, files, service_a)
    assert "children.csv row 3: children.csv is not saved as UTF-8" in text
    assert "CSV UTF-8" in text
    assert_nothing_written()


def test_utf16_is_recognised_and_explained(tmp_path, service_a):
    files = {"children.csv": to_csv(VALID["children.csv"]).encode("utf-16")}
    _report, text = run(tmp_path, files, service_a)
    assert "saved as UTF-16" in text


def test_utf8_with_byte_order_mark_is_fine(tmp_path, service_a):
    files = {"children.csv": b"\xef\xbb\xbf" + to_csv(VALID["children.csv"]).encode()}
    report, _text = run(tmp_path, files, service_a)
    assert report.ok


def test_missing_required_column(tmp_path, service_a):
    rows = [[c for i, c in enumerate(r) if i != 1] for r in VALID["children.csv"]]  # no date_of_birth
    report, text = run(tmp_path, {"children.csv": rows}, service_a)
    problem = only(report)
    assert (problem.file, problem.row, problem.column) == ("children.csv", 1, "date_of_birth")
    assert "The required column date_of_birth is missing" in problem.message
    assert report.files["children.csv"].skipped == 2
    assert_nothing_written()


def test_unknown_column_is_an_error_not_dropped(tmp_path, service_a):
    rows = [r + [x] for r, x in zip(VALID["children.csv"], ["nickname", "Al", "B"], strict=True)]
    report, text = run(tmp_path, {"children.csv": rows}, service_a)
    assert "children.csv row 1, nickname: nickname is not a column of children.csv" in text
    assert_nothing_written()


def test_misspelt_column_gets_a_suggestion(tmp_path, service_a):
    rows = [list(r) for r in VALID["children.csv"]]
    rows[0][1] = "date_of_brith"
    _report, text = run(tmp_path, {"children.csv": rows}, service_a)
    assert "Did you mean date_of_birth?" in text


def test_bad_date(tmp_path, service_a):
    files = changed(VALID, "offences.csv", 2, "offence_date", "2025-13-01")
    report, text = run(tmp_path, files, service_a)
    assert "offences.csv row 3, offence_date: 2025-13-01 is not a real date" in text
    problem = next(p for p in report.all_problems() if p.column == "offence_date")
    assert problem.value == "2025-13-01"
    assert_nothing_written()


def test_day_first_date_is_explained(tmp_path, service_a):
    files = changed(VALID, "children.csv", 1, "date_of_birth", "01/05/2008")
    _report, text = run(tmp_path, files, service_a)
    assert "01/05/2008 is not written as YYYY-MM-DD. Write it as 2008-05-01" in text


def test_date_in_the_future(tmp_path, service_a):
    future = (timezone.localdate() + timedelta(days=10)).isoformat()
    files = changed(VALID, "offences.csv", 1, "offence_date", future)
    report, text = run(tmp_path, files, service_a)
    assert "offences.csv row 2, offence_date: Offence date is" in text
    assert "in the future. Enter a date on or before today." in text
    assert_nothing_written()


def test_impossible_age_at_offence(tmp_path, service_a):
    files = changed(VALID, "offences.csv", 1, "offence_date", "2016-01-01")  # C1 born 2008: aged 7
    _report, text = run(tmp_path, files, service_a)
    assert "offences.csv row 2, offence_date: On 1 January 2016 the child was 7, below the age of criminal " \
           "responsibility" in text


def test_impossible_date_of_birth(tmp_path, service_a):
    files = changed(VALID, "children.csv", 1, "date_of_birth", "1950-01-01")
    _report, text = run(tmp_path, files, service_a)
    assert "children.csv row 2, date_of_birth: Date of birth 1 January 1950 makes the child older than 25" in text


def test_unknown_code(tmp_path, service_a):
    files = changed({"children.csv": VALID["children.csv"]}, "children.csv", 1, "sex", "mael")
    report, text = run(tmp_path, files, service_a)
    problem = only(report)
    assert (problem.file, problem.row, problem.column, problem.value) == ("children.csv", 2, "sex", "mael")
    assert "mael is not a code for sex. Did you mean male? Use one of: male, female, other, not_known." \
        in problem.message


def test_unknown_category_code(tmp_path, service_a):
    files = changed(VALID, "offences.csv", 1, "category", "shoplifting")
    _report, text = run(tmp_path, files, service_a)
    assert "offences.csv row 2, category: shoplifting is not a code for offence category" in text


def test_number_out_of_range(tmp_path, service_a):
    files = changed(VALID, "offences.csv", 1, "seriousness", "9")
    _report, text = run(tmp_path, files, service_a)
    assert "offences.csv row 2, seriousness: 9 is not allowed: Ensure this value is less than or equal to 8." in text


def test_duplicate_id(tmp_path, service_a):
    files = {k: [list(r) for r in v] for k, v in VALID.items()}
    files["children.csv"].append(["C1", "2008-05-01", "male", "white_british", "", "", ""])
    report, text = run(tmp_path, files, service_a)
    assert "children.csv row 4, child_id: C1 appears more than once in children.csv (first in row 2)" in text
    assert_nothing_written()


def test_dangling_reference(tmp_path, service_a):
    files = changed(VALID, "offences.csv", 1, "child_id", "C9")
    report, text = run(tmp_path, files, service_a)
    assert "offences.csv row 2, child_id: child C9 is not in children.csv and not already in this service" in text
    assert_nothing_written()


def test_dangling_offence_in_outcome(tmp_path, service_a):
    files = changed(VALID, "outcomes.csv", 1, "offence_ids", "O1;O99")
    _report, text = run(tmp_path, files, service_a)
    assert "outcomes.csv row 2, offence_ids: offence O99 is not in offences.csv" in text


def test_offence_of_another_child(tmp_path, service_a):
    files = changed(VALID, "outcomes.csv", 1, "offence_ids", "O1;O3")  # O3 is C2's
    _report, text = run(tmp_path, files, service_a)
    assert "outcomes.csv row 2, offence_ids: Offence O3 belongs to another child" in text
    assert_nothing_written()


def test_offence_after_the_outcome(tmp_path, service_a):
    files = changed(VALID, "outcomes.csv", 1, "outcome_date", "2023-03-15")  # O2 is 2023-04-01
    _report, text = run(tmp_path, files, service_a)
    assert "Offence O2 was committed on 1 April 2023, after the outcome date" in text


def test_outcome_of_another_child_in_an_intervention(tmp_path, service_a):
    files = changed(VALID, "interventions.csv", 1, "outcome_id", "D2")
    _report, text = run(tmp_path, files, service_a)
    assert "interventions.csv row 2, outcome_id: outcome D2 belongs to another child" in text


def test_end_before_start(tmp_path, service_a):
    files = changed(VALID, "interventions.csv", 1, "end_date", "2023-01-01")
    _report, text = run(tmp_path, files, service_a)
    assert "interventions.csv row 2, end_date: End date must be on or after the start date" in text


def test_missing_required_value(tmp_path, service_a):
    files = changed(VALID, "children.csv", 1, "ethnicity", "")
    _report, text = run(tmp_path, files, service_a)
    assert "children.csv row 2, ethnicity: this cell is empty. Enter the ethnicity: it is required." in text


def test_bad_boolean(tmp_path, service_a):
    files = changed(VALID, "victims.csv", 1, "consent_to_contact", "maybe")
    _report, text = run(tmp_path, files, service_a)
    assert "victims.csv row 2, consent_to_contact: maybe is not true or false" in text


def test_empty_file(tmp_path, service_a):
    report, text = run(tmp_path, {**VALID, "episodes.csv": b""}, service_a)
    assert "episodes.csv: episodes.csv is empty. It needs at least the header row" in text
    assert_nothing_written()


def test_header_only_file_is_fine(tmp_path, service_a):
    report, _text = run(tmp_path, {**VALID, "episodes.csv": "child_id,episode_type,start_date\n"}, service_a)
    assert report.ok and report.files["episodes.csv"].rows == 0


def test_folder_with_no_format_files(tmp_path, service_a):
    report, text = run(tmp_path, {"notes.txt": "hello"}, service_a)
    assert "holds none of the format's files" in text


def test_unknown_csv_file_is_an_error(tmp_path, service_a):
    report, text = run(tmp_path, {**VALID, "childs.csv": "a,b\n"}, service_a)
    assert "childs.csv is not a file of the format" in text
    assert "Did you mean children.csv?" in text
    assert_nothing_written()


def test_extra_cells_beyond_the_header(tmp_path, service_a):
    files = {"children.csv": to_csv(VALID["children.csv"]) + "C3,2008-01-01,male,white_british,,,,surprise\n"}
    _report, text = run(tmp_path, files, service_a)
    assert "children.csv row 4, column 8: this row has more cells than the header has columns" in text


def test_broken_csv_quoting_is_reported(tmp_path, service_a):
    files = {"children.csv": "child_id,date_of_birth,sex,ethnicity\nC1,2008-01-01,male,\x00white\n"}
    report, text = run(tmp_path, files, service_a)
    assert not report.ok
    assert "children.csv" in text


def test_bad_manifest(tmp_path, service_a):
    folder = write_folder(tmp_path / "data")
    (folder / "manifest.json").write_text('{"format": 2, "colour": "blue"}')
    report = import_path(folder, user=COMMAND_LINE, service_code=service_a.code)
    text = "\n".join(messages(report))
    assert "format 2 is not one this OpenYJ reads" in text
    assert "colour is not a manifest field" in text


def test_formula_cells_in_xlsx_are_reported_not_evaluated(tmp_path, service_a):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "children"
    sheet.append(VALID["children.csv"][0])
    sheet.append(["C1", "=DATE(2008,5,1)", "male", "white_british", "", "=1+1", ""])
    sheet.append(["C2", "2009-02-11", "female", "=cmd|' /C calc'!A0", "", "", ""])
    path = tmp_path / "data.xlsx"
    workbook.save(path)
    report = import_path(path, user=COMMAND_LINE, service_code=service_a.code)
    text = "\n".join(messages(report))
    assert "children.csv row 2, date_of_birth: =DATE(2008,5,1) is a spreadsheet formula. OpenYJ never runs " \
           "formulas" in text
    assert "children.csv row 2, given_name: =1+1 is a spreadsheet formula" in text
    assert "children.csv row 3, ethnicity: =cmd|' /C calc'!A0 is a spreadsheet formula" in text
    assert_nothing_written()


def test_not_a_workbook(tmp_path, service_a):
    path = tmp_path / "data.xlsx"
    path.write_bytes(b"this is not excel")
    report = import_path(path, user=COMMAND_LINE, service_code=service_a.code)
    assert "is not a readable Excel workbook" in "\n".join(messages(report))


def test_zero_byte_zip(tmp_path, service_a):
    path = tmp_path / "data.zip"
    path.write_bytes(b"")
    report = import_path(path, user=COMMAND_LINE, service_code=service_a.code)
    problem = only(report)
    assert "data.zip is empty (0 bytes)" in problem.message
    assert_nothing_written()


def test_not_a_zip(tmp_path, service_a):
    path = tmp_path / "data.zip"
    path.write_bytes(b"PK\x03\x04 garbage")
    report = import_path(path, user=COMMAND_LINE, service_code=service_a.code)
    assert "This file is not a zip" in only(report).message


@pytest.mark.parametrize("evil", ["../children.csv", "/etc/children.csv", "data/../../children.csv",
                                  "C:\\children.csv"])
def test_zip_with_paths_escaping_the_folder_is_refused(tmp_path, service_a, evil):
    path = tmp_path / "data.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("children.csv", to_csv(VALID["children.csv"]))
        z.writestr(evil, to_csv(VALID["children.csv"]))
    report = import_path(path, user=COMMAND_LINE, service_code=service_a.code)
    text = "\n".join(messages(report))
    assert "points outside its folder" in text
    assert report.files == {}  # not a single file was read
    assert_nothing_written()
    assert not (tmp_path.parent / "children.csv").exists()


def test_zip_with_files_in_two_folders(tmp_path, service_a):
    path = tmp_path / "data.zip"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("a/children.csv", to_csv(VALID["children.csv"]))
        z.writestr("b/offences.csv", to_csv(VALID["offences.csv"]))
    report = import_path(path, user=COMMAND_LINE, service_code=service_a.code)
    assert "more than one folder" in "\n".join(messages(report))


def test_problem_download_lists_every_problem(tmp_path, service_a):
    files = changed({"children.csv": VALID["children.csv"]}, "children.csv", 1, "sex", "mael")
    files = changed(files, "children.csv", 2, "sex", "=femail")
    report, _text = run(tmp_path, files, service_a)
    lines = report.problems_csv().splitlines()
    assert lines[0] == "file,row,column,value,problem"
    assert len(lines) == 3
    assert lines[2].startswith("children.csv,3,sex,'=femail,")  # neutralised in the download too
