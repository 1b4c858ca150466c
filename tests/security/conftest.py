"""Fixtures of the security tests: service A's records of every kind, and every persona."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from openyj.core.models import Membership
from openyj.core.roles import Role
from openyj.demo.quality import load_demo_quality
from openyj.documents.services import document_create
from openyj.interchange.models import ImportRun
from openyj.interchange.services import run_folder
from openyj.people.services import child_update
from tests.conftest import make_user
from tests.factories import AssessmentFactory, ChildFactory, InterventionFactory, OffenceFactory, OutcomeFactory

GIVEN, FAMILY = "Zebedee", "Quartermaine"
MISSING = 987654  # an id no record has


@pytest.fixture
def world(service_a, service_b, manager, case_manager_a):
    """Service A's records: a child with an offence, outcome, intervention and assessment; its quality
    work (the demo's inspection, case audit, National Standards and actions); a user to manage; an
    import run. The child's name is also in the audit trail (a change of family name)."""
    child = ChildFactory(service=service_a, given_name=GIVEN, family_name="Q")
    child_update(user=case_manager_a, child=child, data={"family_name": FAMILY})
    offence = OffenceFactory(child=child)
    outcome = OutcomeFactory(child=child)
    intervention = InterventionFactory(child=child)
    assessment = AssessmentFactory(child=child, completed_on=date(2024, 7, 20))
    target = Membership.objects.get(user=make_user("target_a", service_a, Role.CASE_MANAGER))
    quality = load_demo_quality(service_a, auditor=manager, moderator=make_user("manager2_a", service_a, Role.MANAGER))
    case_audit = quality["audit"]
    audit_case = case_audit.cases.first()
    self_assessment = quality["self_assessments"][-1]
    document = document_create(user=manager, service=service_a, kind="board_report",
                               period_start=date(2025, 4, 1), period_end=date(2025, 6, 30))
    run = ImportRun.objects.create(service=service_a, user=manager, original_name="data.zip",
                                   status=ImportRun.Status.FAILED, error="The file could not be read.")
    folder = run_folder(run)
    folder.mkdir(parents=True)
    for download in ("problems.csv", "rows-with-problems.zip"):
        (folder / download).write_bytes(b"file,row,column,value,problem\n")

    def record(obj):
        return (obj.pk, True) if obj is not None else (MISSING, False)

    values = {
        ("children", "pk"): record(child), "child_pk": record(child), ("offences", "pk"): record(offence),
        ("outcomes", "pk"): record(outcome), ("interventions", "pk"): record(intervention),
        ("assessments", "pk"): record(assessment), ("users", "pk"): record(target),
        ("audits", "pk"): record(case_audit), "case_pk": record(audit_case),
        ("inspections", "pk"): record(quality["inspection"]), ("actions", "pk"): record(quality["actions"][0]),
        ("standards", "pk"): record(self_assessment), ("adjustments", "pk"): (MISSING, False),
        ("looked-after", "pk"): (MISSING, False), ("published", "pk"): (MISSING, False),
        "run_id": (run.pk, True), "code": ("1.1", False), "level": ("strategic", False),
        "framework": ("hmip-2021", False), "number": (1, False), "indicator": ("fte", False),
        "definition": ("fte", False), ("documents", "pk"): record(document), "key": ("introduction", False),
        "rendering": (MISSING, False), "fmt": ("pdf", False),
        # Records not made here (the pages' role rules are still checked; a record id no one has is a 404).
        **dict.fromkeys((
            ("remands", "pk"), ("custody", "pk"), ("episodes", "pk"), ("victims", "pk"), ("feedback", "pk"),
            ("plans", "pk"), "objective_pk", ("members", "pk"), ("meetings", "pk"), "meeting_pk", "member_pk",
            ("planner", "pk"), ("risks", "pk"), ("lines", "pk"), ("grants", "pk"), ("remand", "pk"),
            ("staff", "pk"), "staff_pk", ("frozen", "pk")), (MISSING, False)),
        ("download", "what"): ("summary", False),
        "step": (1, False), "view": ("overdue", False),
    }
    return values


@pytest.fixture
def cast(service_a, service_b, case_manager_a, case_manager_b, manager, performance_officer, board_member,
         administrator, outsider, unknown_role):
    """Every persona: (user or None, role, in service A)."""
    superuser = get_user_model().objects.create_superuser("superuser", "root@example.org", "x" * 20)
    b = {role: make_user(f"{role}_b", service_b, role) for role in
         (Role.MANAGER, Role.PERFORMANCE_OFFICER, Role.BOARD_MEMBER, Role.ADMINISTRATOR)}
    return {
        "anonymous": (None, None, False),
        "case_manager_a": (case_manager_a, Role.CASE_MANAGER, True),
        "manager_a": (manager, Role.MANAGER, True),
        "performance_officer_a": (performance_officer, Role.PERFORMANCE_OFFICER, True),
        "board_member_a": (board_member, Role.BOARD_MEMBER, True),
        "administrator_a": (administrator, Role.ADMINISTRATOR, True),
        "case_manager_b": (case_manager_b, Role.CASE_MANAGER, False),
        "manager_b": (b[Role.MANAGER], Role.MANAGER, False),
        "performance_officer_b": (b[Role.PERFORMANCE_OFFICER], Role.PERFORMANCE_OFFICER, False),
        "board_member_b": (b[Role.BOARD_MEMBER], Role.BOARD_MEMBER, False),
        "administrator_b": (b[Role.ADMINISTRATOR], Role.ADMINISTRATOR, False),
        "no_membership": (outsider, None, False),
        "unknown_role": (unknown_role, "janitor", True),
        "superuser": (superuser, None, False),
    }


