"""The look and feel: the built GOV.UK/MOJ assets, the GOV.UK form renderer, the page template.

The built files under openyj/static/openyj/ are committed (``npm run build`` makes them), so
these tests need no Node. See docs/frontend.md.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from openyj.core.govuk_forms import GovUKDateField, GovUKDateWidget, GovUKFormRenderer

STATIC = Path(settings.BASE_DIR) / "openyj" / "static" / "openyj"
# XML namespace names look like URLs but are never fetched.
NAMESPACES = re.compile(r"http://www\.w3\.org/(2000/svg|1999/xlink)")
REMOTE = re.compile(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", re.IGNORECASE)


# --- built assets -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["openyj.css", "openyj.js", "govuk-frontend-supported.js", "images/favicon.svg"])
def test_built_asset_exists(name):
    path = STATIC / name
    assert path.is_file(), f"{name} missing: run `npm ci && npm run build`"
    assert path.stat().st_size > 0


def test_css_is_self_contained():
    css = (STATIC / "openyj.css").read_text()
    assert "GDS Transport" not in css
    assert "@font-face" not in css
    assert ".govuk-generic-header" in css
    assert ".moj-timeline" in css and "[aria-sort]" in css
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    for url in urls:
        assert not REMOTE.match(url), f"CSS loads {url} from another host"
        if not url.startswith("data:"):
            assert (STATIC / url).is_file(), f"CSS refers to missing {url}"
    assert not any("crest" in url or "crown" in url for url in urls)


@pytest.mark.parametrize("name", ["openyj.js", "govuk-frontend-supported.js"])
def test_js_is_self_contained(name):
    js = NAMESPACES.sub("", (STATIC / name).read_text())
    assert not re.search(r"https?://", js), f"{name} mentions a URL"
    assert "GDS Transport" not in js


def test_js_starts_govuk_and_moj_components():
    js = (STATIC / "openyj.js").read_text()
    for module in ["govuk-error-summary", "moj-sortable-table", "moj-filter", "moj-multi-select"]:
        assert module in js


# --- the form renderer --------------------------------------------------------------------------


class ChildForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As on their birth certificate", max_length=100)
    date_of_birth = GovUKDateField(label="Date of birth", allow_future=False)
    sex = forms.ChoiceField(label="Sex", choices=[("female", "Female"), ("male", "Male")], widget=forms.RadioSelect)


BAD = {
    "name": "",
    "date_of_birth_day": "31",
    "date_of_birth_month": "02",
    "date_of_birth_year": "2024",
    "sex": "",
}


def test_renderer_is_the_project_default():
    assert settings.FORM_RENDERER == "openyj.core.govuk_forms.GovUKFormRenderer"
    assert isinstance(ChildForm().renderer, GovUKFormRenderer)


def test_fields_render_govuk_markup():
    html = str(ChildForm().render())
    assert '<label class="govuk-label" for="id_name">Full name</label>' in html
    assert '<div id="id_name-hint" class="govuk-hint">As on their birth certificate</div>' in html
    assert 'class="govuk-input"' in html and 'aria-describedby="id_name-hint"' in html
    assert "required" not in html  # GOV.UK: server-side validation messages only
    # date input: a fieldset with day, month and year boxes
    assert '<legend class="govuk-fieldset__legend">Date of birth</legend>' in html
    assert 'class="govuk-date-input" id="id_date_of_birth"' in html
    for part, width in [("day", 2), ("month", 2), ("year", 4)]:
        assert f'name="date_of_birth_{part}"' in html
        assert f'id="id_date_of_birth_{part}"' in html
        assert f"govuk-input--width-{width}" in html
    # radios
    assert '<div class="govuk-radios" data-module="govuk-radios">' in html
    assert 'class="govuk-radios__input" id="id_sex_0" name="sex" type="radio" value="female"' in html
    assert '<label class="govuk-label govuk-radios__label" for="id_sex_0">Female</label>' in html
    assert "govuk-error-message" not in html


def test_field_group_with_an_error():
    form = ChildForm(data=BAD)
    assert not form.is_valid()
    html = str(form["name"].as_field_group())
    assert 'class="govuk-form-group govuk-form-group--error"' in html
    assert '<p id="id_name-error" class="govuk-error-message">' in html
    assert '<span class="govuk-visually-hidden">Error:</span>' in html
    assert 'aria-describedby="id_name-hint id_name-error"' in html
    assert "govuk-input govuk-input--error" in html

    date_html = str(form["date_of_birth"].as_field_group())
    assert 'aria-describedby="id_date_of_birth-error"' in date_html
    assert "Date of birth must be a real date" in date_html
    assert 'value="31"' in date_html and 'value="02"' in date_html  # what was typed is kept
    # only the day box is marked as wrong
    assert re.search(r'id="id_date_of_birth_day" class="[^"]*govuk-input--error', date_html)
    assert not re.search(r'id="id_date_of_birth_year" class="[^"]*govuk-input--error', date_html)

    radios_html = str(form["sex"].as_field_group())
    assert "govuk-form-group--error" in radios_html
    assert 'aria-describedby="id_sex-error"' in radios_html


def test_error_summary_links_to_each_field():
    form = ChildForm(data=BAD)
    form.is_valid()
    form.add_error(None, "This child is already recorded")
    html = render_to_string("includes/error_summary.html", {"form": form})
    assert 'class="govuk-error-summary" data-module="govuk-error-summary"' in html
    assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in html
    assert "<li>This child is already recorded</li>" in html
    assert '<a href="#id_name">' in html
    assert '<a href="#id_date_of_birth_day">Date of birth must be a real date</a>' in html
    assert '<a href="#id_sex_0">' in html


def test_error_summary_is_empty_without_errors():
    assert render_to_string("includes/error_summary.html", {"form": ChildForm()}).strip() == ""


def _date_errors(day, month, year, **field_kwargs):
    class DateForm(forms.Form):
        date_of_birth = GovUKDateField(label="Date of birth", **field_kwargs)

    form = DateForm(data={"date_of_birth_day": day, "date_of_birth_month": month, "date_of_birth_year": year})
    return form, form.errors.get("date_of_birth", [])


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "2", "2024", "Date of birth must be a real date"),
        ("29", "2", "2023", "Date of birth must be a real date"),
        ("1", "13", "2010", "Date of birth must be a real date"),
        ("1", "Feb", "2010", "Date of birth must be a real date"),
        ("1", "2", "", "Date of birth must include a year"),
        ("", "", "2010", "Date of birth must include a day and month"),
        ("1", "2", "10", "Year of date of birth must include 4 numbers"),
        ("", "", "", "Enter date of birth"),
    ],
)
def test_date_field_says_what_to_fix(day, month, year, message):
    _, errors = _date_errors(day, month, year)
    assert errors == [message]


def test_date_field_accepts_a_real_date():
    form, errors = _date_errors(" 29 ", "2", "2024")
    assert errors == []
    assert form.cleaned_data["date_of_birth"] == datetime.date(2024, 2, 29)


def test_date_field_can_refuse_the_future():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    _, errors = _date_errors(str(tomorrow.day), str(tomorrow.month), str(tomorrow.year), allow_future=False)
    assert errors == ["Date of birth must be today or in the past"]


def test_date_field_highlights_the_missing_box_and_links_to_it():
    form, _ = _date_errors("1", "2", "")
    html = str(form["date_of_birth"].as_field_group())
    assert re.search(r'id="id_date_of_birth_year" class="[^"]*govuk-input--error', html)
    assert not re.search(r'id="id_date_of_birth_day" class="[^"]*govuk-input--error', html)
    summary = render_to_string("includes/error_summary.html", {"form": form})
    assert 'href="#id_date_of_birth_year"' in summary


def test_date_widget_gives_a_parsable_value_and_shows_initial_dates():
    widget = GovUKDateWidget()
    value = widget.value_from_datadict({"d_day": "5", "d_month": "3", "d_year": "2010"}, {}, "d")
    assert forms.DateField(widget=GovUKDateWidget).clean(value) == datetime.date(2010, 3, 5)
    assert widget.value_from_datadict({}, {}, "d") == ""

    class EditForm(forms.Form):
        date_of_birth = GovUKDateField(label="Date of birth")

    form = EditForm(initial={"date_of_birth": datetime.date(2010, 3, 5)})
    html = str(form["date_of_birth"].as_field_group())
    assert 'name="date_of_birth_day" value="5"' in html
    assert 'name="date_of_birth_year" value="2010"' in html


def test_other_widgets_render_govuk_markup():
    class OtherForm(forms.Form):
        notes = forms.CharField(widget=forms.Textarea, required=False, max_length=500)
        team = forms.ChoiceField(choices=[("", "Choose a team"), ("north", "North")])
        needs = forms.MultipleChoiceField(
            choices=[("edu", "Education"), ("health", "Health")], widget=forms.CheckboxSelectMultiple
        )
        consent = forms.BooleanField(label="The child agreed to this", help_text="Ask them first")
        email = forms.EmailField(required=False)
        token = forms.CharField(widget=forms.HiddenInput, required=False)

    html = str(OtherForm(data={"team": "", "needs": []}).render())
    assert 'class="govuk-textarea govuk-js-character-count"' in html
    assert 'data-module="govuk-character-count" data-maxlength="500"' in html
    assert "Notes (optional)" in html
    assert 'class="govuk-select govuk-select--error"' in html
    assert '<div class="govuk-checkboxes" data-module="govuk-checkboxes">' in html
    assert 'class="govuk-checkboxes__input" id="id_needs_0" name="needs" type="checkbox" value="edu"' in html
    assert 'class="govuk-checkboxes__input" aria-describedby="id_consent-hint id_consent-error"' in html
    assert 'type="email"' in html and "govuk-input" in html
    assert '<input type="hidden" name="token"' in html


# --- page template, pagination, accessibility statement ------------------------------------------


def _request(user=None, service=None, role_label=None):
    request = RequestFactory().get("/children/")
    request.user = user or AnonymousUser()
    request.service = service
    request.role_label = role_label
    request._messages = CookieStorage(request)
    return request


def test_base_template_for_a_signed_in_user():
    user = get_user_model()(username="alice", first_name="Alice", last_name="Adebayo")
    service = SimpleNamespace(name="Northdale Youth Justice Service", code="NORTHDALE")
    request = _request(user, service, "Case manager")
    request._messages.add(message_levels.SUCCESS, "Child record saved")
    nav = [
        {"href": "/children/", "text": "Caseload", "active": True},
        {"href": "/reports/", "text": "Reports"},
    ]
    html = render_to_string("pages/accessibility.html", {"nav_items": nav}, request=request)

    assert '<html lang="en-GB" class="govuk-template">' in html
    assert '<body class="govuk-template__body">' in html
    assert '<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">' in html
    assert 'id="main-content"' in html
    assert "govuk-generic-header" in html and "crown" not in html.lower()
    assert "Northdale Youth Justice Service" in html
    assert "Alice Adebayo" in html and "Case manager" in html
    assert f'action="{reverse("account_logout")}"' in html and 'name="csrfmiddlewaretoken"' in html
    assert ">Sign out</button>" in html
    assert 'aria-current="true"' in html
    assert '<strong class="govuk-service-navigation__active-fallback">Caseload' in html
    assert 'href="/reports/"' in html
    assert "govuk-notification-banner--success" in html and "Child record saved" in html
    assert f'href="{reverse("accessibility")}"' in html
    # the Content-Security-Policy allows no inline script or style
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert not re.search(r"\sstyle=", html)
    assert "<style" not in html


def test_base_template_when_signed_out():
    html = render_to_string("pages/accessibility.html", {}, request=_request())
    assert "Sign out" not in html
    assert "govuk-service-navigation__list" not in html
    assert "<title>Accessibility statement – OpenYJ</title>" in html


def test_title_says_error_when_the_form_has_errors():
    form = ChildForm(data=BAD)
    html = render_to_string("pages/accessibility.html", {"form": form}, request=_request())
    assert "<title>Error: Accessibility statement – OpenYJ</title>" in html


def test_pagination_keeps_filters():
    page = Paginator(range(100), 10).page(5)
    context = {"page_obj": page, "query_string": "status=open&team=north"}
    html = render_to_string("includes/pagination.html", context)
    assert 'href="?status=open&amp;team=north&amp;page=4" rel="prev"' in html
    assert 'href="?status=open&amp;team=north&amp;page=6" rel="next"' in html
    assert 'aria-label="Page 5" aria-current="page"' in html
    assert html.count("govuk-pagination__item--ellipsis") == 2
    one_page = {"page_obj": Paginator(range(5), 10).page(1)}
    assert render_to_string("includes/pagination.html", one_page).strip() == ""


@pytest.mark.django_db
def test_accessibility_statement_is_public():
    from django.test import Client

    response = Client().get(reverse("accessibility"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Accessibility statement for OpenYJ" in html
    assert "WCAG" in html or "Web Content Accessibility Guidelines" in html
    assert "2.2" in html and "Enforcement procedure" in html
