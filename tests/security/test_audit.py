"""One audit trail, complete: the importer's records one by one, list pages' children (issue 10, item 2)."""

from __future__ import annotations

from django.urls import reverse

from openyj.core.actors import COMMAND_LINE
from openyj.core.models import AuditEvent
from openyj.interchange.importer import import_path
from openyj.people.models import Child
from tests.factories import ChildFactory
from tests.interchange.helpers import VALID, changed, write_folder


def test_the_importer_audits_every_record_it_creates_with_its_values(tmp_path, service_a, performance_officer):
    report = import_path(write_folder(tmp_path / "one"), service_code=service_a.code, user=performance_officer)
    assert report.ok
    created = AuditEvent.objects.filter(verb=AuditEvent.Verb.CREATE, object_type="people.Child")
    assert created.count() == Child.objects.count() == 2
    alex = Child.objects.get(reference="C1")
    event = created.get(object_id=str(alex.pk))
    assert event.user == performance_officer and event.service == service_a and event.child_id == alex.pk
    assert event.changes["given_name"] == [None, "Alex"] and event.changes["date_of_birth"] == [None, "2008-05-01"]
    # Every record of every file, the links included.
    outcome = AuditEvent.objects.get(verb=AuditEvent.Verb.CREATE, object_type="offending.Outcome",
                                     changes__reference=[None, "D1"])
    assert outcome.changes["offences"] == [None, ["O1", "O2"]] and outcome.child_id == alex.pk
    total = sum(f.created for f in report.files.values())
    assert AuditEvent.objects.filter(verb=AuditEvent.Verb.CREATE).exclude(object_type="core.Service").count() == total


def test_the_importer_audits_each_change_with_old_and_new_values(tmp_path, service_a):
    import_path(write_folder(tmp_path / "one"), service_code=service_a.code, user=COMMAND_LINE)
    files = changed(VALID, "children.csv", 1, "family_name", "Smyth")
    import_path(write_folder(tmp_path / "two", files), service_code=service_a.code, user=COMMAND_LINE)
    [event] = AuditEvent.objects.filter(verb=AuditEvent.Verb.CHANGE, object_type="people.Child")
    assert event.changes == {"family_name": ["Smith", "Smyth"]} and event.actor == "command line"


def test_a_dry_run_writes_no_record_events(tmp_path, service_a):
    import_path(write_folder(tmp_path / "one"), service_code=service_a.code, user=COMMAND_LINE, dry_run=True)
    assert not AuditEvent.objects.exists()


def test_the_caseload_records_which_children_it_showed(client_as, manager, service_a, service_b):
    shown = [ChildFactory(service=service_a) for _ in range(3)]
    ChildFactory(service=service_b)
    assert client_as(manager).get(reverse("caseload")).status_code == 200
    listed = AuditEvent.objects.filter(verb=AuditEvent.Verb.VIEW, object_type="people.Child", user=manager)
    assert sorted(listed.values_list("child_id", flat=True)) == sorted(c.pk for c in shown)
    assert all(e.summary == "Listed on the caseload, page 1" and e.service == service_a for e in listed)


def test_django_auditlog_is_gone():
    from django.apps import apps

    assert not apps.is_installed("auditlog")
