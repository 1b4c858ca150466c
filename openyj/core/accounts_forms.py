"""django-allauth's sign-in forms with GOV.UK wording: sentence-case labels, no placeholders (GOV.UK
asks for labels and hints instead), and the right keyboard for codes. Behaviour is allauth's."""

from __future__ import annotations

from allauth.account import forms as account
from allauth.mfa.base import forms as mfa
from allauth.mfa.totp import forms as totp

LABELS = {
    "login": "Username or email address",
    "password": "Password",
    "oldpassword": "Current password",
    "password1": "New password",
    "password2": "Type the new password again",
    "email": "Email address",
    "code": "Code from your authenticator app",
}
CODE_HINT = "The 6-digit code your authenticator app shows now, or one of your recovery codes."


class GovUKWording:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.label = LABELS.get(name, field.label)
            field.widget.attrs.pop("placeholder", None)
            if name == "code":
                field.widget.attrs.update({"inputmode": "numeric", "spellcheck": "false"})
                field.help_text = field.help_text or CODE_HINT


class LoginForm(GovUKWording, account.LoginForm):
    pass


class ResetPasswordForm(GovUKWording, account.ResetPasswordForm):
    pass


class ResetPasswordKeyForm(GovUKWording, account.ResetPasswordKeyForm):
    pass


class ChangePasswordForm(GovUKWording, account.ChangePasswordForm):
    pass


class ReauthenticateForm(GovUKWording, account.ReauthenticateForm):
    pass


class AuthenticateForm(GovUKWording, mfa.AuthenticateForm):
    pass


class ReauthenticateCodeForm(GovUKWording, mfa.ReauthenticateForm):
    pass


class ActivateTOTPForm(GovUKWording, totp.ActivateTOTPForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = "The 6-digit code your authenticator app shows for OpenYJ."
