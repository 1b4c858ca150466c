"""The Django admin shows no case content to staff whose role does not allow it, and the audit
trail cannot be changed through the admin or any other path of the application."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction

from openyj.core.models import AuditEvent, Membership
from openyj.core.roles import Role
from openyj.people.services import child_update
from tests.factories import ChildFactory

NAME = "Zebedee"
NEW_NAME = "Quartermaine"


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("root", "root@example.org", "kettle-violet-harbour")


@pytest.fixture
def renamed_child(service_a, manager):
    child = ChildFactory(service=service_a, given_name=NAME, family_name="Child")
    child_update(user=manager, child=child, data={"given_name": NEW_NAME})
    event = AuditEvent.objects.get(verb="change", object_type="people.Child")
    assert event.changes["given_name"] == [NAME, NEW_NAME]  # the audit holds the names
    return child


def test_a_superuser_without_a_membership_reads_no_childrens_names_in_the_admin(client_as, superuser, renamed_child):
    client = client_as(superuser)
    changelist = client.get("/admin/core/auditevent/")
    assert changelist.status_code == 200
    body = changelist.content.decode()
    assert "0 audit events" in body
    assert NAME not in body and NEW_NAME not in body
    event = AuditEvent.objects.get(verb="change", object_type="people.Child")
    detail = client.get(f"/admin/core/auditevent/{event.pk}/change/", follow=True)
    assert NAME not in detail.content.decode() and NEW_NAME not in detail.content.decode()
    # There is no second copy of the history (django-auditlog was removed): nothing at its old address.
    assert client.get("/admin/auditlog/logentry/").status_code == 404
    for page in ("/admin/", "/admin/auditlog/"):
        response = client.get(page)
        assert NAME not in response.content.decode() and NEW_NAME not in response.content.decode()


def test_staff_whose_role_shows_children_read_the_audit_of_their_service(client_as, superuser, renamed_child,
                                                                         service_a, service_b):
    Membership.objects.create(user=superuser, service=service_a, role=Role.MANAGER)
    client = client_as(superuser)
    event = AuditEvent.objects.get(verb="change", object_type="people.Child")
    detail = client.get(f"/admin/core/auditevent/{event.pk}/change/")
    assert detail.status_code == 200 and NEW_NAME in detail.content.decode()
    # Not another service's: an administrator role there, or any role in B, shows nothing of A.
    Membership.objects.filter(user=superuser).update(service=service_b)
    assert "0 audit events" in client.get("/admin/core/auditevent/").content.decode()


def test_audit_rows_cannot_be_changed_or_deleted_in_the_admin(client_as, superuser, renamed_child, service_a):
    Membership.objects.create(user=superuser, service=service_a, role=Role.MANAGER)
    client = client_as(superuser)
    event = AuditEvent.objects.get(verb="change", object_type="people.Child")
    client.post(f"/admin/core/auditevent/{event.pk}/change/", {"summary": "nothing happened"})
    assert client.post(f"/admin/core/auditevent/{event.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post("/admin/core/auditevent/", {"action": "delete_selected", "_selected_action": [event.pk]})
    event.refresh_from_db()
    assert event.summary == "Changed child's details"


def test_audit_rows_cannot_be_changed_or_deleted_through_the_application(renamed_child):
    event = AuditEvent.objects.get(verb="change", object_type="people.Child")
    event.summary = "nothing happened"
    with pytest.raises(PermissionDenied):
        event.save()
    with pytest.raises(PermissionDenied):
        event.delete()
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=event.pk).update(summary="nothing happened")
    with pytest.raises(PermissionDenied):
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(PermissionDenied), transaction.atomic():
        AuditEvent.objects.bulk_update([event], ["summary"])
    assert AuditEvent.objects.get(pk=event.pk).summary == "Changed child's details"


def test_deleting_a_user_keeps_their_audit_rows(renamed_child, manager):
    count = AuditEvent.objects.count()
    manager.delete()
    assert AuditEvent.objects.count() == count
    assert AuditEvent.objects.filter(user__isnull=True).count() == count


def test_staff_can_reset_a_lost_authenticator_but_never_read_its_secret(client_as, superuser, case_manager_a):
    secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    authenticator = TOTP.activate(case_manager_a, secret).instance
    client = client_as(superuser)
    listing = client.get("/admin/mfa/authenticator/")
    assert listing.status_code == 200 and "case_manager_a" in listing.content.decode()
    detail = client.get(f"/admin/mfa/authenticator/{authenticator.pk}/change/")
    assert secret not in detail.content.decode()
    assert client.post(f"/admin/mfa/authenticator/{authenticator.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Authenticator.objects.filter(pk=authenticator.pk).exists()
    reset = AuditEvent.objects.get(object_type="mfa.Authenticator", verb="delete")
    assert reset.user == superuser and "case_manager_a" in reset.summary
