"""Forms people can fill in: sections and labels in users' words, the end-of-intervention questions asked
when it closes, ages, postcode districts and PNC ids checked, assessments complete, GOV.UK messages
in the error summary, and no text cut short by the browser."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from openyj.casework.models import Assessment, Intervention
from openyj.people.models import Child
from tests.casework.test_forms import child_post
from tests.factories import ChildFactory, InterventionFactory


@pytest.fixture
def child(service_a):
    return ChildFactory(service=service_a, given_name="Kai", family_name="Northam", date_of_birth=date(2009, 5, 17))


def intervention_post(**overrides):
    data = {"kind": "referral_order", "start_date_day": "1", "start_date_month": "6", "start_date_year": "2024"}
    data.update(overrides)
    return data


def test_the_intervention_form_is_in_sections_with_labels_in_users_words(client_as, case_manager_a, child):
    response = client_as(case_manager_a).get(reverse("intervention_add", args=[child.pk]))
    body = response.content.decode()
    for heading in ("The intervention", "At the start", "Needs and support", "At the end"):
        assert f">{heading}</h2>" in body
    assert "Ete status start" not in body and "Kind" not in body
    assert body.count("Was the child of compulsory school age at the start?") == 1
    assert body.count("Was the child of compulsory school age at the end?") == 1
    assert 'maxlength' not in body


def test_an_intervention_gets_a_reference_when_left_blank(client_as, case_manager_a, child):
    response = client_as(case_manager_a).post(reverse("intervention_add", args=[child.pk]), intervention_post())
    assert response.status_code == 302, response.context["form"].errors
    assert Intervention.objects.get().reference == "I000001"


def test_closing_an_intervention_asks_for_the_end_of_intervention_record(client_as, case_manager_a, child):
    intervention = InterventionFactory(child=child, start_date=date(2024, 6, 1))
    url = reverse("intervention_edit", args=[child.pk, intervention.pk])
    client = client_as(case_manager_a)
    response = client.post(url, intervention_post(reference=intervention.reference, end_date_day="1",
                                                  end_date_month="12", end_date_year="2024"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["end_reason"] == ["Select why the intervention ended"]
    assert "at the end of the intervention" in errors["accommodation_type_end"][0]
    assert "ete_status_end" in errors
    intervention.refresh_from_db()
    assert intervention.end_date is None
    done = client.post(url, intervention_post(reference=intervention.reference, end_date_day="1",
                                              end_date_month="12", end_date_year="2024", end_reason="completed",
                                              accommodation_type_end="parent_family", ete_status_end="college"))
    assert done.status_code == 302


def test_an_intervention_for_a_child_too_young_is_refused(client_as, case_manager_a, service_a):
    young = ChildFactory(service=service_a, date_of_birth=date(2016, 1, 1))
    response = client_as(case_manager_a).post(reverse("intervention_add", args=[young.pk]), intervention_post())
    assert response.status_code == 400
    message = response.context["form"].errors["start_date"][0]
    assert "was 8" in message and "aged 10 to 17" in message
    assert not Intervention.objects.exists()


def test_a_child_born_three_years_ago_is_refused(client_as, case_manager_a):
    year = date.today().year - 3
    response = client_as(case_manager_a).post(reverse("child_add"), child_post(date_of_birth_year=str(year)))
    assert response.status_code == 400
    assert "aged 10 to 17" in response.context["form"].errors["date_of_birth"][0]
    assert not Child.objects.exists()


@pytest.mark.parametrize(("value", "message"), [
    ("BAD 1", "first half of a postcode"),
    ("12345", "first half of a postcode"),
    ("LS9 8AB", "Enter only the first half of the postcode, for example LS9"),
])
def test_postcode_district_format(client_as, case_manager_a, value, message):
    response = client_as(case_manager_a).post(reverse("child_add"), child_post(postcode_district=value))
    assert response.status_code == 400
    assert message in response.context["form"].errors["postcode_district"][0]


def test_a_good_postcode_district_and_pnc_id_are_kept_in_capitals(client_as, case_manager_a):
    response = client_as(case_manager_a).post(reverse("child_add"), child_post(postcode_district="ls9",
                                                                               pnc_id="09/123456a"))
    assert response.status_code == 302
    child = Child.objects.get()
    assert (child.postcode_district, child.pnc_id) == ("LS9", "09/123456A")


def test_a_pnc_id_in_the_wrong_format_is_refused(client_as, case_manager_a):
    response = client_as(case_manager_a).post(reverse("child_add"), child_post(pnc_id="xyz"))
    assert response.status_code == 400
    assert "for example 09/123456A" in response.context["form"].errors["pnc_id"][0]


def test_too_long_text_is_refused_with_a_govuk_message_not_cut(client_as, case_manager_a):
    response = client_as(case_manager_a).post(reverse("child_add"), child_post(given_name="x" * 5000))
    assert response.status_code == 400
    body = response.content.decode()
    assert "Given name must be 100 characters or fewer (you entered 5000)" in body
    assert "Ensure this value" not in body
    assert "maxlength" not in client_as(case_manager_a).get(reverse("child_add")).content.decode()


def test_an_assessment_with_only_a_reference_is_refused(client_as, case_manager_a, child):
    InterventionFactory(child=child)
    response = client_as(case_manager_a).post(reverse("assessment_add", args=[child.pk]), {"reference": "A1"})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert errors["tool"] == ["Select the assessment tool"]
    assert errors["started_on"] == ["Enter the date the assessment started"]
    assert errors["due_on"] == ["Enter the date the assessment is due to be completed"]
    assert errors["intervention"] == ["Select the intervention this assessment is for"]
    assert not Assessment.objects.exists()


def test_a_case_manager_cannot_countersign_through_the_assessment_form(client_as, case_manager_a, child):
    form = client_as(case_manager_a).get(reverse("assessment_add", args=[child.pk])).context["form"]
    assert "countersigned_on" not in form.fields and "countersigned_by" not in form.fields
