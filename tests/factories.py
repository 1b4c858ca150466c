"""Small builders for case records (factory-boy), shared by the tests."""

from __future__ import annotations

from datetime import date

import factory

from openyj.casework.models import Assessment, Feedback, Intervention, Victim
from openyj.offending.models import CustodyEpisode, Offence, Outcome, OutcomeType, Remand
from openyj.people.models import Child, Episode


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    reference = factory.Sequence(lambda n: f"C{n:06d}")
    date_of_birth = date(2009, 5, 17)
    sex = "male"
    ethnicity = "white_british"
    given_name = factory.Sequence(lambda n: f"Test{n}")
    family_name = "Child"


class OffenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offence

    reference = factory.Sequence(lambda n: f"O{n:06d}")
    child = factory.SubFactory(ChildFactory)
    service = factory.SelfAttribute("child.service")
    offence_date = date(2024, 6, 1)
    category_id = "theft_and_handling"
    seriousness = 2


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outcome

    reference = factory.Sequence(lambda n: f"D{n:06d}")
    child = factory.SubFactory(ChildFactory)
    service = factory.SelfAttribute("child.service")
    outcome_date = date(2024, 7, 1)
    outcome_type = factory.LazyFunction(lambda: OutcomeType.objects.get(code="youth_caution"))


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention

    reference = factory.Sequence(lambda n: f"I{n:06d}")
    child = factory.SubFactory(ChildFactory)
    service = factory.SelfAttribute("child.service")
    kind = "referral_order"
    start_date = date(2024, 7, 1)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    reference = factory.Sequence(lambda n: f"A{n:06d}")
    child = factory.SubFactory(ChildFactory)
    service = factory.SelfAttribute("child.service")
    tool = "assetplus"
    started_on = date(2024, 7, 1)
    due_on = date(2024, 7, 29)


class RemandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Remand

    reference = factory.Sequence(lambda n: f"R{n:06d}")
    child = factory.SubFactory(ChildFactory)
    service = factory.SelfAttribute("child.service")
    remand_type = "youth_detention"
    start_date = date(2024, 8, 1)


class CustodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustodyEpisode

    reference = factory.Sequence(lambda n: f"S{n:06d}")
    child = factory.SubFactory(ChildFactory)
    service = factory.SelfAttribute("child.service")
    start_date = date(2024, 9, 1)


class EpisodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Episode

    child = factory.SubFactory(ChildFactory)
    service = factory.SelfAttribute("child.service")
    episode_type = "child_in_need"
    start_date = date(2023, 1, 10)


class VictimFactory(factory.django.DjangoModelFactory):
    """A victim of one offence (give ``offence=``)."""

    class Meta:
        model = Victim
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"V{n:06d}")
    service = factory.SelfAttribute("offence.service")
    offence = factory.SubFactory(OffenceFactory)

    @classmethod
    def _create(cls, model_class, *args, offence=None, **kwargs):
        victim = super()._create(model_class, *args, **kwargs)
        victim.offences.set([offence])
        return victim


class FeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Feedback

    child = factory.SubFactory(ChildFactory)
    service = factory.SelfAttribute("child.service")
    source = "child"
    given_on = date(2024, 10, 1)
