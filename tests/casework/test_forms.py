"""Adding and changing records through the pages: validation that says what to fix, audit of changes."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from openyj.core.models import AuditEvent
from openyj.offending.models import Offence, Outcome
from openyj.people.models import Child
from tests.factories import ChildFactory, OffenceFactory


def child_post(**overrides):
    data = {
        "reference": "C900001", "given_name": "Rowan", "family_name": "Ashby",
        "date_of_birth_day": "14", "date_of_birth_month": "3", "date_of_birth_year": "2010",
        "sex": "female", "ethnicity": "mixed_white_black_caribbean",
        "prior_substantive_outcome": "False",
    }
    data.update(overrides)
    return data


def test_case_manager_adds_a_child_and_it_is_audited(client_as, case_manager_a, service_a):
    response = client_as(case_manager_a).post(reverse("child_add"), child_post())
    child = Child.objects.get(reference="C900001")
    assert response.status_code == 302
    assert response["Location"] == reverse("child_detail", args=[child.pk])
    assert child.service == service_a
    assert child.date_of_birth == date(2010, 3, 14)
    assert child.prior_substantive_outcome is False
    event = AuditEvent.objects.get(verb="create", child_id=child.pk)
    assert event.user == case_manager_a
    assert event.changes["family_name"] == [None, "Ashby"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"date_of_birth_day": "31", "date_of_birth_month": "2"}, "date_of_birth", "real date"),
        ({"date_of_birth_year": "2099"}, "date_of_birth", "in the future"),
        ({"date_of_birth_year": "1960"}, "date_of_birth", "older than"),
        ({"sex": ""}, "sex", ""),
        ({"ethnicity": "martian"}, "ethnicity", "select one of the options for ethnicity"),
    ],
)
def test_bad_child_input_names_the_field_and_saves_nothing(client_as, case_manager_a, overrides, field, message):
    response = client_as(case_manager_a).post(reverse("child_add"), child_post(**overrides))
    assert response.status_code == 400
    form = response.context["form"]
    assert field in form.errors
    assert message.lower() in " ".join(form.errors[field]).lower()
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert not Child.objects.exists()


def test_reference_already_used_in_the_service_is_refused(client_as, case_manager_a, service_a):
    ChildFactory(service=service_a, reference="C900001")
    response = client_as(case_manager_a).post(reverse("child_add"), child_post())
    assert response.status_code == 400
    assert "already used" in " ".join(response.context["form"].errors["reference"])
    assert Child.objects.filter(reference="C900001").count() == 1


def test_the_same_reference_in_another_service_is_fine(client_as, case_manager_a, service_b):
    ChildFactory(service=service_b, reference="C900001")
    assert client_as(case_manager_a).post(reverse("child_add"), child_post()).status_code == 302
    assert Child.objects.filter(reference="C900001").count() == 2


def test_changing_a_child_audits_only_what_changed(client_as, case_manager_a, service_a):
    child = ChildFactory(service=service_a, reference="C900001", given_name="Rowan", family_name="Ashby",
                         date_of_birth=date(2010, 3, 14), sex="female", ethnicity="mixed_white_black_caribbean",
                         prior_substantive_outcome=False)
    response = client_as(case_manager_a).post(reverse("child_edit", args=[child.pk]),
                                              child_post(family_name="Ashby-Kerr"))
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.family_name == "Ashby-Kerr"
    event = AuditEvent.objects.get(verb="change", child_id=child.pk)
    assert event.changes == {"family_name": ["Ashby", "Ashby-Kerr"]}


def offence_post(**overrides):
    data = {"reference": "O1", "offence_date_day": "2", "offence_date_month": "2", "offence_date_year": "2024",
            "category": "robbery", "seriousness": "6", "weapon": "knife", "description": "Street robbery"}
    data.update(overrides)
    return data


def test_offence_before_the_age_of_ten_is_refused(client_as, case_manager_a, service_a):
    child = ChildFactory(service=service_a, date_of_birth=date(2015, 1, 1))
    response = client_as(case_manager_a).post(reverse("offence_add", args=[child.pk]), offence_post())
    assert response.status_code == 400
    assert "age of criminal responsibility" in " ".join(response.context["form"].errors["offence_date"])
    assert not Offence.objects.exists()


def test_offence_with_seriousness_out_of_range_is_refused(client_as, case_manager_a, service_a):
    child = ChildFactory(service=service_a)
    response = client_as(case_manager_a).post(reverse("offence_add", args=[child.pk]), offence_post(seriousness="9"))
    assert response.status_code == 400
    assert "seriousness" in response.context["form"].errors
    assert not Offence.objects.exists()


def test_outcome_links_only_this_childs_offences(client_as, case_manager_a, service_a):
    child = ChildFactory(service=service_a)
    own = OffenceFactory(child=child, offence_date=date(2024, 5, 1))
    other = OffenceFactory(child=ChildFactory(service=service_a))
    url = reverse("outcome_add", args=[child.pk])
    data = {"reference": "D1", "outcome_date_day": "1", "outcome_date_month": "6", "outcome_date_year": "2024",
            "outcome_type": "referral_order", "offences": [other.pk]}
    response = client_as(case_manager_a).post(url, data)
    assert response.status_code == 400
    assert "offences" in response.context["form"].errors
    assert not Outcome.objects.exists()
    data["offences"] = [own.pk]
    assert client_as(case_manager_a).post(url, data).status_code == 302
    assert list(Outcome.objects.get().offences.all()) == [own]


def test_outcome_before_its_offence_is_refused(client_as, case_manager_a, service_a):
    child = ChildFactory(service=service_a)
    offence = OffenceFactory(child=child, offence_date=date(2024, 5, 1))
    data = {"reference": "D1", "outcome_date_day": "1", "outcome_date_month": "4", "outcome_date_year": "2024",
            "outcome_type": "referral_order", "offences": [offence.pk]}
    response = client_as(case_manager_a).post(reverse("outcome_add", args=[child.pk]), data)
    assert response.status_code == 400
    assert "after the outcome date" in " ".join(response.context["form"].errors["offences"])


def test_intervention_end_before_start_is_refused(client_as, case_manager_a, service_a):
    child = ChildFactory(service=service_a)
    data = {"reference": "I1", "kind": "referral_order",
            "start_date_day": "1", "start_date_month": "6", "start_date_year": "2024",
            "end_date_day": "1", "end_date_month": "5", "end_date_year": "2024", "end_reason": "completed"}
    response = client_as(case_manager_a).post(reverse("intervention_add", args=[child.pk]), data)
    assert response.status_code == 400
    assert "on or after the start date" in " ".join(response.context["form"].errors["end_date"])


def test_caseload_filters_and_search(client_as, case_manager_a, service_a):
    from tests.factories import InterventionFactory

    open_child = ChildFactory(service=service_a, given_name="Ola", family_name="Open")
    InterventionFactory(child=open_child, kind="yro", case_manager=case_manager_a)
    closed_child = ChildFactory(service=service_a, given_name="Cy", family_name="Closed")
    InterventionFactory(child=closed_child, kind="prevention", end_date=date(2024, 9, 1), end_reason="completed")
    client = client_as(case_manager_a)

    def names(**params):
        response = client.get(reverse("caseload"), {"applied": "1", **params})
        return {c.family_name for c in response.context["page_obj"].object_list}

    assert names() == {"Open", "Closed"}
    assert names(status="open") == {"Open"}
    assert names(status="closed") == {"Closed"}
    assert names(kind="prevention") == {"Closed"}
    assert names(case_manager=case_manager_a.pk) == {"Open"}
    assert names(q="ola") == {"Open"}
    assert names(q=closed_child.reference) == {"Closed"}
