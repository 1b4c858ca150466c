"""Stored figure sets: computed like with like, marked stale by a change, refreshed, frozen for good."""

from __future__ import annotations

from io import StringIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from openyj.indicators import figures, services
from openyj.indicators.figure_models import FigureSet, FigureState
from openyj.indicators.periods import Period

from . import factories as f

Q3 = Period.quarter(2026, 3)


@pytest.fixture
def records(service_a):
    f.population("E08000901", 2026, 20_000)
    f.population("E08000901", 2025, 20_000)
    # first time entrants: 2 in Q3 2026, 3 earlier in the 12 months to September 2026
    for ref, when in [("A", "2026-07-10"), ("B", "2026-08-10"), ("C", "2025-11-10"), ("D", "2026-02-10"),
                      ("E", "2026-05-10")]:
        f.proven(f.child(service_a, ref=ref, dob="2010-01-01"), "2025-10-01", when)
    return service_a


@time_machine.travel("2026-10-15 12:00 +0000")
def test_an_annual_measure_is_headlined_as_12_months_to_the_quarter(records):
    fs = figures.current_set(records, Q3)
    figures.refresh(fs)
    assert fs.status == FigureSet.Status.CURRENT and fs.computed_at and fs.data_vintage
    fte = fs.figures["indicators"]["fte"]
    # 5 first time entrants in October 2025 – September 2026, of 20,000: 25.0 per 100,000
    assert (fte["period"]["kind"], fte["period"]["start"], fte["period"]["end"]) == (
        "rolling_12", "2025-10-01", "2026-09-30")
    assert (fte["numerator"], fte["value"]) == (5, 25.0)
    # a quarterly measure stays on the quarter
    assert fs.figures["indicators"]["profile"]["period"]["kind"] == "quarter"
    # the trend: eight points, each the 12 months to a quarter's end for an annual measure
    trend = fs.figures["trend"]["fte"]
    assert len(trend) == 8 and trend[-1]["period"]["kind"] == "rolling_12" and trend[-1]["numerator"] == 5
    assert trend[-1]["quarter"]["end"] == "2026-09-30"
    assert fs.versions["fte"] == "1"


@time_machine.travel("2026-10-15 12:00 +0000")
def test_an_import_marks_the_set_stale_and_queues_one_refresh(records, django_capture_on_commit_callbacks):
    fs = figures.refresh(figures.current_set(records, Q3))
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        from openyj.core.audit import audit
        from openyj.core.models import AuditEvent

        # an import audits every file it writes: many events, one refresh
        for name in ("people.Child", "offending.Outcome"):
            audit(user=None, verb=AuditEvent.Verb.IMPORT, service=records, object_type=name, summary="Imported")
        f.proven(f.child(records, ref="F", dob="2010-01-01"), "2026-08-01", "2026-09-01")
    assert len(callbacks) == 1
    # tasks run at once in the tests: the set was marked stale, then recomputed with the new child
    fs.refresh_from_db()
    assert fs.status == FigureSet.Status.CURRENT
    assert fs.figures["indicators"]["fte"]["numerator"] == 6
    assert FigureState.objects.get(service=records).refresh_queued_at is None


@time_machine.travel("2026-10-15 12:00 +0000")
def test_a_change_marks_the_set_stale(records):
    fs = figures.refresh(figures.current_set(records, Q3))
    assert fs.is_current(figures.records_changed_at(records.pk))
    assert figures.mark_changed(records.pk) is True  # a refresh is needed
    assert figures.mark_changed(records.pk) is False  # …and already queued: coalesced
    fs.refresh_from_db()
    assert fs.status == FigureSet.Status.STALE and not fs.is_current(figures.records_changed_at(records.pk))


