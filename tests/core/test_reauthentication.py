"""Imports, exports and changes to users' access ask for the password again (allauth's
re-authentication) when it was not given in the last few minutes; the request then goes ahead."""

from __future__ import annotations

import io
import zipfile
from urllib.parse import urlencode

from django.urls import reverse

from openyj.interchange.models import ImportRun
from tests.conftest import PASSWORD


def test_opening_the_import_page_asks_for_the_password(client_as, performance_officer):
    response = client_as(performance_officer, reauthenticated=False).get(reverse("import_start"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_reauthenticate')}?{urlencode({'next': reverse('import_start')})}"


def test_confirming_an_import_asks_for_the_password(client_as, performance_officer, service_a):
    run = ImportRun.objects.create(service=service_a, user=performance_officer, original_name="x.zip",
                                   stored_path="/nonexistent", status=ImportRun.Status.CHECKED)
    response = client_as(performance_officer, reauthenticated=False).post(reverse("import_confirm", args=[run.pk]))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    run.refresh_from_db()
    assert run.status == ImportRun.Status.CHECKED


def test_an_export_waits_for_the_password_then_downloads(client_as, performance_officer, service_a):
    from openyj.core.models import AuditEvent

    client = client_as(performance_officer, reauthenticated=False)
    asked = client.post(reverse("export_download"))
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    assert not AuditEvent.objects.filter(verb="export").exists()
    page = client.get(asked["Location"])
    assert "Confirm it’s you" in page.content.decode()
    wrong = client.post(asked["Location"], {"password": "not-it"})
    assert wrong.status_code == 200 and "govuk-error-summary" in wrong.content.decode()
    response = client.post(asked["Location"], {"password": PASSWORD})
    content = b"".join(response.streaming_content)
    assert "children.csv" in zipfile.ZipFile(io.BytesIO(content)).namelist()
    assert AuditEvent.objects.filter(verb="export", user=performance_officer).exists()
