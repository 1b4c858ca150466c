"""Each page refuses the wrong persona; a record of another service is a 404, never a 403."""

from __future__ import annotations

import pytest
from django.urls import reverse

from openyj.core.models import AuditEvent
from tests.factories import (
    AssessmentFactory,
    ChildFactory,
    CustodyFactory,
    EpisodeFactory,
    FeedbackFactory,
    InterventionFactory,
    OffenceFactory,
    OutcomeFactory,
    RemandFactory,
    VictimFactory,
)

CASE_ROLES = {"case_manager_a", "manager", "performance_officer"}
CHANGE_ROLES = {"case_manager_a", "manager"}


@pytest.fixture
def child_a(service_a):
    return ChildFactory(service=service_a, given_name="Kai", family_name="Northam")


@pytest.fixture
def records(child_a):
    offence = OffenceFactory(child=child_a)
    return {
        "offence": offence,
        "remand": RemandFactory(child=child_a),
        "custody": CustodyFactory(child=child_a),
        "episode": EpisodeFactory(child=child_a),
        "victim": VictimFactory(offence=offence),
        "feedback": FeedbackFactory(child=child_a),
        "outcome": OutcomeFactory(child=child_a),
        "intervention": InterventionFactory(child=child_a),
        "assessment": AssessmentFactory(child=child_a),
    }


def read_urls(child):
    return [reverse("caseload"), reverse("child_detail", args=[child.pk])]


def change_urls(child, records):
    urls = [reverse("child_add"), reverse("child_edit", args=[child.pk])]
    for noun, record in records.items():
        urls.append(reverse(f"{noun}_add", args=[child.pk]))
        urls.append(reverse(f"{noun}_edit", args=[child.pk, record.pk]))
    return urls


def test_anonymous_is_sent_to_sign_in(client, child_a, records):
    for url in read_urls(child_a) + change_urls(child_a, records):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("account_login") in response["Location"]


def expected_status(name: str, url: str, allowed: set[str], service_wide: set[str]) -> int:
    """200 for a role that may; for B's case manager, 200 on service-wide pages (their own service)
    and 404 on A's child; 403 for every other role."""
    if name in allowed:
        return 200
    if name == "case_manager_b":
        return 200 if url in service_wide else 404
    return 403


def test_each_persona_reaches_only_what_its_role_allows(personas, client_as, child_a, records):
    service_wide = {reverse("caseload"), reverse("child_add")}
    for name, user in personas.items():
        client = client_as(user)
        for url in read_urls(child_a):
            assert client.get(url).status_code == expected_status(name, url, CASE_ROLES, service_wide), (name, url)
        for url in change_urls(child_a, records):
            assert client.get(url).status_code == expected_status(name, url, CHANGE_ROLES, service_wide), (name, url)


def test_board_member_and_administrator_never_see_a_childs_name(client_as, board_member, administrator, child_a):
    for user in (board_member, administrator):
        client = client_as(user)
        for url in (reverse("caseload"), reverse("child_detail", args=[child_a.pk]), reverse("home")):
            response = client.get(url, follow=True)
            assert "Northam" not in response.content.decode(), (user.username, url)


def test_case_manager_of_b_gets_404_for_a_child_of_a(client_as, case_manager_b, child_a, records):
    client = client_as(case_manager_b)
    assert client.get(reverse("child_detail", args=[child_a.pk])).status_code == 404
    assert client.get(reverse("offence_edit", args=[child_a.pk, records["offence"].pk])).status_code == 404
    response = client.post(reverse("child_edit", args=[child_a.pk]), {"reference": "HACKED"})
    assert response.status_code == 404
    child_a.refresh_from_db()
    assert child_a.reference != "HACKED"


def test_caseload_of_b_does_not_list_children_of_a(client_as, case_manager_b, child_a, service_b):
    ChildFactory(service=service_b, given_name="Bea", family_name="Southgate")
    content = client_as(case_manager_b).get(reverse("caseload"), {"applied": "1"}).content.decode()
    assert "Southgate" in content
    assert "Northam" not in content


def test_a_record_of_another_child_is_404_under_this_child(client_as, case_manager_a, service_a, child_a):
    other = ChildFactory(service=service_a)
    offence_of_other = OffenceFactory(child=other)
    url = reverse("offence_edit", args=[child_a.pk, offence_of_other.pk])
    assert client_as(case_manager_a).get(url).status_code == 404


def test_reading_a_childs_record_is_audited(client_as, case_manager_a, child_a):
    client_as(case_manager_a).get(reverse("child_detail", args=[child_a.pk]))
    event = AuditEvent.objects.get(verb="view", child_id=child_a.pk)
    assert event.user == case_manager_a
    assert event.service == child_a.service
    assert event.object_type == "people.Child"


def test_viewing_the_caseload_is_audited(client_as, case_manager_a, child_a):
    client_as(case_manager_a).get(reverse("caseload"), {"status": "open"})
    event = AuditEvent.objects.get(verb="view", object_type="caseload")
    assert event.user == case_manager_a
    assert "status=open" in event.summary


def test_child_page_says_whether_looked_after_now(client_as, case_manager_a, child_a):
    from datetime import date

    from openyj.people.models import Episode

    url = reverse("child_detail", args=[child_a.pk])
    Episode.objects.create(service=child_a.service, child=child_a, episode_type="child_in_need",
                           start_date=date(2023, 1, 1))
    assert "Yes, since" not in client_as(case_manager_a).get(url).content.decode()
    Episode.objects.create(service=child_a.service, child=child_a, episode_type="looked_after",
                           start_date=date(2023, 2, 1), legal_basis="care_order")
    assert "Yes, since 1 February 2023 (care order)" in client_as(case_manager_a).get(url).content.decode()