@time_machine.travel("2026-10-15 12:00 +0000")
def test_a_frozen_set_never_changes(records, performance_officer, django_capture_on_commit_callbacks):
    fs = figures.refresh(figures.current_set(records, Q3))
    frozen = services.figure_set_freeze(user=performance_officer, figure_set=fs, purpose="Board report, October 2026")
    before = (frozen.figures, frozen.versions, frozen.data_vintage, frozen.computed_at, frozen.status)
    with django_capture_on_commit_callbacks(execute=True):
        f.proven(f.child(records, ref="G", dob="2010-01-01"), "2026-08-01", "2026-09-02")
        from openyj.core.audit import audit
        from openyj.core.models import AuditEvent

        audit(user=None, verb=AuditEvent.Verb.IMPORT, service=records, object_type="people.Child")
    call_command("figures", "refresh", "--service", records.code, stdout=StringIO())
    frozen.refresh_from_db()
    assert (frozen.figures, frozen.versions, frozen.data_vintage, frozen.computed_at, frozen.status) == before
    assert frozen.figures["indicators"]["fte"]["numerator"] == 5 and frozen.frozen_for == "Board report, October 2026"
    current = figures.current_set(records, Q3)
    assert current.pk != frozen.pk and current.figures["indicators"]["fte"]["numerator"] == 6
    with pytest.raises(ValueError):
        figures.refresh(frozen)


@time_machine.travel("2026-10-15 12:00 +0000")
def test_freezing_needs_a_purpose_current_figures_and_the_right_role(records, performance_officer, board_member):
    fs = figures.refresh(figures.current_set(records, Q3))
    with pytest.raises(PermissionDenied):
        services.figure_set_freeze(user=board_member, figure_set=fs, purpose="Board")
    with pytest.raises(ValidationError, match="Enter what the figures are for"):
        services.figure_set_freeze(user=performance_officer, figure_set=fs, purpose=" ")
    figures.mark_changed(records.pk)
    fs.refresh_from_db()
    with pytest.raises(ValidationError, match="out of date"):
        services.figure_set_freeze(user=performance_officer, figure_set=fs, purpose="Board")


@time_machine.travel("2026-10-15 12:00 +0000")
def test_figures_refresh_command(records, service_b):
    out = StringIO()
    call_command("figures", "refresh", "--service", records.code, stdout=out)
    text = out.getvalue()
    assert "NORTHDALE: July to September 2026: up to date, computed 15 October 2026" in text
    assert FigureSet.objects.filter(service=records, frozen_at__isnull=True).count() == 4
    assert not FigureSet.objects.filter(service=service_b).exists()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as e:
        call_command("figures", "refresh", "--service", "NOPE")
    assert e.value.returncode == 1


@time_machine.travel("2026-10-15 12:00 +0000")
def test_a_failed_refresh_is_recorded_not_shown_as_current(records, monkeypatch):
    fs = figures.refresh(figures.current_set(records, Q3))

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(figures, "compute", broken)
    figures.mark_changed(records.pk)
    with pytest.raises(RuntimeError):
        figures.refresh(fs)
    fs.refresh_from_db()
    assert fs.status == FigureSet.Status.FAILED and "could not be computed" in fs.error
    assert not fs.is_current()


@time_machine.travel("2023-12-15 12:00 +0000")
def test_a_real_import_marks_the_set_stale_and_it_is_recomputed(service_a, tmp_path,
                                                                  django_capture_on_commit_callbacks):
    """The interchange import (one transaction, many audited files) invalidates the stored set once."""
    from openyj.core.actors import COMMAND_LINE
    from openyj.interchange.importer import import_path
    from tests.interchange.helpers import write_folder

    f.population("E08000901", 2023, 20_000)
    q3 = Period.quarter(2023, 3)
    fs = figures.refresh(figures.current_set(service_a, q3))
    assert fs.figures["indicators"]["fte"]["numerator"] == 0
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        report = import_path(write_folder(tmp_path / "in"), service_code=service_a.code, user=COMMAND_LINE)
    assert report.ok, report.text()
    assert len(callbacks) == 1  # one refresh queued for the whole import
    fs.refresh_from_db()
    # recomputed (tasks run at once in the tests): C2's youth caution on 1 July 2023 is a first time
    # entrant in the 12 months to September 2023 (C1's referral order in May is too)
    assert fs.status == FigureSet.Status.CURRENT and fs.figures["indicators"]["fte"]["numerator"] == 2
    assert fs.data_vintage == FigureState.objects.get(service=service_a).records_changed_at
