"""Administrators manage who can use their service; nobody else can."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from openyj.core.models import AuditEvent, Membership


def test_only_the_administrator_reaches_the_users_pages(personas, client_as, administrator):
    membership = Membership.objects.get(user=administrator)
    urls = [reverse("team"), reverse("team_add"), reverse("team_role", args=[membership.pk])]
    for name, user in personas.items():
        client = client_as(user)
        for url in urls:
            status = client.get(url).status_code
            if name == "administrator":
                assert status == 200, (name, url)
            elif name == "case_manager_b":
                # B has no administrator role either; the page is refused before any lookup.
                assert status == 403, (name, url)
            else:
                assert status == 403, (name, url)


def test_administrator_of_b_cannot_touch_a_membership_of_a(client_as, service_b, case_manager_a):
    from tests.conftest import make_user

    admin_b = make_user("admin_b", service_b, "administrator")
    membership = Membership.objects.get(user=case_manager_a)
    client = client_as(admin_b)
    assert client.get(reverse("team_role", args=[membership.pk])).status_code == 404
    assert client.post(reverse("team_remove", args=[membership.pk])).status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_administrator_adds_a_user_with_a_role(client_as, administrator, service_a):
    response = client_as(administrator).post(reverse("team_add"), {
        "username": "new-cm", "first_name": "Nia", "last_name": "Brook", "email": "nia@example.org",
        "role": "case_manager", "password": "a-long-temporary-pass",
    })
    assert response.status_code == 302
    user = get_user_model().objects.get(username="new-cm")
    assert user.check_password("a-long-temporary-pass")
    assert Membership.objects.get(user=user).role == "case_manager"
    assert AuditEvent.objects.filter(verb="create", object_type="core.Membership", user=administrator).exists()


@pytest.mark.parametrize(("data", "field"), [
    ({"role": ""}, "role"),
    ({"password": "short"}, "password"),
    ({"email": "not-an-email"}, "email"),
    ({"password": "password1234"}, "password"),  # too common
])
def test_bad_new_user_is_refused_with_the_field_named(client_as, administrator, data, field):
    post = {"username": "new-cm", "first_name": "Nia", "last_name": "Brook", "email": "nia@example.org",
            "role": "case_manager", "password": "a-long-temporary-pass", **data}
    response = client_as(administrator).post(reverse("team_add"), post)
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not get_user_model().objects.filter(username="new-cm").exists()


def test_administrator_changes_a_role_and_removes_access(client_as, administrator, case_manager_a):
    membership = Membership.objects.get(user=case_manager_a)
    client = client_as(administrator)
    assert client.post(reverse("team_role", args=[membership.pk]), {"role": "manager"}).status_code == 302
    membership.refresh_from_db()
    assert membership.role == "manager"
    event = AuditEvent.objects.get(verb="change", object_type="core.Membership")
    assert event.changes == {"role": ["case_manager", "manager"]}
    assert client.post(reverse("team_remove", args=[membership.pk])).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert get_user_model().objects.filter(pk=case_manager_a.pk).exists()


def test_administrator_cannot_remove_their_own_access(client_as, administrator):
    membership = Membership.objects.get(user=administrator)
    client_as(administrator).post(reverse("team_remove", args=[membership.pk]))
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_unknown_role_grants_nothing(client_as, unknown_role):
    client = client_as(unknown_role)
    for name in ("caseload", "team", "child_add"):
        assert client.get(reverse(name)).status_code == 403
