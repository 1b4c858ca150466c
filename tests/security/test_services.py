"""Services enforce the rules themselves, whichever page, import or job calls them (issue 10, item 1).

Regression tests for the probe's findings: the cross-service population write, the countersign bypass
(form and service), an administrator changing a child, another service's case manager raising an
improvement action, and ``user=None`` meaning "skip the check".
"""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from openyj.casework.models import Assessment
from openyj.casework.services import assessment_countersign, assessment_record, assessment_update
from openyj.core.actors import COMMAND_LINE
from openyj.core.models import AuditEvent, Service
from openyj.governance.models import ImprovementAction
from openyj.governance.services import improvement_action_create
from openyj.indicators.models import CensusEthnicity, Population
from openyj.interchange.importer import import_path
from openyj.people.models import Child
from openyj.people.services import child_create, child_update
from tests.conftest import make_user
from tests.factories import AssessmentFactory, ChildFactory
from tests.interchange.helpers import messages, write_folder

POPULATION = ["area_code", "year", "age", "sex", "population"]


@pytest.fixture
def a_population(service_a):
    """Service A's denominator: 390 boys of 14 in its area (E08000901) in 2024."""
    return Population.objects.create(area_code="E08000901", year=2024, age=14, sex="male", population=390)


@pytest.fixture
def officer_b(service_b):
    return make_user("performance_officer_b", service_b, "performance_officer")


# -- population and census: a service's import never changes another service's figures -------------------

def test_another_services_officer_cannot_change_our_population(tmp_path, a_population, officer_b, service_b):
    folder = write_folder(tmp_path / "b", {"population.csv": [POPULATION, ["E08000901", "2024", "14", "male", "8167"]]})
    report = import_path(folder, service_code=service_b.code, user=officer_b)
    assert not report.ok and not report.applied
    [problem] = messages(report)
    assert "population.csv" in problem and "row 2" in problem and "area_code" in problem
    assert "E08000901 is not one of this service's own area codes (E08000902)" in problem
    a_population.refresh_from_db()
    assert a_population.population == 390
    # Nor by keeping the valid rows: the refused row is skipped, A's figure stays.
    report = import_path(folder, service_code=service_b.code, user=officer_b, keep_valid=True)
    a_population.refresh_from_db()
    assert a_population.population == 390 and report.files["population.csv"].skipped == 1


def test_census_rows_follow_the_same_rule(tmp_path, officer_b, service_a, service_b):
    folder = write_folder(tmp_path / "b", {"census_ethnicity.csv": [
        ["area_code", "source", "ethnicity", "population"], ["E08000901", "census_2021", "white", "100"]]})
    assert not import_path(folder, service_code=service_b.code, user=officer_b).ok
    assert not CensusEthnicity.objects.exists()


def test_an_officer_loads_their_own_areas_population(tmp_path, officer_b, service_b):
    folder = write_folder(tmp_path / "b", {"population.csv": [POPULATION, ["E08000902", "2024", "14", "male", "410"]]})
    assert import_path(folder, service_code=service_b.code, user=officer_b).ok
    assert Population.objects.get(area_code="E08000902").population == 410


def test_an_area_two_services_share_is_loaded_only_from_the_command_line(tmp_path, a_population, service_a,
                                                                          performance_officer):
    Service.objects.create(code="SHARING", name="Sharing", area_codes=["E08000901"])
    folder = write_folder(tmp_path / "a", {"population.csv": [POPULATION, ["E08000901", "2024", "14", "male", "395"]]})
    assert not import_path(folder, service_code=service_a.code, user=performance_officer).ok
    a_population.refresh_from_db()
    assert a_population.population == 390
    assert import_path(folder, service_code=service_a.code, user=COMMAND_LINE).ok
    a_population.refresh_from_db()
    assert a_population.population == 395
    event = AuditEvent.objects.get(object_type="indicators.Population", verb=AuditEvent.Verb.CHANGE)
    assert event.actor == "command line" and event.user is None and event.changes == {"population": [390, 395]}


def test_a_manifest_cannot_claim_another_services_area(tmp_path, service_a, officer_b, service_b):
    Service.objects.filter(pk=service_b.pk).update(area_codes=[])
    folder = write_folder(tmp_path / "b", {"population.csv": [POPULATION, ["E08000901", "2024", "14", "male", "1"]]},
                          manifest={"format": 1, "service": service_b.code, "area_codes": ["E08000901"]})
    report = import_path(folder, service_code=service_b.code, user=officer_b)
    assert not report.ok
    service_b.refresh_from_db()
    assert service_b.area_codes == []
    assert not Population.objects.exists()


# -- countersigning: a manager's action, on a completed assessment, once ----------------------------------

