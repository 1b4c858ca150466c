"""Import screens: an unreadable upload is refused outright, and shows as failed in Recent imports."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from openyj.interchange.models import ImportRun
from openyj.people.models import Child
from tests.interchange.helpers import VALID, changed
from tests.interchange.test_views import upload

pytestmark = pytest.mark.django_db


def test_a_file_that_is_not_a_zip_is_refused_outright(client_as, performance_officer):
    client = client_as(performance_officer)
    response = client.post(reverse("import_start"), {
        "data_file": SimpleUploadedFile("data.zip", b"this is not a zip at all", content_type="application/zip")})
    run = ImportRun.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert "This file cannot be imported" in page
    assert "This file is not a zip: data.zip cannot be opened as one" in page
    assert "Import the rows without problems" not in page and "keep_valid" not in page
    # Even asked directly, nothing is loaded and no "Import complete" follows.
    confirm = client.post(reverse("import_confirm", args=[run.pk]), {"keep_valid": "on"})
    assert confirm.status_code == 302 and confirm["Location"] == reverse("import_check", args=[run.pk])
    run.refresh_from_db()
    assert run.confirmed_at is None
    assert not Child.objects.exists()
    start = client.get(reverse("import_start")).content.decode()
    assert "failed: the file could not be read" in start


def test_recent_imports_say_what_became_of_each_upload(client_as, performance_officer):
    client = client_as(performance_officer)
    upload(client, changed(VALID, "children.csv", 2, "sex", "mael"))
    start = client.get(reverse("import_start")).content.decode()
    assert "checked: 5 problems found, not imported" in start  # the bad row and the rows that needed it
