"""Signing in: GOV.UK page, clear errors, no public sign-up, lock-out after repeated failures."""

from __future__ import annotations

from django.urls import reverse

from tests.conftest import PASSWORD


def test_sign_in_page_is_a_govuk_form(client, db):
    body = client.get(reverse("account_login")).content.decode()
    assert "Sign in to OpenYJ" in body
    assert 'class="govuk-input' in body
    assert "Content-Security-Policy" in client.get(reverse("account_login")).headers


def test_wrong_password_is_refused_with_a_summary(client, case_manager_a):
    response = client.post(reverse("account_login"), {"login": case_manager_a.username, "password": "wrong"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "_auth_user_id" not in client.session


def test_right_password_signs_in_and_lands_on_the_caseload(client, case_manager_a):
    response = client.post(reverse("account_login"), {"login": case_manager_a.username, "password": PASSWORD},
                           follow=True)
    assert response.redirect_chain[-1][0] == reverse("caseload")


def test_there_is_no_public_sign_up(client, db):
    response = client.get(reverse("account_signup"))
    assert "Sign up" not in response.content.decode() or response.status_code != 200
    assert client.post(reverse("account_signup"), {"username": "x", "password1": PASSWORD,
                                                   "password2": PASSWORD}).status_code != 302


def test_repeated_failures_lock_the_account(client, case_manager_a, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("account_login"), {"login": case_manager_a.username, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": case_manager_a.username, "password": PASSWORD})
    assert response.status_code == 429 or "_auth_user_id" not in client.session


def test_favicon_redirects_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("openyj/images/favicon.svg")


def test_refused_and_missing_pages_are_govuk_pages(client_as, board_member, case_manager_a, settings):
    settings.DEBUG = False
    forbidden = client_as(board_member).get(reverse("caseload"))
    assert forbidden.status_code == 403
    assert "You cannot see this page" in forbidden.content.decode()
    missing = client_as(case_manager_a).get(reverse("child_detail", args=[999999]))
    assert missing.status_code == 404
    assert "Page not found" in missing.content.decode()
