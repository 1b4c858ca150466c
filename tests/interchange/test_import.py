"""The import engine: create, unchanged, update (audited), dry run, keep-valid, new services, mappings."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from openpyxl import Workbook

from openyj.casework.models import Intervention, Victim
from openyj.core.actors import COMMAND_LINE
from openyj.core.models import AuditEvent, Service
from openyj.interchange.importer import import_path
from openyj.offending.models import LocalCodeMapping, Offence, Outcome
from openyj.people.models import Child
from tests.interchange.helpers import VALID, changed, messages, write_folder

pytestmark = pytest.mark.django_db


def test_valid_folder_creates_everything(tmp_path, service_a):
    report = import_path(write_folder(tmp_path / "data"), user=COMMAND_LINE, service_code=service_a.code)
    assert report.ok, messages(report)
    assert report.applied
    assert report.files["children.csv"].created == 2
    assert Child.objects.filter(service=service_a).count() == 2
    d1 = Outcome.objects.get(reference="D1")
    assert sorted(d1.offences.values_list("reference", flat=True)) == ["O1", "O2"]
    assert Offence.objects.get(reference="O2").weapon == "none"  # empty cell takes the model's default
    assert Intervention.objects.get(reference="I1").outcome == d1
    assert Intervention.objects.get(reference="I1").mh_need is True
    assert sorted(Victim.objects.get(reference="V1").offences.values_list("reference", flat=True)) == ["O1", "O3"]
    # A formula-looking cell is text, stored as it was written, never evaluated.
    assert Offence.objects.get(reference="O3").description == '=HYPERLINK("http://x")'
    # One IMPORT event per file.
    events = AuditEvent.objects.filter(service=service_a, verb=AuditEvent.Verb.IMPORT)
    assert events.count() == len(VALID)


def test_reimport_is_unchanged_and_writes_nothing_new(tmp_path, service_a):
    folder = write_folder(tmp_path / "data")
    import_path(folder, user=COMMAND_LINE, service_code=service_a.code)
    before = Child.objects.get(reference="C1").updated_at
    report = import_path(folder, user=COMMAND_LINE, service_code=service_a.code)
    assert report.ok
    totals = report.totals()
    assert totals["created"] == 0 and totals["updated"] == 0
    assert totals["unchanged"] == totals["rows"] == 9
    assert Child.objects.get(reference="C1").updated_at == before
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.CHANGE).exists()


def test_changed_rows_are_updated_and_audited_with_the_differences(tmp_path, service_a, performance_officer):
    import_path(write_folder(tmp_path / "one"), user=COMMAND_LINE, service_code=service_a.code)
    files = changed(VALID, "children.csv", 1, "family_name", "Smyth")
    files = changed(files, "outcomes.csv", 1, "offence_ids", "O1")
    report = import_path(write_folder(tmp_path / "two", files), service_code=service_a.code,
                         user=performance_officer)
    assert report.ok, messages(report)
    assert report.files["children.csv"].updated == 1
    assert report.files["children.csv"].unchanged == 1
    assert report.files["outcomes.csv"].updated == 1
    child = Child.objects.get(reference="C1")
    assert child.family_name == "Smyth"
    assert list(Outcome.objects.get(reference="D1").offences.values_list("reference", flat=True)) == ["O1"]
    change = AuditEvent.objects.get(verb=AuditEvent.Verb.CHANGE, object_type="people.Child")
    assert change.changes == {"family_name": ["Smith", "Smyth"]}
    assert change.user == performance_officer
    assert change.child_id == child.pk
    outcome_change = AuditEvent.objects.get(verb=AuditEvent.Verb.CHANGE, object_type="offending.Outcome")
    assert outcome_change.changes == {"offences": [["O1", "O2"], ["O1"]]}


def test_a_column_left_out_leaves_the_field_alone(tmp_path, service_a):
    import_path(write_folder(tmp_path / "one"), user=COMMAND_LINE, service_code=service_a.code)
    slim = {"children.csv": [["child_id", "date_of_birth", "sex", "ethnicity"],
                             ["C1", "2008-05-01", "male", "white_british"]]}
    report = import_path(write_folder(tmp_path / "two", slim), user=COMMAND_LINE, service_code=service_a.code)
    assert report.files["children.csv"].unchanged == 1
    assert Child.objects.get(reference="C1").family_name == "Smith"


def test_dry_run_writes_nothing(tmp_path, service_a):
    report = import_path(write_folder(tmp_path / "data"), user=COMMAND_LINE, service_code=service_a.code, dry_run=True)
    assert report.ok and not report.applied
    assert report.files["children.csv"].created == 2
    assert not Child.objects.exists()
    assert not AuditEvent.objects.exists()
    assert "would create" in report.text()


def test_invalid_data_writes_nothing_at_all(tmp_path, service_a):
    files = changed(VALID, "victims.csv", 1, "satisfaction", "9")  # the very last file is wrong
    report = import_path(write_folder(tmp_path / "data", files), user=COMMAND_LINE, service_code=service_a.code)
    assert not report.ok and not report.applied
    assert not Child.objects.exists() and not Offence.objects.exists()
    assert not AuditEvent.objects.exists()
    assert "Nothing was written" in report.text()


def test_keep_valid_loads_the_rest_and_lists_the_skipped_rows(tmp_path, service_a):
    files = changed(VALID, "children.csv", 2, "date_of_birth", "2009-02-30")  # C2 is invalid
    report = import_path(write_folder(tmp_path / "data", files), user=COMMAND_LINE, service_code=service_a.code,
                         keep_valid=True)
    assert report.applied and not report.ok
    assert list(Child.objects.values_list("reference", flat=True)) == ["C1"]
    # Rows that depend on the invalid child are skipped too, and say why.
    assert report.files["offences.csv"].skipped == 1
    assert any("child C2 has problems in children.csv row 3" in m for m in messages(report))
    # The victim links to O3 (C2's offence), so it is skipped: nothing is half-linked.
    assert not Victim.objects.exists()
    archive = zipfile.ZipFile(io.BytesIO(report.skipped_zip()))
    assert {"children.csv", "offences.csv", "problems.csv"} <= set(archive.namelist())
    skipped_children = archive.read("children.csv").decode()
    assert skipped_children.splitlines()[0].startswith("source_row,child_id")
    assert skipped_children.splitlines()[1].startswith("3,C2,2009-02-30")


def test_unknown_service_is_created_and_the_dry_run_says_so(tmp_path, db):
    folder = write_folder(tmp_path / "data", manifest={"format": 1, "service": "NEWTOWN",
                                                      "name": "Newtown YJS", "area_codes": ["E06000001"]})
    dry = import_path(folder, user=COMMAND_LINE, service_code="NEWTOWN", dry_run=True)
    assert dry.service_created and dry.ok
    assert "does not exist yet: it would be created" in dry.text()
    assert not Service.objects.filter(code="NEWTOWN").exists()
    report = import_path(folder, user=COMMAND_LINE, service_code="NEWTOWN")
    service = Service.objects.get(code="NEWTOWN")
    assert report.service_created and service.name == "Newtown YJS"
    assert service.area_codes == ["E06000001"]
    assert Child.objects.filter(service=service).count() == 2


def test_a_new_service_without_manifest_is_named_after_its_code(tmp_path, db):
    import_path(write_folder(tmp_path / "data"), user=COMMAND_LINE, service_code="WESTON")
    assert Service.objects.get(code="WESTON").name == "WESTON"


def test_ids_are_matched_within_the_service(tmp_path, service_a, service_b):
    folder = write_folder(tmp_path / "data")
    import_path(folder, user=COMMAND_LINE, service_code=service_a.code)
    report = import_path(folder, user=COMMAND_LINE, service_code=service_b.code)
    assert report.files["children.csv"].created == 2
    assert Child.objects.filter(reference="C1").count() == 2


def test_users_need_the_import_permission(tmp_path, service_a, personas):
    folder = write_folder(tmp_path / "data")
    for name in ("case_manager_a", "case_manager_b", "manager", "board_member", "outsider", "unknown_role"):
        with pytest.raises(PermissionDenied):
            import_path(folder, service_code=service_a.code, user=personas[name], dry_run=True)
    assert import_path(folder, service_code=service_a.code, user=personas["administrator"], dry_run=True).ok
    assert import_path(folder, service_code=service_a.code, user=personas["performance_officer"]).ok
    # A signed-in user cannot create a new service by importing into an unknown code.
    with pytest.raises(PermissionDenied):
        import_path(folder, service_code="ELSEWHERE", user=personas["performance_officer"])


def test_local_names_map_to_codes_once_and_are_reused(tmp_path, service_a):
    mapping = [["kind", "local_name", "code"],
               ["outcome_type", "Referral Order (RO)", "referral_order"],
               ["category", "Theft - shop", "theft_and_handling"]]
    files = changed(VALID, "outcomes.csv", 1, "outcome_type", "Referral Order (RO)")
    files = changed(files, "offences.csv", 1, "category", "theft - SHOP")
    report = import_path(write_folder(tmp_path / "one", {**files, "code_mapping.csv": mapping}),
                         user=COMMAND_LINE, service_code=service_a.code)
    assert report.ok, messages(report)
    assert Outcome.objects.get(reference="D1").outcome_type_id == "referral_order"
    assert Offence.objects.get(reference="O1").category_id == "theft_and_handling"
    assert LocalCodeMapping.objects.filter(service=service_a).count() == 2
    # Next time the mapping is already stored: the export from the case system imports as it is.
    again = import_path(write_folder(tmp_path / "two", files), user=COMMAND_LINE, service_code=service_a.code)
    assert again.ok and again.totals()["created"] == 0


def test_unmapped_local_name_says_how_to_map_it(tmp_path, service_a):
    files = changed(VALID, "outcomes.csv", 1, "outcome_type", "Referal order")
    report = import_path(write_folder(tmp_path / "data", files), user=COMMAND_LINE, service_code=service_a.code)
    text = "\n".join(messages(report))
    assert "outcomes.csv row 2, outcome_type: Referal order is not a code for outcome type" in text
    assert "code_mapping.csv" in text


def test_zip_of_the_folder_imports(tmp_path, service_a):
    folder = write_folder(tmp_path / "data")
    archive = tmp_path / "data.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for path in folder.iterdir():
            z.write(path, f"data/{path.name}")  # inside a top-level folder, as "Send to zip" makes it
    report = import_path(archive, user=COMMAND_LINE, service_code=service_a.code)
    assert report.ok, messages(report)
    assert Child.objects.count() == 2


def _workbook(path, files):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in files.items():
        sheet = workbook.create_sheet(name.removesuffix(".csv"))
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_workbook_with_one_sheet_per_file_imports(tmp_path, service_a):
    import datetime

    files = {k: [list(r) for r in v] for k, v in VALID.items()}
    files["offences.csv"][3][5] = "Robbery"  # not a formula here; formulas are tested as bad input
    files["children.csv"][1][1] = datetime.datetime(2008, 5, 1)  # a real Excel date cell
    files["offences.csv"][1][4] = 2  # a number cell
    report = import_path(_workbook(tmp_path / "data.xlsx", files), user=COMMAND_LINE, service_code=service_a.code)
    assert report.ok, messages(report)
    assert Child.objects.get(reference="C1").date_of_birth == datetime.date(2008, 5, 1)
    assert Offence.objects.get(reference="O1").seriousness == 2
