"""Two-factor sign-in (django-allauth's MFA): required in production settings, set up with an
authenticator app, used at sign-in, with recovery codes for a lost phone."""

from __future__ import annotations

import re
import time

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD


@pytest.fixture
def required(settings):
    """Production's setting (the suite's personas otherwise sign in with a password only)."""
    settings.OPENYJ_MFA_REQUIRED = True


def totp_code(secret: str) -> str:
    """The code an authenticator app shows now for ``secret`` (RFC 6238, 30-second steps)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def set_up_authenticator(client: Client) -> tuple[str, list[str]]:
    """Go through the set-up pages as a person would; return the secret and the recovery codes."""
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200, page
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page.content.decode()).group(1)
    assert 'src="data:image/svg+xml;base64,' in page.content.decode()  # the QR code, drawn inline
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_view_recovery_codes")
    codes_page = client.get(response["Location"]).content.decode()
    codes = re.findall(r'openyj-tabular-numbers">(\d{8})<', codes_page)
    return secret, codes


def sign_in_with_password(client: Client, user):
    return client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})


def test_without_an_authenticator_every_page_with_data_sends_you_to_set_one_up(
        client_as, case_manager_a, required):
    client = client_as(case_manager_a)
    for url in (reverse("caseload"), reverse("home"), "/admin/", reverse("export_confirm")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("mfa_index"), url
    page = client.get(reverse("mfa_index"))
    assert page.status_code == 200
    assert "Set up two-factor sign-in before you continue" in page.content.decode()
    # Pages with no data stay open: the accessibility statement, signing out.
    assert client.get(reverse("accessibility")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_when_not_required_pages_open_without_an_authenticator(client_as, case_manager_a, settings):
    settings.OPENYJ_MFA_REQUIRED = False
    assert client_as(case_manager_a).get(reverse("caseload")).status_code == 200


def test_setting_up_asks_for_the_password_first(client_as, case_manager_a, required):
    client = client_as(case_manager_a, reauthenticated=False)
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_reauthenticate"))
    assert not Authenticator.objects.filter(user=case_manager_a).exists()


def test_set_up_then_sign_in_with_a_code(client_as, case_manager_a, required):
    secret, codes = set_up_authenticator(client_as(case_manager_a))
    assert Authenticator.objects.filter(user=case_manager_a, type=Authenticator.Type.TOTP).exists()
    assert len(codes) == 10 and len(set(codes)) == 10

    with time_machine.travel(time.time() + 90, tick=False):  # a fresh code, as at a later sign-in
        client = Client()
        response = sign_in_with_password(client, case_manager_a)
        # The password alone does not sign in: the next page asks for the code.
        assert response["Location"] == reverse("mfa_authenticate")
        assert "_auth_user_id" not in client.session
        not_the_code = "000000" if totp_code(secret) != "000000" else "111111"
        wrong = client.post(reverse("mfa_authenticate"), {"code": not_the_code})
        assert wrong.status_code == 200 and "govuk-error-summary" in wrong.content.decode()
        assert "_auth_user_id" not in client.session
        response = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(case_manager_a.pk)
        assert client.get(reverse("caseload")).status_code == 200


def test_a_recovery_code_signs_in_once(client_as, case_manager_a, required):
    _, codes = set_up_authenticator(client_as(case_manager_a))
    client = Client()
    sign_in_with_password(client, case_manager_a)
    client.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert client.session["_auth_user_id"] == str(case_manager_a.pk)

    again = Client()
    sign_in_with_password(again, case_manager_a)
    response = again.post(reverse("mfa_authenticate"), {"code": codes[0]})
    assert response.status_code == 200
    assert "_auth_user_id" not in again.session
    page = client_as(case_manager_a).get(reverse("mfa_index")).content.decode()
    assert "9 of 10 recovery codes not used yet" in page


def test_nobody_switches_off_their_own_two_factor_sign_in_where_it_is_required(client_as, case_manager_a, required):
    client = client_as(case_manager_a)
    set_up_authenticator(client)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200
    assert "cannot be switched off" in response.content.decode()
    assert Authenticator.objects.filter(user=case_manager_a, type=Authenticator.Type.TOTP).exists()


def test_the_sign_in_page_says_when_two_factor_sign_in_is_off(client, db, settings):
    settings.OPENYJ_MFA_REQUIRED = False
    assert "Two-factor sign-in is switched off in this demo" in client.get(reverse("account_login")).content.decode()
    settings.OPENYJ_MFA_REQUIRED = True
    assert "Two-factor sign-in is switched off" not in client.get(reverse("account_login")).content.decode()


def test_production_settings_require_two_factor_sign_in(monkeypatch):
    """The setting's default (no OPENYJ_MFA_REQUIRED in the environment) is on."""
    import subprocess
    import sys

    from tests.core.test_settings import clean_env

    out = subprocess.run(
        [sys.executable, "-c", "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='config.settings'; "
                               "django.setup(); from django.conf import settings; print(settings.OPENYJ_MFA_REQUIRED)"],
        env=clean_env(), capture_output=True, text=True, check=True,
    ).stdout
    assert out.strip() == "True"


def test_the_admin_signs_in_through_the_two_factor_sign_in(client, db):
    # Django's own admin sign-in form would take a password alone.
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
