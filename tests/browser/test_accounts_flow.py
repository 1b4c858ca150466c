"""Accounts in a real browser, at desktop (1280 px) and phone (390 px) widths with axe checks:
sign-in, password reset, setting up two-factor sign-in with a code, the recovery codes, the pages
that confirm removing access and exporting, and the idle time-out warning."""

from __future__ import annotations

import os
import re
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.urls import reverse

from openyj.core.models import Membership
from tests.browser.conftest import axe_violations
from tests.conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = {"desktop": 1280, "phone": 390}


def describe(violations):
    return "\n".join(f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes) {v['nodes'][0]['target']}" for v in violations)


def check_at_both_widths(page, name: str) -> None:
    """No axe violations at either width, and nothing wider than the phone's screen; a screenshot
    of each when OPENYJ_SCREENSHOTS names a folder (to look at by eye)."""
    for label, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        violations = axe_violations(page)
        assert not violations, f"{name} at {label}:\n{describe(violations)}"
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {label} ({overflow} px)"
        folder = os.environ.get("OPENYJ_SCREENSHOTS")
        if folder:
            page.screenshot(path=f"{folder}/accounts-{name}-{label}.png", full_page=True)
    page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})


def test_sign_in_and_password_reset_pages(page, live_server, case_manager_a, settings):
    settings.OPENYJ_MFA_REQUIRED = False
    page.goto(f"{live_server.url}{reverse('account_login')}")
    assert page.locator("h1").inner_text() == "Sign in to OpenYJ"
    assert "Two-factor sign-in is switched off in this demo" in page.locator("#two-factor-off").inner_text()
    check_at_both_widths(page, "sign-in")

    page.click("text=I have forgotten my password")
    assert page.locator("h1").inner_text() == "Reset your password"
    page.click("button:has-text('Send the link')")
    assert "Enter your email address" in page.locator(".govuk-error-summary").inner_text()
    check_at_both_widths(page, "password-reset-error")
    page.fill("input[name=email]", "case_manager_a@example.org")
    page.click("button:has-text('Send the link')")
    assert page.locator("h1").inner_text() == "Check your email"
    check_at_both_widths(page, "password-reset-sent")


