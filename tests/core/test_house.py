"""The house's shared machinery: the audit registry, navigation declared by each app, and the one
way to save a form through a service."""

from __future__ import annotations

import pytest
from django import forms
from django.apps import apps
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from openyj.core.audit import audit, child_id_of, is_registered
from openyj.core.models import AuditEvent, Membership
from openyj.core.navigation import nav_items, start_page
from openyj.core.pages import form_page, save_form
from openyj.core.roles import Role
from tests.conftest import make_user
from tests.factories import ChildFactory, OffenceFactory

# --- audit: records are known through a registry ----------------------------------------------------

def test_an_event_about_a_child_or_a_childs_record_names_the_child(service_a, manager):
    child = ChildFactory(service=service_a)
    offence = OffenceFactory(child=child)
    assert child_id_of(child) == child.pk
    assert child_id_of(offence) == child.pk
    assert audit(user=manager, verb=AuditEvent.Verb.VIEW, obj=offence).child_id == child.pk
    assert audit(user=manager, verb=AuditEvent.Verb.VIEW, obj=child).child_id == child.pk


def test_a_record_about_no_child_names_none(service_a, manager):
    membership = Membership.objects.get(user=manager)
    assert child_id_of(membership) is None
    assert audit(user=manager, verb=AuditEvent.Verb.CHANGE, obj=membership).child_id is None


@pytest.mark.parametrize("label", ["people", "offending", "casework", "governance", "indicators"])
def test_every_record_of_the_record_and_partnership_apps_is_audited(label):
    # Stored computed figures are a cache of what the records say, not records: indicators leaves them out.
    computed = {"indicators.FigureSet", "indicators.FigureState"}
    for model in apps.get_app_config(label).get_models():
        assert is_registered(model) or model._meta.label in computed, model._meta.label


# --- navigation comes from the apps -----------------------------------------------------------------

def test_navigation_is_collected_from_every_app_in_order():
    assert [item.text for item in nav_items()] == [
        "Caseload", "Work queue", "Performance", "Key performance indicators", "Disproportionality", "Quality",
        "Governance", "Plans and reports", "Import data", "Export data", "Users", "Audit trail",
        "Performance settings",
    ]


@pytest.mark.parametrize(("role", "expected"), [
    (Role.CASE_MANAGER, ["Caseload"]),
    (Role.MANAGER, ["Caseload", "Work queue", "Performance", "Key performance indicators", "Disproportionality",
                    "Quality", "Governance", "Plans and reports"]),
    (Role.PERFORMANCE_OFFICER, ["Caseload", "Performance", "Key performance indicators", "Disproportionality",
                                "Quality", "Governance", "Plans and reports", "Import data", "Export data",
                                "Performance settings"]),
    (Role.BOARD_MEMBER, ["Performance", "Key performance indicators", "Disproportionality", "Governance",
                         "Plans and reports"]),
    (Role.ADMINISTRATOR, ["Import data", "Users", "Audit trail", "Performance settings"]),
    ("janitor", []),
])
def test_each_role_sees_only_its_pages_in_the_header(role, expected, client_as, service_a):
    response = client_as(make_user(f"nav_{role}", service_a, role)).get(reverse("accessibility"))
    assert [item["text"] for item in response.context["nav_items"]] == expected
    html = response.content.decode()
    for item in response.context["nav_items"]:
        assert f'href="{item["href"]}"' in html


@pytest.mark.parametrize(("role", "start"), [
    (Role.CASE_MANAGER, "caseload"), (Role.MANAGER, "caseload"), (Role.PERFORMANCE_OFFICER, "dashboard"),
    (Role.BOARD_MEMBER, "dashboard"), (Role.ADMINISTRATOR, "team"), ("janitor", None),
])
def test_each_role_starts_from_its_first_starting_page(role, start):
    assert start_page(role) == start


# --- one way to save a form through a service ----------------------------------------------------------

class NameForm(forms.Form):
    name = forms.CharField()


def _request(method: str, data=None):
    request = getattr(RequestFactory(), method)("/somewhere/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def test_nothing_is_saved_until_a_valid_form_is_posted():
    calls = []
    assert save_form(_request("get"), NameForm(), calls.append, success="Saved", to="/done/") is None
    invalid = NameForm({})
    assert save_form(_request("post"), invalid, calls.append, success="Saved", to="/done/") is None
    assert calls == [] and "name" in invalid.errors


def test_the_services_refusal_lands_on_the_field_it_names_and_the_page_says_400():
    def refuse(data):
        raise ValidationError({"name": "That name is taken. Enter a different name.", "elsewhere": "Not a field"})

    request = _request("post", {"name": "Kai"})
    form = NameForm(request.POST)
    assert save_form(request, form, refuse, success="Saved", to="/done/") is None
    assert form.errors["name"] == ["That name is taken. Enter a different name."]
    assert form.non_field_errors() == ["Not a field"]
    assert list(get_messages(request)) == []
    assert form_page(request, "core/team_form.html", form, title="Add a user").status_code == 400


def test_a_refusal_about_the_whole_form_is_shown_for_the_whole_form():
    def refuse(data):
        raise ValidationError("The service is closed for changes.")

    request = _request("post", {"name": "Kai"})
    form = NameForm(request.POST)
    assert save_form(request, form, refuse, success="Saved", to="/done/") is None
    assert form.non_field_errors() == ["The service is closed for changes."]


def test_success_confirms_and_redirects_using_what_the_service_returned():
    request = _request("post", {"name": "Kai"})
    response = save_form(request, NameForm(request.POST), lambda data: {"id": 7, **data},
                         success=lambda saved: f"{saved['name']} added", to=lambda saved: f"/things/{saved['id']}/")
    assert response.status_code == 302 and response["Location"] == "/things/7/"
    assert [str(m) for m in get_messages(request)] == ["Kai added"]


def test_a_form_posted_with_nothing_chosen_says_what_to_choose(client_as, administrator, case_manager_a):
    """A form of radios posted with none chosen is an empty POST; it is checked, not drawn again blank."""
    membership = Membership.objects.get(user=case_manager_a)
    response = client_as(administrator).post(reverse("team_role", args=[membership.pk]), {})
    assert response.status_code == 400
    assert "Choose a role" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.CASE_MANAGER
