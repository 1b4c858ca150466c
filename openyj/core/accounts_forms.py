"""django-allauth's sign-in forms with GOV.UK wording: sentence-case labels, error messages that say
what to do, no placeholders (GOV.UK asks for labels and hints instead), and the right keyboard for
codes. Behaviour is allauth's."""

from __future__ import annotations

from allauth.account import forms as account
from allauth.mfa.base import forms as mfa
from allauth.mfa.totp import forms as totp
from django import forms

LABELS = {
    "login": "Username or email address",
    "password": "Password",
    "oldpassword": "Current password",
    "password1": "New password",
    "password2": "Type the new password again",
    "email": "Email address",
    "code": "Code from your authenticator app",
}
REQUIRED = {
    "login": "Enter your username or email address",
    "password": "Enter your password",
    "oldpassword": "Enter your current password",
    "password1": "Enter a new password",
    "password2": "Type the new password again",
    "email": "Enter your email address",
    "code": "Enter the code from your authenticator app",
}
HINTS = {
    # allauth puts a "Forgot your password?" link here; the sign-in page has its own, below the button.
    "password": "",
    "oldpassword": "",
    # Instead of the list of every validator's rule:
    "password1": "At least 12 characters, and hard to guess: three random words together work well, "
                 "for example ‘kettle-violet-harbour’.",
    "code": "The 6-digit code your authenticator app shows now, or one of your recovery codes.",
}


class GovUKWording:
    fields: dict[str, forms.Field]  # a mixin for allauth's forms, which have them

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.label = LABELS.get(name, field.label)
            if name in REQUIRED:
                field.error_messages["required"] = REQUIRED[name]
            field.help_text = HINTS.get(name, field.help_text)
            field.widget.attrs.pop("placeholder", None)
            if name == "code":
                field.widget.attrs.update({"inputmode": "numeric", "spellcheck": "false",
                                           "class": "govuk-input--width-10"})


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
