"""What the importer does to be fast, and that none of it changes what it checks or writes:

- one "today" for the whole import (``openyj.core.validation.frozen_today``);
- a column's reader remembers the texts it has read (a text with a problem is reported every time);
- new records get their primary keys before they are written (from the sequence on PostgreSQL, from the
  AUTOINCREMENT counter on SQLite), so records created afterwards never clash with them;
- the cycle collector's full passes pause during an import and resume after it, even when it fails.
"""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.utils import timezone

from openyj.core import validation
from openyj.core.actors import COMMAND_LINE
from openyj.interchange.importer import import_path
from openyj.interchange.validate import CellError, field_reader, memoised
from openyj.offending.models import Offence, Outcome
from openyj.people.models import Child
from tests.interchange.helpers import VALID, changed, messages, write_folder

pytestmark = pytest.mark.django_db


def test_frozen_today_is_one_date_for_the_block():
    with time_machine.travel(datetime(2025, 3, 31, 23, 59, 59, tzinfo=UTC), tick=False) as traveller:
        outside = validation.today()
        assert outside == timezone.localdate()
        with validation.frozen_today() as frozen:
            assert frozen == outside
            traveller.shift(timedelta(days=2))  # the job runs past midnight: still one "today"
            assert validation.today() == frozen
            with validation.frozen_today() as inner:  # a nested block keeps the outer date
                assert inner == frozen
            assert validation.today() == frozen
        assert validation.today() == timezone.localdate() == outside + timedelta(days=2)


def test_the_rules_use_todays_date_during_an_import(tmp_path, service_a):
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    files = changed(VALID, "offences.csv", 1, "offence_date", future)
    with mock.patch.object(timezone, "localdate", wraps=timezone.localdate) as localdate:
        report = import_path(write_folder(tmp_path / "data", files), user=COMMAND_LINE, service_code=service_a.code)
    assert any(p.column == "offence_date" and "in the future" in p.message for p in report.all_problems()), \
        messages(report)
    assert localdate.call_count <= 2  # once for the import, not once per date


def test_a_remembered_reader_gives_the_same_values_and_reports_every_bad_text():
    read = memoised(field_reader(Offence._meta.get_field("offence_date")))
    assert read("2024-03-01") == date(2024, 3, 1) == read("2024-03-01")
    for _ in range(2):
        with pytest.raises(CellError, match="not a real date"):
            read("2024-13-01")
    seriousness = memoised(field_reader(Offence._meta.get_field("seriousness")))
    assert seriousness("8") == 8
    for _ in range(2):
        with pytest.raises(CellError):
            seriousness("9")  # the field's MaxValueValidator, every time


def test_the_same_bad_cell_on_two_rows_is_reported_on_both(tmp_path, service_a):
    files = changed(changed(VALID, "offences.csv", 1, "offence_date", "2023-02-30"),
                    "offences.csv", 2, "offence_date", "2023-02-30")
    report = import_path(write_folder(tmp_path / "data", files), user=COMMAND_LINE, service_code=service_a.code)
    rows = sorted(p.row for p in report.files["offences.csv"].problems if p.column == "offence_date")
    assert rows == [2, 3], messages(report)
    assert not Offence.objects.exists()


def test_records_created_after_an_import_get_new_keys(tmp_path, service_a):
    # A child created and deleted before the import: its key is never used again.
    gone = Child.objects.create(service=service_a, reference="GONE", date_of_birth=date(2008, 1, 1), sex="male",
                                ethnicity="white_british")
    gone_pk = gone.pk
    gone.delete()
    report = import_path(write_folder(tmp_path / "data"), user=COMMAND_LINE, service_code=service_a.code)
    assert report.ok, messages(report)
    imported = set(Child.objects.values_list("pk", flat=True))
    assert gone_pk not in imported
    later = Child.objects.create(service=service_a, reference="LATER", date_of_birth=date(2008, 1, 1), sex="male",
                                 ethnicity="white_british")
    assert later.pk > max(imported)
    # The links of outcomes to offences used the keys the offences were written with.
    d1 = Outcome.objects.get(reference="D1")
    assert sorted(d1.offences.values_list("reference", flat=True)) == ["O1", "O2"]
    assert d1.child == Child.objects.get(reference="C1")


def test_full_collections_resume_after_an_import(tmp_path, service_a):
    assert gc.isenabled()
    import_path(write_folder(tmp_path / "data"), user=COMMAND_LINE, service_code=service_a.code)
    assert gc.isenabled()
    with mock.patch("openyj.interchange.importer.Loader.load", side_effect=RuntimeError("boom")), \
            pytest.raises(RuntimeError):
        import_path(write_folder(tmp_path / "again"), user=COMMAND_LINE, service_code=service_a.code)
    assert gc.isenabled()
