"""Production settings: `check --deploy` passes with the documented environment, debug is off
unless asked for, HTTPS settings follow OPENYJ_HTTPS, and the headers every page carries."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = ROOT / "docs" / "production.env.example"


def clean_env(tmp_path: Path | None = None, **extra) -> dict:
    """The process environment without any OPENYJ_ or DATABASE_URL variable, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENYJ_", "DATABASE_URL", "DJANGO_"))}
    if tmp_path is not None:
        env["OPENYJ_DATA_DIR"] = str(tmp_path)
    env.update(extra)
    return env


def documented_production_env() -> dict:
    """The variables written down in docs/production.env.example, with a real random secret key."""
    values = {}
    for line in PRODUCTION_ENV.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            values[name.strip()] = value.strip()
    values["OPENYJ_SECRET_KEY"] = secrets.token_urlsafe(50)
    return values


def manage(*args, env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def settings_value(name: str, env: dict) -> str:
    code = ("import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; django.setup(); "
            f"from django.conf import settings; print(repr(getattr(settings, {name!r}, None)))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_check_deploy_passes_with_the_documented_production_environment(tmp_path):
    env = clean_env(tmp_path, **documented_production_env())
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_fails_without_https_and_two_factor_sign_in(tmp_path):
    env = documented_production_env() | {"OPENYJ_HTTPS": "false", "OPENYJ_MFA_REQUIRED": "false"}
    env.pop("OPENYJ_EMAIL_HOST")
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=clean_env(tmp_path, **env))
    assert result.returncode != 0
    for check in ("security.W004", "security.W008", "security.W012", "security.W016", "openyj.W001", "mail.E001"):
        assert check in result.stderr, check


def test_debug_is_off_unless_asked_for(tmp_path):
    assert settings_value("DEBUG", clean_env(tmp_path)) == "False"
    assert settings_value("DEBUG", clean_env(tmp_path, OPENYJ_DEBUG="true")) == "True"


def test_without_a_secret_key_a_random_one_is_kept_in_the_data_folder(tmp_path):
    first = settings_value("SECRET_KEY", clean_env(tmp_path))
    key_file = tmp_path / "secret-key"
    assert key_file.exists() and oct(key_file.stat().st_mode & 0o777) == "0o600"
    assert len(eval(first)) >= 50  # noqa: S307 - a repr we printed ourselves
    # The same key on the next start (sessions survive a restart), and a set key wins.
    assert settings_value("SECRET_KEY", clean_env(tmp_path)) == first
    assert settings_value("SECRET_KEY", clean_env(tmp_path, OPENYJ_SECRET_KEY="x" * 60)) == repr("x" * 60)


def test_https_behind_a_proxy_turns_on_hsts_secure_cookies_and_the_proxy_header(tmp_path):
    plain = clean_env(tmp_path)
    assert settings_value("SECURE_HSTS_SECONDS", plain) == "0"
    assert settings_value("SESSION_COOKIE_SECURE", plain) == "False"
    assert settings_value("SECURE_PROXY_SSL_HEADER", plain) == "None"
    tls = clean_env(tmp_path, OPENYJ_HTTPS="true", OPENYJ_TRUSTED_PROXY_COUNT="1")
    assert settings_value("SECURE_HSTS_SECONDS", tls) == "31536000"
    assert settings_value("SESSION_COOKIE_SECURE", tls) == "True"
    assert settings_value("CSRF_COOKIE_SECURE", tls) == "True"
    assert settings_value("SECURE_SSL_REDIRECT", tls) == "True"
    assert settings_value("SECURE_PROXY_SSL_HEADER", tls) == "('HTTP_X_FORWARDED_PROTO', 'https')"
    # Without a proxy in front, a client-sent X-Forwarded-Proto is never believed.
    direct = clean_env(tmp_path, OPENYJ_HTTPS="true")
    assert settings_value("SECURE_PROXY_SSL_HEADER", direct) == "None"


def test_mail_goes_to_the_smtp_server_from_the_environment(tmp_path):
    env = clean_env(tmp_path, OPENYJ_EMAIL_HOST="smtp.example.gov.uk", OPENYJ_EMAIL_PORT="465",
                    OPENYJ_EMAIL_USE_TLS="false", OPENYJ_EMAIL_USE_SSL="true", OPENYJ_EMAIL_USER="openyj",
                    OPENYJ_EMAIL_PASSWORD="pw", OPENYJ_EMAIL_FROM="OpenYJ <openyj@example.gov.uk>")
    mailers = eval(settings_value("MAILERS", env))  # noqa: S307 - a repr we printed ourselves
    assert mailers["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert mailers["default"]["OPTIONS"] | {"password": "?"} == {
        "host": "smtp.example.gov.uk", "port": 465, "username": "openyj", "password": "?",
        "use_tls": False, "use_ssl": True, "timeout": 20}
    assert settings_value("DEFAULT_FROM_EMAIL", env) == repr("OpenYJ <openyj@example.gov.uk>")
    without = eval(settings_value("MAILERS", clean_env(tmp_path)))  # noqa: S307
    assert without["default"]["OPTIONS"]["file_path"] == str(tmp_path / "mail")


def test_a_bad_number_in_the_environment_is_a_clear_error(tmp_path):
    code = "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; django.setup()"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            env=clean_env(tmp_path, OPENYJ_SESSION_IDLE_MINUTES="half an hour"))
    assert result.returncode != 0
    assert "OPENYJ_SESSION_IDLE_MINUTES must be a whole number" in result.stderr


def test_signed_in_pages_are_never_stored(client_as, case_manager_a, client):
    response = client_as(case_manager_a).get(reverse("caseload"))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    # Also on refusals and downloads a signed-in user gets.
    assert client_as(case_manager_a).get(reverse("team"))["Cache-Control"] == "no-store, private"
    # A public page read without signing in is not a signed-in page.
    assert "no-store" not in client.get(reverse("accessibility")).get("Cache-Control", "")
    assert client_as(case_manager_a).get(reverse("accessibility"))["Cache-Control"] == "no-store, private"


def test_every_page_carries_the_security_headers(client, db):
    response = client.get(reverse("account_login"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp


@pytest.fixture
def failing_urls(settings):
    settings.ROOT_URLCONF = "tests.core.failing_urls"


def test_errors_are_govuk_pages_not_debug_pages(client, failing_urls, db):
    client.raise_request_exception = False
    server_error = client.get("/boom/")
    assert server_error.status_code == 500
    assert "Sorry, there is a problem with OpenYJ" in server_error.content.decode()
    missing = Client().get("/no-such-page/")
    assert missing.status_code == 404
    assert "Page not found" in missing.content.decode() and "URLconf" not in missing.content.decode()


def test_a_form_sent_without_its_token_is_a_govuk_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("account_login"), {"login": "x", "password": "y"})
    assert response.status_code == 403
    assert "Your form could not be sent" in response.content.decode()
