"""Small builders for case records (factory-boy), shared by the tests."""

from __future__ import annotations

from datetime import date

import factory

from openyj.casework.models import Assessment, Intervention
from openyj.offending.models import Offence, Outcome, OutcomeType
from openyj.people.models import Child


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
