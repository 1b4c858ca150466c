from __future__ import annotations

from django import forms

from openyj.core.roles import Role


class MemberAddForm(forms.Form):
    username = forms.SlugField(label="Username", max_length=150,
                               help_text="Letters, numbers, hyphens and underscores, for example j-smith",
                               error_messages={"required": "Enter a username"})
    first_name = forms.CharField(label="First name", max_length=150, error_messages={"required": "Enter a first name"})
    last_name = forms.CharField(label="Last name", max_length=150, error_messages={"required": "Enter a last name"})
    email = forms.EmailField(label="Email address", error_messages={"required": "Enter an email address"})
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose a role"})
    password = forms.CharField(label="Temporary password", widget=forms.PasswordInput, min_length=12,
                               help_text="At least 12 characters and hard to guess: three random words work well. "
                               "Ask them to change it when they first sign in."
                               " Leave blank when the user already has an account.", required=False)


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose a role"})
