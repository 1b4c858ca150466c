"""The audit viewer for the data-protection officer (administrators): who, which child, what, when;
filters; CSV export; itself audited; never a child's name."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from openyj.core.audit import audit
from openyj.core.models import AuditEvent
from openyj.people.services import child_update
from tests.conftest import make_user
from tests.factories import ChildFactory

NAME = "Zebedee"


@pytest.fixture
def trail(service_a, service_b, case_manager_a, manager):
    """A child renamed by a case manager, read by a manager; and another service's event."""
    child = ChildFactory(service=service_a, reference="REF-77", given_name=NAME, family_name="Quartermaine")
    child_update(user=case_manager_a, child=child, data={"given_name": "Zeb"})
    audit(user=manager, verb=AuditEvent.Verb.VIEW, obj=child, summary="Viewed child's record")
    other = ChildFactory(service=service_b, reference="REF-B1")
    audit(user=manager, verb=AuditEvent.Verb.VIEW, obj=other, summary="Viewed child's record")
    return child


def test_the_administrator_reads_who_did_what_to_which_child(client_as, administrator, trail, case_manager_a):
    page = client_as(administrator).get(reverse("audit_trail"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "REF-77" in body and "REF-B1" not in body  # this service's events only
    assert case_manager_a.get_full_name() in body and "Changed" in body and "Viewed" in body
    assert "Given name: changed (not shown" in body
    assert NAME not in body and "Zeb<" not in body and "Quartermaine" not in body
    assert AuditEvent.objects.filter(user=administrator, object_type="audit trail", verb="view").exists()


def test_filters_by_child_who_what_and_dates(client_as, administrator, trail, manager):
    client = client_as(administrator)
    by_child = client.get(reverse("audit_trail"), {"child": "REF-77", "verb": "view"})
    assert by_child.status_code == 200 and by_child.context["page_obj"].paginator.count == 1
    by_who = client.get(reverse("audit_trail"), {"who": "case_manager_a"})
    assert [(r.who, r.what) for r in by_who.context["rows"]] == [("Case Manager A", "Changed")]
    today = date.today()
    dates = {"date_from_day": today.day, "date_from_month": today.month, "date_from_year": today.year}
    assert client.get(reverse("audit_trail"), dates).context["page_obj"].paginator.count >= 2


def test_bad_filters_say_what_to_fix(client_as, administrator, trail):
    client = client_as(administrator)
    unknown = client.get(reverse("audit_trail"), {"child": "NOPE"})
    assert unknown.status_code == 400
    assert "There is no child with the reference NOPE in this service" in unknown.content.decode()
    backwards = client.get(reverse("audit_trail"), {"date_from_day": "2", "date_from_month": "1",
                                                    "date_from_year": "2024", "date_to_day": "1",
                                                    "date_to_month": "1", "date_to_year": "2024"})
    assert backwards.status_code == 400 and "must be the same as or after" in backwards.content.decode()
    nonsense = client.get(reverse("audit_trail"), {"date_from_day": "99", "date_from_month": "x",
                                                   "date_from_year": "99999999999999999999", "verb": "nuke"})
    assert nonsense.status_code == 400


def test_the_csv_export_is_audited_and_names_no_child(client_as, administrator, trail):
    response = client_as(administrator).get(reverse("audit_trail_export"), {"child": "REF-77"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:5] == ["When", "Who", "What they did", "Record", "Child's reference"]
    assert {r[4] for r in rows[1:]} == {"REF-77"} and len(rows) == 3
    assert NAME not in response.content.decode()
    event = AuditEvent.objects.get(user=administrator, verb=AuditEvent.Verb.EXPORT, object_type="audit trail")
    assert event.changes == {"events": 2}


@pytest.mark.parametrize("persona", ["case_manager_a", "manager", "performance_officer", "board_member",
                                     "outsider", "unknown_role"])
def test_other_roles_are_refused(client_as, personas, persona, trail):
    client = client_as(personas[persona])
    assert client.get(reverse("audit_trail")).status_code == 403
    assert client.get(reverse("audit_trail_export")).status_code == 403


def test_another_services_administrator_sees_only_their_own(client_as, service_b, trail):
    admin_b = make_user("administrator_b", service_b, "administrator")
    body = client_as(admin_b).get(reverse("audit_trail")).content.decode()
    assert "REF-B1" in body and "REF-77" not in body


def test_anonymous_is_sent_to_sign_in(client, trail):
    assert client.get(reverse("audit_trail")).status_code == 302
