"""The idle time-out: the server forgets a session after OPENYJ_SESSION_IDLE_MINUTES without a
request; every request restarts the clock; pages carry the warning's settings."""

from __future__ import annotations

from datetime import timedelta

import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD


def signed_in(user) -> Client:
    client = Client()
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_the_server_ends_a_session_after_the_idle_time(case_manager_a, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = signed_in(case_manager_a)
        assert client.get(reverse("caseload")).status_code == 200
        clock.move_to(start + timedelta(minutes=31))
        response = client.get(reverse("caseload"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_activity_is_written_at_most_once_a_minute(case_manager_a, settings):
    from django.contrib.sessions.models import Session

    settings.SESSION_COOKIE_AGE = 30 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = signed_in(case_manager_a)
        client.get(reverse("caseload"))
        expiry = Session.objects.get().expire_date
        clock.move_to(start + timedelta(seconds=30))
        client.get(reverse("caseload"))
        assert Session.objects.get().expire_date == expiry  # not written again within the minute
        clock.move_to(start + timedelta(seconds=90))
        client.get(reverse("caseload"))
        assert Session.objects.get().expire_date == expiry + timedelta(seconds=90)


def test_every_request_restarts_the_idle_clock(case_manager_a, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = signed_in(case_manager_a)
        for minutes in (20, 40, 60):  # a page every 20 minutes: never idle for 30
            clock.move_to(start + timedelta(minutes=minutes))
            assert client.get(reverse("caseload")).status_code == 200, minutes


def test_stay_signed_in_keeps_the_session(case_manager_a, settings):
    settings.SESSION_COOKIE_AGE = 30 * 60
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client = signed_in(case_manager_a)
        clock.move_to(start + timedelta(minutes=28))
        assert client.get(reverse("session_keep_alive")).status_code == 204
        clock.move_to(start + timedelta(minutes=50))
        assert client.get(reverse("caseload")).status_code == 200
    # Once the session has ended, the keep-alive does not revive it.
    assert Client().get(reverse("session_keep_alive")).status_code == 302


def test_pages_carry_the_warning_and_the_signed_out_page_explains(client_as, case_manager_a, settings, client):
    settings.SESSION_COOKIE_AGE = 30 * 60
    body = client_as(case_manager_a).get(reverse("caseload")).content.decode()
    assert 'data-module="openyj-timeout-warning"' in body
    # The page counts down from 29 minutes: the server may have restarted its clock up to a minute
    # before the page was drawn, and the page must never outlive the session.
    assert 'data-timeout-seconds="1740"' in body and 'data-warning-seconds="120"' in body
    assert "<script>" not in body  # the strict CSP allows no inline script
    # Not for someone who is not signed in.
    assert "openyj-timeout-warning" not in client.get(reverse("account_login")).content.decode()
    page = client.get(reverse("signed_out") + "?timeout=1").content.decode()
    assert "You have been signed out" in page and "30 minutes without activity" in page
