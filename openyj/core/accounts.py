"""Sign-in rules: accounts made by administrators, two-factor sign-in, lock-out by person.

- Nobody signs up: administrators create accounts (``openyj/core/team.py``).
- Two-factor sign-in cannot be switched off by its owner while the deployment requires it.
- A lock-out counts a person once, whether they type their username or their e-mail address, and
  counts them from their own address even behind a proxy (``OPENYJ_TRUSTED_PROXY_COUNT``).
"""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q


class NoSignupAccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request):
        return False


class TwoFactorAdapter(DefaultMFAAdapter):
    def can_delete_authenticator(self, authenticator) -> bool:
        # Where two-factor sign-in is required, switching it off would only send the user straight
        # back to set it up; an administrator resets a lost authenticator instead (docs/security.md).
        return not settings.OPENYJ_MFA_REQUIRED


def lockout_username(request, credentials) -> str:
    """The name django-axes counts failures under: the account's username when the login typed
    (username or e-mail address, any letter case) belongs to an account, else what was typed.

    Without this, ``sam`` and ``sam@example.org`` were two counters, doubling the guesses allowed.
    """
    credentials = credentials or {}
    typed = credentials.get("username") or credentials.get("email") or ""
    if not typed and request is not None:
        typed = request.POST.get("login", "") or request.POST.get("username", "")
    typed = str(typed).strip()
    if not typed:
        return ""
    account = (
        get_user_model().objects.filter(Q(username__iexact=typed) | Q(email__iexact=typed))
        .order_by("pk").values_list("username", flat=True).first()
    )
    return account if account is not None else typed.casefold()


def client_ip(request) -> str:
    """The client's address as allauth's rate limits see it (honouring ``ALLAUTH_TRUSTED_PROXY_COUNT``),
    so that lock-outs and rate limits agree on who is who."""
    try:
        return get_account_adapter(request).get_client_ip(request)
    except PermissionDenied:
        # A request made inside the server (a test client's sign-in) has no address; django-axes
        # copes with none.
        return request.META.get("REMOTE_ADDR")
