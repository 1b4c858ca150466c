"""Accounts that work: every allauth page is a GOV.UK page, password reset by e-mail (never to an
unknown address), strong passwords, and a lock-out that counts a person once, from their own address."""

from __future__ import annotations

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import PASSWORD

GOVUK_LAYOUT = ('class="govuk-template__body"', 'class="govuk-generic-header"', 'id="main-content"',
                'class="govuk-footer"')


def allauth_urls() -> list[tuple[str, str]]:
    """Every page django-allauth adds to the project, with made-up values for its parameters."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern) and pattern.callback.__module__.startswith("allauth"):
                kwargs = dict.fromkeys(pattern.pattern.regex.groupindex, "x1-x2")
                found.append((pattern.name, reverse(pattern.name, kwargs=kwargs)))

    walk(get_resolver().url_patterns, "")
    return found


def assert_govuk_page(response, where):
    assert response.status_code < 500, where
    if response["Content-Type"].startswith("text/html"):
        body = response.content.decode()
        for marker in GOVUK_LAYOUT:
            assert marker in body, (where, marker)
        assert "<h1 class=\"govuk-" in body or "govuk-panel__title" in body, where


def test_the_walk_finds_the_pages_people_use():
    names = {name for name, _ in allauth_urls()}
    assert {"account_login", "account_reset_password", "account_reset_password_from_key", "account_change_password",
            "account_reauthenticate", "mfa_index", "mfa_activate_totp", "mfa_authenticate",
            "mfa_view_recovery_codes", "mfa_generate_recovery_codes"} <= names


def test_every_allauth_page_is_drawn_in_the_govuk_layout(client_as, case_manager_a, db):
    TOTP.activate(case_manager_a, generate_totp_secret())
    RecoveryCodes.activate(case_manager_a)
    for label, client in (("signed out", Client()), ("signed in", client_as(case_manager_a))):
        for name, url in allauth_urls():
            response = client.get(url, follow=True)
            assert_govuk_page(response, (label, name, url))


def test_the_unused_sign_up_page_says_there_is_no_sign_up(client, db):
    body = client.get(reverse("account_signup")).content.decode()
    assert "You cannot create an account yourself" in body


def test_password_reset_mails_a_link_to_a_known_address_and_the_link_sets_a_new_password(client, case_manager_a,
                                                                                        mailoutbox):
    page = client.get(reverse("account_reset_password"))
    assert "Reset your password" in page.content.decode()
    response = client.post(reverse("account_reset_password"), {"email": "CASE_MANAGER_A@example.org"})
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["case_manager_a@example.org"] and message.subject == "Reset your OpenYJ password"
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+)", message.body).group(1)

    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    action = form.redirect_chain[-1][0] if form.redirect_chain else link
    weak = client.post(action, {"password1": "aaaaaaaaaaaa", "password2": "aaaaaaaaaaaa"})
    assert weak.status_code == 200
    assert "Choose a password that is harder to guess" in weak.content.decode()
    assert "govuk-error-summary" in weak.content.decode()
    done = client.post(action, {"password1": "kettle-violet-harbour", "password2": "kettle-violet-harbour"},
                       follow=True)
    assert "Your password has been changed" in done.content.decode()
    case_manager_a.refresh_from_db()
    assert case_manager_a.check_password("kettle-violet-harbour")


def test_password_reset_never_mails_an_unknown_address(client, case_manager_a, mailoutbox):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    # The same answer as for a known address: the page does not say whether an account exists.
    assert response.status_code == 302 and response["Location"] == reverse("account_reset_password_done")
    assert mailoutbox == []


def test_an_expired_reset_link_says_what_to_do(client, db):
    response = client.get(reverse("account_reset_password_from_key", kwargs={"uidb36": "zz", "key": "bad"}),
                          follow=True)
    body = response.content.decode()
    assert "This link has expired or has already been used" in body
    assert reverse("account_reset_password") in body


def test_change_password_refuses_a_guessable_one(client_as, case_manager_a):
    client = client_as(case_manager_a)
    response = client.post(reverse("account_change_password"), {
        "oldpassword": PASSWORD, "password1": "aaaaaaaaaaaa", "password2": "aaaaaaaaaaaa"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Choose a password that is harder to guess" in body and "three random words" in body.lower()
    case_manager_a.refresh_from_db()
    assert case_manager_a.check_password(PASSWORD)


@pytest.mark.parametrize("password", ["aaaaaaaaaaaa", "password1234", "qwertyuiop12", "Password2026"])
def test_guessable_passwords_are_refused(password, db):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any("three random words" in message.lower() for message in refused.value.messages)


def test_a_password_built_from_the_users_own_name_is_refused(db):
    user = get_user_model()(username="priyanka", first_name="Priyanka", last_name="Vasquez-Holloway")
    with pytest.raises(ValidationError):
        validate_password("PriyankaVasquezHolloway", user)


def test_three_random_words_are_accepted(db):
    validate_password("kettle-violet-harbour")


def fail_sign_in(client, login):
    return client.post(reverse("account_login"), {"login": login, "password": "not-the-password"},
                       REMOTE_ADDR=client.defaults.get("REMOTE_ADDR", "127.0.0.1"))


def test_username_and_email_count_as_one_person(client, case_manager_a, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for login in ("case_manager_a", "case_manager_a@example.org", "Case_Manager_A"):
        fail_sign_in(client, login)
    assert list(AccessAttempt.objects.values_list("username", "failures_since_start")) == [("case_manager_a", 3)]
    # The right password no longer works from this address, whichever login is typed.
    response = client.post(reverse("account_login"), {"login": "case_manager_a@example.org", "password": PASSWORD})
    assert response.status_code == 429
    assert "You cannot sign in for now" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_behind_a_proxy_one_attacker_cannot_lock_the_account_for_everyone(case_manager_a, settings):
    settings.AXES_FAILURE_LIMIT = 3
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    cache.clear()
    # Every request arrives from the proxy (10.0.0.2); the proxy appends the client's address.
    attacker = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.66")
    for _ in range(3):
        attacker.post(reverse("account_login"), {"login": "case_manager_a", "password": "guess"})
    assert attacker.post(reverse("account_login"), {"login": "case_manager_a", "password": PASSWORD}).status_code == 429
    # A spoofed header from the attacker does not get round it: the proxy's entry, last, counts.
    spoofing = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.66")
    assert spoofing.post(reverse("account_login"), {"login": "case_manager_a", "password": PASSWORD}).status_code == 429
    # The real user, through the same proxy from their own address, still signs in.
    user = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.10")
    response = user.post(reverse("account_login"), {"login": "case_manager_a", "password": PASSWORD})
    assert response.status_code == 302
    assert user.session["_auth_user_id"] == str(case_manager_a.pk)


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(case_manager_a, settings):
    settings.AXES_FAILURE_LIMIT = 3
    cache.clear()
    for fake in ("198.51.100.1", "198.51.100.2", "198.51.100.3"):
        Client(HTTP_X_FORWARDED_FOR=fake).post(reverse("account_login"), {"login": "case_manager_a", "password": "x"})
    # All three came from 127.0.0.1 whatever they claimed, so that address is locked out.
    response = Client(HTTP_X_FORWARDED_FOR="198.51.100.9").post(
        reverse("account_login"), {"login": "case_manager_a", "password": PASSWORD})
    assert response.status_code == 429


def test_rate_limits_live_in_the_database_shared_by_every_process(db, settings):
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache
    from django.db import connection

    assert isinstance(caches["default"], DatabaseCache)
    # Made by the migrations: nothing to remember after `openyj migrate`.
    assert settings.CACHES["default"]["LOCATION"] in connection.introspection.table_names()
    cache.set("openyj-test", 1)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {settings.CACHES['default']['LOCATION']}")
        assert cursor.fetchone()[0] >= 1
