"""The caseload: a case manager starts on their own open work; filters mean what they say; sorting is
done by the server over the whole list, by family then given name."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.conftest import make_user
from tests.factories import ChildFactory, InterventionFactory


def names(response) -> list[str]:
    return [c.display_name for c in response.context["page_obj"].object_list]


@pytest.fixture
def work(service_a, case_manager_a):
    """Sam's (case_manager_a's) open work is Ada and Ben; Cal was Sam's, now open to someone else;
    Dee was Sam's and is closed; Eve is someone else's."""
    other = make_user("other_cm", service_a, "case_manager")
    ada = ChildFactory(service=service_a, given_name="Ada", family_name="Zed")
    ben = ChildFactory(service=service_a, given_name="Ben", family_name="Abbot")
    cal = ChildFactory(service=service_a, given_name="Cal", family_name="Moss")
    dee = ChildFactory(service=service_a, given_name="Dee", family_name="Moss")
    eve = ChildFactory(service=service_a, given_name="Eve", family_name="Moss")
    InterventionFactory(child=ada, case_manager=case_manager_a)
    InterventionFactory(child=ben, case_manager=case_manager_a, kind="yro")
    InterventionFactory(child=cal, case_manager=case_manager_a, end_date=date(2024, 9, 1), end_reason="completed")
    InterventionFactory(child=cal, case_manager=other, start_date=date(2024, 9, 2))
    InterventionFactory(child=dee, case_manager=case_manager_a, end_date=date(2024, 9, 1), end_reason="completed")
    InterventionFactory(child=eve, case_manager=other)
    return {"other": other}


def test_a_case_managers_default_caseload_is_exactly_their_open_work(client_as, case_manager_a, work):
    response = client_as(case_manager_a).get(reverse("caseload"))
    assert names(response) == ["Ben Abbot", "Ada Zed"]
    assert "your open work" in response.content.decode()


def test_case_manager_filter_means_managing_now(client_as, manager, case_manager_a, work):
    client = client_as(manager)
    everyone = client.get(reverse("caseload"))
    assert len(names(everyone)) == 5  # a manager starts on the whole service
    sam = client.get(reverse("caseload"), {"applied": "1", "case_manager": case_manager_a.pk})
    assert names(sam) == ["Ben Abbot", "Ada Zed"]
    other = client.get(reverse("caseload"), {"applied": "1", "case_manager": work["other"].pk})
    assert names(other) == ["Cal Moss", "Eve Moss"]


def test_the_filter_form_replaces_the_default(client_as, case_manager_a, work):
    response = client_as(case_manager_a).get(reverse("caseload"), {"applied": "1", "status": "closed"})
    assert names(response) == ["Dee Moss"]
    assert "1 child matches your filters" in response.content.decode()


def test_name_sort_is_family_then_given_name_across_pages(client_as, manager, service_a, monkeypatch):
    from openyj.casework import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for given, family in [("Logan", "Ackroyd"), ("Jacob", "Ackroyd"), ("Samuel", "Abdi"), ("Ruby", "ackroyd"),
                          ("Amy", "Zane")]:
        ChildFactory(service=service_a, given_name=given, family_name=family)
    client = client_as(manager)
    pages = [names(client.get(reverse("caseload"), {"page": n})) for n in (1, 2, 3)]
    assert pages == [["Samuel Abdi", "Jacob Ackroyd"], ["Logan Ackroyd", "Ruby ackroyd"], ["Amy Zane"]]
    last_first = names(client.get(reverse("caseload"), {"applied": "1", "sort": "name", "order": "descending"}))
    assert last_first == ["Amy Zane", "Ruby ackroyd"]


def test_reference_sort_starts_at_the_first_reference_of_the_whole_list(client_as, manager, service_a, monkeypatch):
    from openyj.casework import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for ref, family in [("C000004", "Able"), ("C000001", "Zulu"), ("C000003", "Bravo"), ("C000002", "Yankee")]:
        ChildFactory(service=service_a, reference=ref, family_name=family)
    response = client_as(manager).get(reverse("caseload"), {"applied": "1", "sort": "reference"})
    assert [c.reference for c in response.context["page_obj"].object_list] == ["C000001", "C000002"]
    body = response.content.decode()
    assert 'aria-sort="ascending"' in body
    assert "sort=reference&amp;order=descending" in body
    assert "sort=reference&amp;order=ascending&amp;page=2" in body  # the next page keeps the sort


def test_the_filter_collapses_behind_a_toggle_and_the_table_scrolls(client_as, manager, work):
    body = client_as(manager).get(reverse("caseload")).content.decode()
    assert 'data-module="moj-filter"' in body
    assert 'class="moj-action-bar__filter"' in body
    assert 'class="openyj-table-scroll"' in body
