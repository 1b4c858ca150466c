"""The child's page sections: remands, custody and release, care and early help episodes, victims and
feedback, each added and changed from the child's page, audited, with messages that say what to fix."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from openyj.casework.models import Feedback, Victim
from openyj.core.models import AuditEvent
from openyj.offending.models import CustodyEpisode, OutcomeType, Remand
from openyj.people.models import Episode
from tests.factories import (
    ChildFactory,
    InterventionFactory,
    OffenceFactory,
    OutcomeFactory,
    RemandFactory,
    VictimFactory,
)


@pytest.fixture
def child(service_a):
    return ChildFactory(service=service_a, given_name="Kai", family_name="Northam", date_of_birth=date(2009, 5, 17))


def day(prefix: str, when: date) -> dict[str, str]:
    return {f"{prefix}_day": str(when.day), f"{prefix}_month": str(when.month), f"{prefix}_year": str(when.year)}


def test_adding_a_remand_gives_it_a_reference_and_audits_it(client_as, case_manager_a, child):
    response = client_as(case_manager_a).post(reverse("remand_add", args=[child.pk]), {
        "reference": "", "remand_type": "youth_detention", **day("start_date", date(2025, 3, 1)),
        **day("end_date", date(2025, 3, 20)),
    })
    assert response.status_code == 302, response.context["form"].errors
    remand = Remand.objects.get(child=child)
    assert remand.reference == "R000001"
    assert remand.end_date == date(2025, 3, 20)
    event = AuditEvent.objects.get(verb="create", object_type="offending.Remand")
    assert (event.user, event.child_id) == (case_manager_a, child.pk)


def test_a_local_reference_is_kept(client_as, case_manager_a, child):
    client_as(case_manager_a).post(reverse("remand_add", args=[child.pk]), {
        "reference": "LOCAL-77", "remand_type": "bail_support", **day("start_date", date(2025, 3, 1)),
    })
    assert Remand.objects.get(child=child).reference == "LOCAL-77"


def test_generated_references_skip_ones_already_used(client_as, case_manager_a, child):
    RemandFactory(child=child, reference="R000002")
    client_as(case_manager_a).post(reverse("remand_add", args=[child.pk]), {
        "remand_type": "bail_support", **day("start_date", date(2025, 3, 1)),
    })
    assert sorted(Remand.objects.values_list("reference", flat=True)) == ["R000002", "R000003"]


def test_a_remand_that_ends_before_it_starts_is_refused(client_as, case_manager_a, child):
    response = client_as(case_manager_a).post(reverse("remand_add", args=[child.pk]), {
        "remand_type": "youth_detention", **day("start_date", date(2025, 3, 1)),
        **day("end_date", date(2025, 2, 1)),
    })
    assert response.status_code == 400
    assert "on or after the start date" in " ".join(response.context["form"].errors["end_date"])
    assert not Remand.objects.exists()


def test_changing_a_remand_audits_the_difference(client_as, case_manager_a, child):
    remand = RemandFactory(child=child)
    response = client_as(case_manager_a).post(reverse("remand_edit", args=[child.pk, remand.pk]), {
        "reference": remand.reference, "remand_type": "youth_detention", **day("start_date", remand.start_date),
        **day("end_date", date(2024, 8, 30)),
    })
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb="change", object_type="offending.Remand")
    assert event.changes["end_date"] == [None, "2024-08-30"]


def test_custody_with_release_and_resettlement(client_as, case_manager_a, child):
    dto = OutcomeFactory(child=child, outcome_type=OutcomeType.objects.get(code="detention_training_order"),
                         outcome_date=date(2025, 1, 10))
    OutcomeFactory(child=child)  # a caution: not offered as the custodial sentence
    client = client_as(case_manager_a)
    form = client.get(reverse("custody_add", args=[child.pk])).context["form"]
    assert list(form.fields["outcome"].queryset) == [dto]
    response = client.post(reverse("custody_add", args=[child.pk]), {
        "outcome": dto.pk, "establishment_type": "sch", **day("start_date", date(2025, 1, 10)),
        **day("release_date", date(2025, 4, 10)), "accommodation_on_release_suitable": "True",
        "ete_on_release": "part_time",
    })
    assert response.status_code == 302, response.context["form"].errors
    custody = CustodyEpisode.objects.get(child=child)
    assert (custody.accommodation_on_release_suitable, custody.ete_on_release) == (True, "part_time")
    page = client.get(reverse("child_detail", args=[child.pk])).content.decode()
    assert "10 April 2025" in page and "Part time" in page


def test_an_episode_is_added_and_only_looked_after_has_a_legal_basis(client_as, case_manager_a, child):
    client = client_as(case_manager_a)
    refused = client.post(reverse("episode_add", args=[child.pk]), {
        "episode_type": "early_help", "legal_basis": "s20", **day("start_date", date(2024, 2, 1)),
    })
    assert refused.status_code == 400
    assert "Only a looked-after episode has a legal basis" in refused.content.decode()
    response = client.post(reverse("episode_add", args=[child.pk]), {
        "episode_type": "looked_after", "legal_basis": "s20", **day("start_date", date(2024, 2, 1)),
    })
    assert response.status_code == 302
    episode = Episode.objects.get(child=child)
    assert AuditEvent.objects.get(verb="create", object_type="people.Episode").child_id == child.pk
    assert episode.legal_basis == "s20"


def test_a_victim_of_the_childs_offence(client_as, case_manager_a, child):
    offence = OffenceFactory(child=child)
    client = client_as(case_manager_a)
    response = client.post(reverse("victim_add", args=[child.pk]), {
        "offences": [offence.pk], "consent_to_contact": "True", "views_sought": "True", "rj_offered": "True",
        "rj_participation": "indirect", "kept_informed": "True", "support_signposted": "False", "satisfaction": "4",
    })
    assert response.status_code == 302, response.context["form"].errors
    victim = Victim.objects.get()
    assert victim.reference == "V000001"
    assert list(victim.offences.all()) == [offence]
    assert (victim.rj_participation, victim.satisfaction, victim.support_signposted) == ("indirect", 4, False)
    event = AuditEvent.objects.get(verb="create", object_type="casework.Victim")
    assert event.child_id == child.pk
    page = client.get(reverse("child_detail", args=[child.pk])).content.decode()
    assert "4 out of 5" in page and "took part: indirect" in page


def test_a_victim_needs_an_offence_of_this_child(client_as, case_manager_a, child, service_a):
    OffenceFactory(child=child)
    other = OffenceFactory(child=ChildFactory(service=service_a))
    client = client_as(case_manager_a)
    none = client.post(reverse("victim_add", args=[child.pk]), {"satisfaction": ""})
    assert none.status_code == 400
    assert "Select the offence this person was a victim of" in none.content.decode()
    wrong = client.post(reverse("victim_add", args=[child.pk]), {"offences": [other.pk]})
    assert wrong.status_code == 400
    assert not Victim.objects.exists()


def test_a_victim_of_another_childs_offence_is_404_under_this_child(client_as, case_manager_a, child, service_a):
    victim = VictimFactory(offence=OffenceFactory(child=ChildFactory(service=service_a)))
    assert client_as(case_manager_a).get(reverse("victim_edit", args=[child.pk, victim.pk])).status_code == 404


def test_rj_taken_up_but_not_offered_is_refused(client_as, case_manager_a, child):
    offence = OffenceFactory(child=child)
    response = client_as(case_manager_a).post(reverse("victim_add", args=[child.pk]), {
        "offences": [offence.pk], "rj_offered": "False", "rj_participation": "direct",
    })
    assert response.status_code == 400
    assert "so it was offered" in response.content.decode()


def test_feedback_about_one_of_the_childs_interventions(client_as, case_manager_a, child):
    intervention = InterventionFactory(child=child)
    response = client_as(case_manager_a).post(reverse("feedback_add", args=[child.pk]), {
        "source": "parent", **day("given_on", date(2025, 5, 2)), "intervention": intervention.pk,
        "at_closure": "on", "score": "5", "comment": "They listened to us.",
    })
    assert response.status_code == 302, response.context["form"].errors
    feedback = Feedback.objects.get()
    assert (feedback.child, feedback.intervention) == (child, intervention)
    assert (feedback.at_closure, feedback.score) == (True, 5)
    assert AuditEvent.objects.get(verb="create", object_type="casework.Feedback").child_id == child.pk


def test_the_childs_page_has_a_section_and_an_add_link_for_each_record(client_as, case_manager_a, child):
    OffenceFactory(child=child)
    page = client_as(case_manager_a).get(reverse("child_detail", args=[child.pk])).content.decode()
    for name in ("intervention_add", "offence_add", "outcome_add", "remand_add", "custody_add", "episode_add",
                 "assessment_add", "victim_add", "feedback_add"):
        assert reverse(name, args=[child.pk]) in page, name
    for heading in ("Remands", "Custody and release", "Care and early help", "Victims", "Feedback", "History"):
        assert f">{heading}</h2>" in page, heading


def test_a_performance_officer_reads_the_sections_without_add_links(client_as, performance_officer, child):
    page = client_as(performance_officer).get(reverse("child_detail", args=[child.pk])).content.decode()
    assert ">Remands</h2>" in page
    assert reverse("remand_add", args=[child.pk]) not in page
    assert client_as(performance_officer).get(reverse("remand_add", args=[child.pk])).status_code == 403


def test_the_same_episode_twice_is_refused_in_words(client_as, case_manager_a, child):
    from tests.factories import EpisodeFactory

    EpisodeFactory(child=child, episode_type="child_in_need", start_date=date(2024, 2, 1))
    response = client_as(case_manager_a).post(reverse("episode_add", args=[child.pk]), {
        "episode_type": "child_in_need", **day("start_date", date(2024, 2, 1))})
    assert response.status_code == 400
    assert response.context["form"].errors["start_date"] == [
        "This child already has a child in need episode starting on 1 February 2024. Change the date, or change "
        "that episode"]
    assert "Constraint" not in response.content.decode()
