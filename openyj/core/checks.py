"""OpenYJ's own deployment checks, run by ``openyj check --deploy`` next to Django's.

Django's checks cover debug, the secret key, HTTPS, HSTS, cookies and a development-only mail
backend (mail.E001). This adds what is specific to OpenYJ's production environment
(docs/security.md, "Running OpenYJ securely").
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

