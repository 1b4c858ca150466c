"""OpenYJ's own deployment checks, run by ``openyj check --deploy`` next to Django's.

Django's checks cover debug, the secret key, HTTPS, HSTS and cookies. These add what is specific to
OpenYJ's production environment (docs/security.md, "Running OpenYJ securely").
"""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def check_two_factor_required(app_configs, **kwargs):
    if settings.OPENYJ_MFA_REQUIRED:
        return []
    return [Warning(
        "Two-factor sign-in is not required (OPENYJ_MFA_REQUIRED is false).",
        hint="Unset OPENYJ_MFA_REQUIRED or set it to true: every user of a deployment holding children's "
             "records must sign in with an authenticator app.",
        id="openyj.W001",
    )]


@register(Tags.security, deploy=True)
def check_mail_server(app_configs, **kwargs):
    if settings.MAILERS.get("default", {}).get("BACKEND", "").endswith("smtp.EmailBackend"):
        return []
    return [Warning(
        "No mail server is set, so password reset e-mails are written to files on the server.",
        hint="Set OPENYJ_EMAIL_HOST (and OPENYJ_EMAIL_USER, OPENYJ_EMAIL_PASSWORD, OPENYJ_EMAIL_FROM) to "
             "your council's SMTP relay.",
        id="openyj.W002",
    )]
