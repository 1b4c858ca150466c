"""Subject access: everything held about one child, readable, audited (issue 10, item 6)."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse

from openyj.casework.subject_access import subject_access_export
from openyj.core.actors import COMMAND_LINE
from openyj.core.audit import audit
from openyj.core.models import AuditEvent
from tests.conftest import make_user
from tests.factories import AssessmentFactory, ChildFactory, InterventionFactory, OffenceFactory, OutcomeFactory


@pytest.fixture
def child(service_a, service_b, manager):
    child = ChildFactory(service=service_a, reference="SAR-1", given_name="Imogen", family_name="Whitlock")
    OffenceFactory(child=child, reference="OFF-1", description="Took a bicycle", offence_date=date(2024, 3, 2))
    OutcomeFactory(child=child, reference="OUT-1")
    InterventionFactory(child=child, reference="INT-1")
    AssessmentFactory(child=child, reference="ASS-1")
    ChildFactory(service=service_a, reference="SOMEONE-ELSE", given_name="Other")
    audit(user=manager, verb=AuditEvent.Verb.VIEW, obj=child, summary="Viewed child's record")
    return child


def _zip(content: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(content))


def test_the_export_holds_every_record_readable_and_the_trail(child, manager):
    name, content = subject_access_export(user=manager, child=child)
    assert name.startswith("subject-access-NORTHDALE-SAR-1-") and name.endswith(".zip")
    archive = _zip(content)
    html = archive.read("index.html").decode()
    for text in ("SAR-1", "Imogen", "Whitlock", "OFF-1", "Took a bicycle", "2 March 2024", "OUT-1", "INT-1", "ASS-1",
                 "Who has seen or changed these records", "Manager A"):
        assert text in html, text
    assert "SOMEONE-ELSE" not in html and "Other" not in html.replace("other people", "")
    data = json.loads(archive.read("data.json"))
    assert data["child"] == "SAR-1"
    assert ["OFF-1"] == [next(v for k, v in o.items() if "reference" in k.lower()) for o in data["records"]["Offences"]]
    assert any(name.endswith("offences.csv") for name in archive.namelist())
    event = AuditEvent.objects.get(verb=AuditEvent.Verb.EXPORT, child_id=child.pk)
    assert event.user == manager and event.changes["records"]["Offences"] == 1


def test_only_a_manager_of_the_childs_service_may_export(child, case_manager_a, administrator, board_member,
                                                         performance_officer, service_b):
    for user in (case_manager_a, administrator, board_member, performance_officer,
                 make_user("manager_b", service_b, "manager")):
        with pytest.raises(PermissionDenied):
            subject_access_export(user=user, child=child)
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.EXPORT).exists()


def test_the_page_says_what_will_happen_then_downloads(client_as, manager, child):
    client = client_as(manager)
    url = reverse("subject_access", args=[child.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Download everything held" in page.content.decode()
    assert not AuditEvent.objects.filter(verb=AuditEvent.Verb.EXPORT).exists()  # nothing until confirmed
    response = client.post(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    assert "OFF-1" in _zip(response.content).read("index.html").decode()
    assert reverse("subject_access", args=[child.pk]) in client.get(reverse("child_detail", args=[child.pk])
                                                                     ).content.decode()


def test_the_page_refuses_other_roles_and_services(client_as, personas, child, service_b):
    url = reverse("subject_access", args=[child.pk])
    for name in ("case_manager_a", "performance_officer", "board_member", "administrator", "outsider"):
        assert client_as(personas[name]).get(url).status_code == 403, name
    assert client_as(make_user("manager_b", service_b, "manager")).get(url).status_code == 404


def test_the_command_writes_the_zip(child, tmp_path, capsys):
    out = tmp_path / "sar.zip"
    call_command("subject_access", service="NORTHDALE", child="SAR-1", out=str(out))
    assert "OFF-1" in _zip(out.read_bytes()).read("index.html").decode()
    assert AuditEvent.objects.get(verb=AuditEvent.Verb.EXPORT, child_id=child.pk).actor == COMMAND_LINE.name
