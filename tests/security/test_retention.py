"""The retention policy: report, then delete or anonymise what is due, audited (issue 10, item 6).

Hand-worked dates, with a short policy (2 years after the 18th birthday, 1 year after the last contact)
because the model refuses children over 25: on 1 June 2026 a child born on 1 January 2005 turned 20 on
1 January 2025, and is due if the service's last contact with them was on or before 1 June 2025.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from openyj.casework.models import Intervention, Victim
from openyj.casework.retention import Policy, children_due, retention_run
from openyj.core.actors import COMMAND_LINE
from openyj.core.audit import REDACTED
from openyj.core.models import AuditEvent
from openyj.offending.models import Offence
from openyj.people.models import Child
from openyj.people.services import child_update
from tests.factories import ChildFactory, InterventionFactory, OffenceFactory

TODAY = date(2026, 6, 1)
DELETE = Policy(years_after_18th_birthday=2, years_after_last_contact=1, action="delete", apply_daily=False)


@pytest.fixture
def children(service_a, case_manager_a):
    due = ChildFactory(service=service_a, reference="OLD", given_name="Ophelia", family_name="Dunmore",
                       date_of_birth=date(2005, 1, 1))
    child_update(user=case_manager_a, child=due, data={"family_name": "Dunmore-Hale"})  # a name in the audit
    InterventionFactory(child=due, start_date=date(2024, 1, 1), end_date=date(2025, 6, 1))
    offence = OffenceFactory(child=due, offence_date=date(2023, 3, 1))
    recent = ChildFactory(service=service_a, reference="RECENT", date_of_birth=date(2005, 1, 1))
    InterventionFactory(child=recent, start_date=date(2024, 1, 1), end_date=date(2025, 6, 2))  # one day later
    still_open = ChildFactory(service=service_a, reference="OPEN", date_of_birth=date(2002, 1, 1))
    InterventionFactory(child=still_open, start_date=date(2020, 1, 1))
    young = ChildFactory(service=service_a, reference="YOUNG", date_of_birth=date(2006, 6, 2))  # 20 tomorrow
    other_offence = OffenceFactory(child=recent, offence_date=date(2023, 3, 1))
    own_victim = Victim.objects.create(service=service_a, reference="V-OWN")
    own_victim.offences.set([offence])
    shared_victim = Victim.objects.create(service=service_a, reference="V-SHARED")
    shared_victim.offences.set([offence, other_offence])
    return {"due": due, "recent": recent, "open": still_open, "young": young}


def test_only_the_children_past_both_dates_with_nothing_open_are_due(children):
    due = children_due(user=COMMAND_LINE, policy=DELETE, today=TODAY)
    assert [d.reference for d in due] == ["OLD"]
    assert due[0].keep_until == date(2026, 6, 1)  # a year after the intervention ended, the later date


def test_the_report_changes_nothing_and_is_audited(children):
    report = retention_run(user=COMMAND_LINE, apply=False, policy=DELETE, today=TODAY)
    assert not report.applied and Child.objects.count() == 4
    assert "1 child's records are due to be deleted" in report.text() and "OLD" in report.text()
    event = AuditEvent.objects.get(object_type="retention")
    assert event.actor == "command line" and event.changes["due"] == ["OLD"]


def test_apply_deletes_the_child_and_their_records_and_redacts_the_trail(children):
    due = children["due"]
    retention_run(user=COMMAND_LINE, apply=True, policy=DELETE, today=TODAY)
    assert set(Child.objects.values_list("reference", flat=True)) == {"RECENT", "OPEN", "YOUNG"}
    assert not Offence.objects.filter(child_id=due.pk).exists()
    assert not Intervention.objects.filter(child_id=due.pk).exists()
    assert set(Victim.objects.values_list("reference", flat=True)) == {"V-SHARED"}  # shared with another child
    change = AuditEvent.objects.get(verb=AuditEvent.Verb.CHANGE, child_id=due.pk)
    assert change.changes == {"family_name": REDACTED}
    deleted = AuditEvent.objects.get(verb=AuditEvent.Verb.DELETE, child_id=due.pk)
    assert "Deleted child OLD" in deleted.summary and deleted.changes["audit_events_redacted"] == 1
    assert "Ophelia" not in str(list(AuditEvent.objects.values_list("changes", "summary")))
    # Run again: nothing more is due.
    assert retention_run(user=COMMAND_LINE, apply=True, policy=DELETE, today=TODAY).due == []


def test_anonymise_keeps_the_records_without_the_identity(children):
    due = children["due"]
    policy = Policy(years_after_18th_birthday=2, years_after_last_contact=1, action="anonymise", apply_daily=False)
    retention_run(user=COMMAND_LINE, apply=True, policy=policy, today=TODAY)
    due.refresh_from_db()
    assert (due.reference, due.given_name, due.family_name) == (f"ANON-{due.pk}", "", "")
    assert Offence.objects.filter(child=due).count() == 1 and Victim.objects.count() == 2
    assert retention_run(user=COMMAND_LINE, apply=False, policy=policy, today=TODAY).due == []


def test_only_a_system_actor_runs_retention(children, administrator):
    with pytest.raises(PermissionDenied):
        retention_run(user=administrator, apply=True, policy=DELETE, today=TODAY)
    assert Child.objects.count() == 4


def test_the_command_reports_by_default(children, capsys, settings):
    settings.OPENYJ_RETENTION = {"years_after_18th_birthday": 2, "years_after_last_contact": 1,
                                 "action": "delete", "apply_daily": False}
    call_command("retention")  # today: the dates above are long past, OLD and RECENT are both due by now
    out = capsys.readouterr().out
    assert "due to be deleted" in out and "OLD" in out
    assert Child.objects.count() == 4


def test_the_daily_task_reports_unless_told_to_apply(children, settings):
    from openyj.casework.tasks import retention_run as daily

    settings.OPENYJ_RETENTION = {"years_after_18th_birthday": 2, "years_after_last_contact": 1,
                                 "action": "delete", "apply_daily": False}
    assert daily.enqueue().return_value >= 1
    assert Child.objects.count() == 4
    assert AuditEvent.objects.filter(object_type="retention", actor="scheduled task").exists()
    settings.OPENYJ_RETENTION = {**settings.OPENYJ_RETENTION, "apply_daily": True}
    daily.enqueue()
    assert not Child.objects.filter(reference="OLD").exists()
