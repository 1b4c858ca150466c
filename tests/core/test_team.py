"""Administrators manage who can use their service; nobody else can."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from openyj.core.models import AuditEvent, Membership


def test_only_the_administrator_reaches_the_users_pages(personas, client_as, administrator):
    membership = Membership.objects.get(user=administrator)
    urls = [reverse("team"), reverse("team_add"), reverse("team_role", args=[membership.pk]),
            reverse("team_remove", args=[membership.pk])]
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
    assert client.get(reverse("team_remove", args=[membership.pk])).status_code == 404
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


def test_removing_access_first_shows_what_will_happen(client_as, administrator, case_manager_a):
    membership = Membership.objects.get(user=case_manager_a)
    client = client_as(administrator)
    page = client.get(reverse("team_remove", args=[membership.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert "govuk-warning-text" in body and "They will no longer be able to see or change anything" in body
    assert 'class="govuk-button govuk-button--warning"' in body
    assert Membership.objects.filter(pk=membership.pk).exists()  # looking at the page removes nothing
    # The list links to this page rather than removing in one click.
    listing = client.get(reverse("team")).content.decode()
    assert f'href="{reverse("team_remove", args=[membership.pk])}"' in listing
    assert f'action="{reverse("team_remove", args=[membership.pk])}"' not in listing


def test_the_last_administrator_cannot_demote_themselves(client_as, administrator, service_a):
    from openyj.core.team import member_change_role

    membership = Membership.objects.get(user=administrator)
    response = client_as(administrator).post(reverse("team_role", args=[membership.pk]), {"role": "manager"})
    assert response.status_code == 400
    assert "is the only administrator of Northdale Youth Justice Service" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "administrator"
    # The service refuses too, whoever calls it.
    with pytest.raises(ValidationError):
        member_change_role(user=administrator, membership=membership, role="case_manager")
    assert not AuditEvent.objects.filter(object_type="core.Membership", verb="change").exists()


def test_with_another_administrator_one_may_step_down(client_as, administrator, service_a):
    from tests.conftest import make_user

    make_user("administrator_2", service_a, "administrator")
    membership = Membership.objects.get(user=administrator)
    response = client_as(administrator).post(reverse("team_role", args=[membership.pk]), {"role": "manager"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    membership.refresh_from_db()
    assert membership.role == "manager"


def test_an_inactive_administrator_does_not_count(client_as, administrator, service_a):
    from tests.conftest import make_user

    dormant = make_user("administrator_gone", service_a, "administrator")
    dormant.is_active = False
    dormant.save()
    membership = Membership.objects.get(user=administrator)
    assert client_as(administrator).post(reverse("team_role", args=[membership.pk]),
                                         {"role": "manager"}).status_code == 400


def test_no_administrator_removes_their_own_access_even_through_the_service(administrator, service_a):
    from openyj.core.team import member_remove
    from tests.conftest import make_user

    membership = Membership.objects.get(user=administrator)
    with pytest.raises(ValidationError, match="You cannot remove your own access"):
        member_remove(user=administrator, membership=membership)
    # Someone who is not an administrator of the service is refused before anything else.
    case_manager = make_user("cm", service_a, "case_manager")
    with pytest.raises(PermissionDenied):
        member_remove(user=case_manager, membership=membership)
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.parametrize(("method", "name"), [("get", "team_add"), ("get", "team_role"), ("post", "team_role"),
                                              ("get", "team_remove"), ("post", "team_remove")])
def test_changing_access_asks_for_the_password_again(client_as, administrator, case_manager_a, method, name):
    membership = Membership.objects.get(user=case_manager_a)
    args = [] if name == "team_add" else [membership.pk]
    client = client_as(administrator, reauthenticated=False)
    response = getattr(client, method)(reverse(name, args=args), {"role": "manager"} if method == "post" else None)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    membership.refresh_from_db()
    assert membership.role == "case_manager"


def test_after_confirming_the_password_the_change_goes_ahead(client_as, administrator, case_manager_a):
    from tests.conftest import PASSWORD

    membership = Membership.objects.get(user=case_manager_a)
    client = client_as(administrator, reauthenticated=False)
    first = client.post(reverse("team_role", args=[membership.pk]), {"role": "manager"})
    # The change waits while the password is asked for, then is carried out as it was sent.
    response = client.post(first["Location"], {"password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("team")
    membership.refresh_from_db()
    assert membership.role == "manager"
