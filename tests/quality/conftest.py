"""Builders for the quality tests: a small caseload with outcomes, interventions and assessments."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from openyj.casework.models import Assessment, Intervention
from openyj.core.models import Membership
from openyj.core.roles import Role
from openyj.offending.models import Outcome
from openyj.people.models import Child

KIND_FOR = {
    "referral_order": "referral_order", "youth_rehabilitation_order": "yro",
    "detention_training_order": "custody_licence",
    "youth_caution": "out_of_court", "youth_conditional_caution": "out_of_court", "community_resolution": "diversion",
    "fine": "other", "conditional_discharge": "other",
}


@pytest.fixture(autouse=True)
def _rate_from_any_number_of_cases(settings):
    """The rating rules are tested on small hand-worked samples; the minimum number of cases a rating
    needs is tested on its own (test_quality_audits.py::test_no_rating_below_the_minimum_number_of_cases)."""
    settings.OPENYJ_QUALITY_MIN_CASES = 1


class CaseBuilder:
    """Makes one child with one outcome (and, by default, the intervention and assessment that go with it)."""

    def __init__(self, service):
        self.service = service
        self.count = 0

    def __call__(self, outcome_type: str, outcome_date: date, *, sex: str = "male", serious_harm: str = "low",
                 safety_wellbeing: str = "low", intervention: bool = True, assessed: bool = True, child=None):
        self.count += 1
        n = self.count
        if child is None:
            child = Child.objects.create(service=self.service, reference=f"C{n:04d}", date_of_birth=date(2008, 1, 1),
                                         sex=sex, ethnicity="white_british")
        outcome = Outcome.objects.create(service=self.service, reference=f"O{n:04d}", child=child,
                                         outcome_date=outcome_date, outcome_type_id=outcome_type)
        if intervention:
            Intervention.objects.create(service=self.service, reference=f"I{n:04d}", child=child,
                                        kind=KIND_FOR.get(outcome_type, "other"), outcome=outcome,
                                        start_date=outcome_date)
        if assessed:
            Assessment.objects.create(service=self.service, reference=f"A{n:04d}", child=child, tool="assetplus",
                                      started_on=outcome_date, completed_on=outcome_date, serious_harm=serious_harm,
                                      safety_wellbeing=safety_wellbeing)
        return outcome


@pytest.fixture
def cases_a(service_a):
    return CaseBuilder(service_a)


@pytest.fixture
def cases_b(service_b):
    return CaseBuilder(service_b)


def _user(username, service, role):
    user = get_user_model().objects.create_user(username=username, password="correct-horse-battery-staple",
                                                first_name=username.replace("_", " ").title())
    Membership.objects.create(user=user, service=service, role=role)
    return user


@pytest.fixture
def second_manager(service_a):
    """Another manager in service A: the second auditor who moderates."""
    return _user("second_manager_a", service_a, Role.MANAGER)


@pytest.fixture
def manager_b(service_b):
    return _user("manager_b", service_b, Role.MANAGER)