def test_a_case_manager_cannot_countersign_through_the_edit_form(client_as, case_manager_a, service_a):
    child = ChildFactory(service=service_a)
    assessment = AssessmentFactory(child=child, completed_on=date(2024, 7, 20))
    url = reverse("assessment_edit", args=[child.pk, assessment.pk])
    page = client_as(case_manager_a).get(url)
    assert b"countersigned_on" not in page.content and b"countersigned_by" not in page.content
    response = client_as(case_manager_a).post(url, {
        "reference": assessment.reference, "tool": "assetplus", "serious_harm": "high",
        "started_on_day": "1", "started_on_month": "7", "started_on_year": "2024",
        "completed_on_day": "20", "completed_on_month": "7", "completed_on_year": "2024",
        "countersigned_on_day": "21", "countersigned_on_month": "7", "countersigned_on_year": "2024",
        "countersigned_on": "2024-07-21", "countersigned_by": "Me"})
    assert response.status_code in (302, 400)
    assessment.refresh_from_db()
    assert assessment.countersigned_on is None and assessment.countersigned_by == ""  # never a countersignature


def test_the_service_refuses_a_countersignature_set_as_a_field(case_manager_a, manager, service_a):
    child = ChildFactory(service=service_a)
    assessment = AssessmentFactory(child=child, completed_on=date(2024, 7, 20))
    for user in (case_manager_a, manager):
        with pytest.raises(PermissionDenied):
            assessment_update(user=user, assessment=assessment,
                              data={"countersigned_on": date(2024, 7, 21), "countersigned_by": "Me"})
        with pytest.raises(PermissionDenied):
            assessment_record(user=user, child=child, data={"reference": "NEW", "countersigned_on": date(2024, 7, 21)})
    assert not Assessment.objects.filter(countersigned_on__isnull=False).exists()


def test_countersign_only_complete_only_once_only_a_manager(case_manager_a, manager, service_a, service_b):
    child = ChildFactory(service=service_a)
    incomplete = AssessmentFactory(child=child)
    with pytest.raises(ValidationError, match="not completed yet"):
        assessment_countersign(user=manager, assessment=incomplete)
    complete = AssessmentFactory(child=child, completed_on=date(2024, 7, 20))
    with pytest.raises(PermissionDenied):
        assessment_countersign(user=case_manager_a, assessment=complete)
    with pytest.raises(PermissionDenied):
        assessment_countersign(user=make_user("manager_b", service_b, "manager"), assessment=complete)
    with pytest.raises(PermissionDenied):
        assessment_countersign(user=COMMAND_LINE, assessment=complete)  # a person's judgement, not a job's
    assessment_countersign(user=manager, assessment=complete)
    with pytest.raises(ValidationError, match="already countersigned"):
        assessment_countersign(user=manager, assessment=complete)
    complete.refresh_from_db()
    incomplete.refresh_from_db()
    assert complete.countersigned_by == manager.get_full_name() and incomplete.countersigned_on is None


# -- the record services and the governance services ------------------------------------------------------

def test_an_administrator_cannot_change_a_childs_record(administrator, performance_officer, service_a):
    child = ChildFactory(service=service_a, given_name="Alex")
    for user in (administrator, performance_officer):  # both hold IMPORT; neither changes a child by hand
        with pytest.raises(PermissionDenied):
            child_update(user=user, child=child, data={"given_name": "Changed"})
        with pytest.raises(PermissionDenied):
            child_create(user=user, service=service_a, data={"reference": "X1", "date_of_birth": date(2010, 1, 1),
                                                             "sex": "male"})
    child.refresh_from_db()
    assert child.given_name == "Alex" and not Child.objects.filter(reference="X1").exists()


def test_another_services_case_manager_cannot_raise_our_improvement_action(case_manager_b, case_manager_a,
                                                                           manager, service_a):
    for user in (case_manager_b, case_manager_a):
        with pytest.raises(PermissionDenied):
            improvement_action_create(user=user, service=service_a, what="Rewrite plans", owner="Anyone")
    assert not ImprovementAction.objects.exists()
    improvement_action_create(user=manager, service=service_a, what="Rewrite plans", owner="Team manager")
    assert ImprovementAction.objects.filter(service=service_a).count() == 1


def test_no_actor_never_means_skip_the_check(tmp_path, service_a):
    child = ChildFactory(service=service_a)
    with pytest.raises(PermissionDenied, match="No acting user"):
        child_update(user=None, child=child, data={"given_name": "Changed"})
    with pytest.raises(PermissionDenied, match="No acting user"):
        improvement_action_create(user=None, service=service_a, what="x", owner="y")
    with pytest.raises(PermissionDenied, match="No acting user"):
        import_path(write_folder(tmp_path / "a"), service_code=service_a.code, user=None)
    with pytest.raises(TypeError):
        import_path(write_folder(tmp_path / "b"), service_code=service_a.code)  # the actor is required


def test_a_system_actor_is_named_in_the_audit(service_a):
    child = child_create(user=COMMAND_LINE, service=service_a,
                         data={"reference": "S1", "date_of_birth": date(2010, 1, 1), "sex": "male",
                               "ethnicity": "white_british"})
    event = AuditEvent.objects.get(object_id=str(child.pk), verb=AuditEvent.Verb.CREATE)
    assert event.actor == "command line" and event.user is None and event.child_id == child.pk
