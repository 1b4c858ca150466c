"""The web flow: upload → check your data → confirm → done; the template; the export download."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openyj.core.actors import COMMAND_LINE
from openyj.core.models import AuditEvent
from openyj.interchange.models import ImportRun
from openyj.people.models import Child
from tests.interchange.helpers import VALID, changed, to_csv

pytestmark = pytest.mark.django_db


def zipped(files) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, rows in files.items():
            archive.writestr(name, to_csv(rows))
    return buffer.getvalue()


def upload(client, files=VALID, name="data.zip"):
    return client.post(reverse("import_start"),
                       {"data_file": SimpleUploadedFile(name, zipped(files), content_type="application/zip")})


def test_upload_check_confirm_done(client_as, performance_officer, service_a):
    client = client_as(performance_officer)
    page = client.get(reverse("import_start"))
    assert page.status_code == 200
    assert b"Download the template" in page.content
    response = upload(client)
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("import_check", args=[run.pk])
    check = client.get(response["Location"])
    text = check.content.decode()
    assert "Check your data" in text and "No problems found" in text
    assert "To create" in text and "Confirm and import" in text
    assert not Child.objects.exists()  # the check writes nothing
    done = client.post(reverse("import_confirm", args=[run.pk]))
    assert done.status_code == 302
    final = client.get(done["Location"]).content.decode()
    assert "Import complete" in final
    assert Child.objects.filter(service=service_a).count() == 2
    event = AuditEvent.objects.filter(verb=AuditEvent.Verb.IMPORT).first()
    assert event.user == performance_officer


def test_problems_are_summarised_and_nothing_is_written_without_a_choice(client_as, performance_officer):
    client = client_as(performance_officer)
    files = changed(VALID, "children.csv", 2, "sex", "mael")
    response = upload(client, files)
    run = ImportRun.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "govuk-error-summary" in page and "There is a problem" in page
    assert "children.csv: 1 problem in 1 row" in page
    assert "mael is not a code for sex" in page
    assert "Download every problem" in page
    refused = client.post(reverse("import_confirm", args=[run.pk]))
    assert refused.status_code == 400
    assert not Child.objects.exists()
    problems = client.get(reverse("import_problems", args=[run.pk]))
    assert problems["Content-Type"].startswith("text/csv")
    assert b"children.csv,3,sex,mael" in b"".join(problems.streaming_content)
    # Choosing to load only the valid rows.
    client.post(reverse("import_confirm", args=[run.pk]), {"keep_valid": "on"})
    assert list(Child.objects.values_list("reference", flat=True)) == ["C1"]
    done = client.get(reverse("import_done", args=[run.pk])).content.decode()
    assert "Download the rows with problems" in done
    skipped = client.get(reverse("import_skipped", args=[run.pk]))
    assert "children.csv" in zipfile.ZipFile(io.BytesIO(b"".join(skipped.streaming_content))).namelist()


def test_upload_form_errors(client_as, performance_officer):
    client = client_as(performance_officer)
    response = client.post(reverse("import_start"), {})
    assert response.status_code == 200
    assert "Select a .zip or .xlsx file to upload" in response.content.decode()
    response = client.post(reverse("import_start"), {"data_file": SimpleUploadedFile("notes.txt", b"hello")})
    assert "must be a .zip or an .xlsx" in response.content.decode()


def test_progress_page_while_checking(client_as, performance_officer, service_a):
    run = ImportRun.objects.create(service=service_a, user=performance_officer, original_name="big.zip",
                                   stored_path="/nonexistent")
    page = client_as(performance_officer).get(reverse("import_check", args=[run.pk])).content.decode()
    assert "Checking your data" in page and "data-openyj-progress" in page and "openyj/progress.js" in page


def test_template_download(client_as, administrator):
    response = client_as(administrator).get(reverse("import_template"))
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "template/children.csv" in names and "example/outcomes.csv" in names


def test_the_worked_example_imports_cleanly(tmp_path, service_a):
    from openyj.interchange.importer import import_path
    from openyj.interchange.services import template_zip

    zipfile.ZipFile(io.BytesIO(template_zip())).extractall(tmp_path)
    report = import_path(tmp_path / "example", user=COMMAND_LINE, service_code=service_a.code)
    assert report.ok, report.text()
    # header-only files are fine
    assert import_path(tmp_path / "template", user=COMMAND_LINE, service_code=service_a.code).ok


def test_export_download(client_as, performance_officer, service_a):
    client = client_as(performance_officer)
    # The menu's "Export data" opens a page saying what the file holds; only its button downloads.
    confirm = client.get(reverse("export_confirm"))
    assert confirm.status_code == 200
    assert "govuk-warning-text" in confirm.content.decode()
    assert client.get(reverse("export_download")).status_code == 405
    response = client.post(reverse("export_download"))
    content = b"".join(response.streaming_content)
    assert "children.csv" in zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert response["Cache-Control"] == "no-store, private"


WRONG_FOR_IMPORT = ["case_manager_a", "case_manager_b", "manager", "board_member", "outsider", "unknown_role"]


@pytest.mark.parametrize("persona", WRONG_FOR_IMPORT)
def test_wrong_personas_cannot_import(client_as, personas, performance_officer, service_a, persona):
    run = ImportRun.objects.create(service=service_a, user=performance_officer, original_name="x.zip",
                                   stored_path="/nonexistent", status=ImportRun.Status.CHECKED,
                                   check_report=None)
    client = client_as(personas[persona])
    for name, args in [("import_start", []), ("import_template", []), ("import_check", [run.pk]),
                       ("import_done", [run.pk]), ("import_problems", [run.pk]), ("import_skipped", [run.pk])]:
        assert client.get(reverse(name, args=args)).status_code == 403, name
    assert client.post(reverse("import_confirm", args=[run.pk])).status_code == 403
    assert client.post(reverse("import_start"), {"data_file": SimpleUploadedFile("d.zip", zipped(VALID))}
                       ).status_code == 403
    assert not ImportRun.objects.exclude(pk=run.pk).exists()


@pytest.mark.parametrize("persona", ["case_manager_a", "case_manager_b", "manager", "board_member", "administrator",
                                     "outsider", "unknown_role"])
def test_wrong_personas_cannot_export(client_as, personas, persona):
    client = client_as(personas[persona])
    assert client.get(reverse("export_confirm")).status_code == 403
    assert client.post(reverse("export_download")).status_code == 403


def test_another_services_import_run_is_not_found(client_as, personas, service_b):
    from openyj.core.models import Membership
    from openyj.core.roles import Role
    from tests.conftest import make_user

    officer_b = make_user("officer_b", service_b, Role.PERFORMANCE_OFFICER)
    run_a = ImportRun.objects.create(service=personas["performance_officer"].memberships.get().service,
                                     user=personas["performance_officer"], original_name="a.zip", stored_path="/x")
    assert client_as(officer_b).get(reverse("import_check", args=[run_a.pk])).status_code == 404
    assert Membership.objects.filter(user=officer_b).count() == 1


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("import_start"))
    assert response.status_code == 302 and "login" in response["Location"]