def test_setting_up_two_factor_sign_in_then_signing_in_with_a_code(page, live_server, case_manager_a, settings):
    settings.OPENYJ_MFA_REQUIRED = True
    page.goto(f"{live_server.url}{reverse('account_login')}")
    assert page.locator("#two-factor-off").count() == 0
    page.fill("input[name=login]", case_manager_a.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Sign in')")
    # Straight to "Your account", which asks for the set-up before anything else.
    assert page.locator("h1").inner_text() == "Your account"
    banner = page.locator("[aria-labelledby=set-up-title]")
    assert "Set up two-factor sign-in before you continue" in banner.inner_text()
    check_at_both_widths(page, "your-account-before-set-up")
    page.goto(f"{live_server.url}{reverse('caseload')}")
    assert page.locator("h1").inner_text() == "Your account"

    page.click("text=Set up an authenticator app")
    assert page.locator("h1").inner_text() == "Confirm it’s you"
    check_at_both_widths(page, "confirm-its-you")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Continue')")
    assert page.locator("h1").inner_text() == "Set up an authenticator app"
    qr = page.locator("img[src^='data:image/svg+xml']")
    assert qr.is_visible() and qr.evaluate("img => img.naturalWidth") > 0
    page.click("text=I cannot scan the QR code")
    secret = page.locator("#totp-secret").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret)
    page.click("button:has-text('Turn on two-factor sign-in')")
    assert "Enter the code from your authenticator app" in page.locator(".govuk-error-summary").inner_text()
    check_at_both_widths(page, "set-up-authenticator")
    page.fill("input[name=code]", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.click("button:has-text('Turn on two-factor sign-in')")
    assert page.locator("h1").inner_text() == "Your recovery codes"
    assert page.locator("li.openyj-tabular-numbers").count() == 10
    check_at_both_widths(page, "recovery-codes")
    page.click("text=Continue to OpenYJ")
    assert page.locator("h1").inner_text() == "Caseload"

    # Signing in again asks for a code after the password. A code is used once, so wait for the next.
    page.click("header button:has-text('Sign out')")
    assert page.locator("h1").inner_text() == "You have been signed out"
    page.click("text=Sign in again")
    page.fill("input[name=login]", "case_manager_a@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Sign in')")
    assert page.locator("h1").inner_text() == "Enter the code from your authenticator app"
    check_at_both_widths(page, "enter-code")
    time.sleep(31 - time.time() % 30)
    page.fill("input[name=code]", format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    page.click("button:has-text('Sign in')")
    assert page.locator("h1").inner_text() == "Caseload"


def test_confirmation_pages_for_removing_access_and_exporting(page, live_server, sign_in, service_a, case_manager_a,
                                                              settings):
    settings.OPENYJ_MFA_REQUIRED = False
    admin = make_user("admin_perf", service_a, "administrator")
    sign_in(page, admin, PASSWORD)
    page.goto(f"{live_server.url}{reverse('team')}")
    page.click("text=Remove access of case_manager_a")
    page.fill("input[name=password]", PASSWORD)
    page.click("button:has-text('Continue')")
    assert page.locator("h1").inner_text().startswith("Remove Case Manager A’s access")
    assert page.locator(".govuk-warning-text").is_visible()
    check_at_both_widths(page, "remove-access")
    page.click("button:has-text('Remove access')")
    assert "no longer has access" in page.locator(".govuk-notification-banner").inner_text()
    assert not Membership.objects.filter(user=case_manager_a).exists()

    Membership.objects.filter(user=admin).update(role="performance_officer")
    page.goto(f"{live_server.url}{reverse('export_confirm')}")
    assert page.locator("h1").inner_text().startswith("Export all of")
    check_at_both_widths(page, "export")


def test_the_idle_time_out_warns_then_signs_out(page, live_server, sign_in, case_manager_a, settings):
    settings.OPENYJ_MFA_REQUIRED = False
    settings.SESSION_COOKIE_AGE = 14
    settings.OPENYJ_SESSION_WARNING_SECONDS = 7
    sign_in(page, case_manager_a, PASSWORD)
    dialog = page.locator("dialog.openyj-timeout-dialog")
    assert not dialog.is_visible()
    dialog.wait_for(state="visible", timeout=12000)
    assert "You’re about to be signed out" in dialog.inner_text()
    # Focus is inside the dialog (a modal), on its first button.
    assert page.evaluate("document.activeElement.textContent.trim()") == "Stay signed in"
    check_at_both_widths(page, "timeout-warning")
    page.click("button:has-text('Stay signed in')")
    dialog.wait_for(state="hidden")
    assert page.locator("h1").inner_text() == "Caseload"
    # Left alone, it warns again and then signs out.
    page.wait_for_url(re.compile(r"/signed-out/"), timeout=30000)
    assert page.locator("h1").inner_text() == "You have been signed out"
    page.goto(f"{live_server.url}{reverse('caseload')}")
    assert page.locator("h1").inner_text() == "Sign in to OpenYJ"


def test_changing_the_password_refuses_a_guessable_one(page, live_server, sign_in, case_manager_a, settings):
    settings.OPENYJ_MFA_REQUIRED = False
    sign_in(page, case_manager_a, PASSWORD)
    page.click("text=Your account")
    assert page.locator("h1").inner_text() == "Your account"
    check_at_both_widths(page, "your-account")
    page.click("text=Change your password")
    page.fill("input[name=oldpassword]", PASSWORD)
    page.fill("input[name=password1]", "aaaaaaaaaaaa")
    page.fill("input[name=password2]", "aaaaaaaaaaaa")
    page.click("button:has-text('Change password')")
    summary = page.locator(".govuk-error-summary")
    assert "Choose a password that is harder to guess" in summary.inner_text()
    check_at_both_widths(page, "change-password-error")
    page.fill("input[name=oldpassword]", PASSWORD)
    page.fill("input[name=password1]", "kettle-violet-harbour")
    page.fill("input[name=password2]", "kettle-violet-harbour")
    page.click("button:has-text('Change password')")
    assert "Your password has been changed" in page.locator(".govuk-notification-banner").inner_text()
