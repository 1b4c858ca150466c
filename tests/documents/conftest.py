"""A demo service's plan and board report, produced once for the tests that open the files."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_outputs(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo service's 2026/27 plan and its January–March 2026 board report in all three formats,
    with the figure set they were made from and the built plan (the database is rolled back after)."""
    from openyj.core.models import Service
    from openyj.documents import figureset, produce

    out = tmp_path_factory.mktemp("documents")
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", "--no-serve", "--children", "40", stdout=StringIO())
        service = Service.objects.get(code="DEMO")
        call_command("plan", "--service", "DEMO", "--year", "2026/27", "--out", str(out / "plan"),
                     stdout=StringIO(), stderr=StringIO())
        call_command("board_report", "--service", "DEMO", "--from", "2026-01-01", "--to", "2026-03-31",
                     "--out", str(out / "board"), stdout=StringIO(), stderr=StringIO())
        period = produce.plan_period("2026/27")
        figures = figureset.compute(service, period)
        built = produce.built(service, kind="plan", period=period, structure_code="yjb-2024", year="2026/27")
        transaction.set_rollback(True)
    return {"plan": Path(out / "plan"), "board": Path(out / "board"), "figures": figures, "built": built}
