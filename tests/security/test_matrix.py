"""The generated role × URL test (issue 10, item 3).

Walks the URLconf: every OpenYJ view either declares the action it needs (``@require(action)`` marks
it, :mod:`openyj.core.permissions`) or is on the short, explained allow-list of ``tests/security/urls.py``
— a new view without a declaration fails here. Then, for each persona (anonymous, each role in service
A, each role in service B, signed in without a membership, an unknown role, a superuser without a
membership) it requests every page, with service A's real records in its parameters, by GET and by
POST, and checks the answer:

- anonymous: sent to sign in;
- a role whose table does not grant the view's action (and no membership, an unknown role, a
  superuser): 403;
- a role that grants it, in service A: the page (or its own validation answer, or a redirect);
- a role that grants it, in service B, asking for A's record: 404 (its existence is not confirmed);
- POST-only views: 405 on GET (once the role is checked);
- never a server error;

and that no page answered to a board member, an administrator or a superuser contains a child's name
(the Django admin included, for the superuser).
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from openyj.core.models import Membership
from openyj.core.roles import Role, role_allows
from openyj.demo.quality import load_demo_quality
from openyj.interchange.models import ImportRun
from openyj.interchange.services import run_folder
from openyj.people.services import child_update
from tests.conftest import make_user, record_reauthentication
from tests.factories import AssessmentFactory, ChildFactory, InterventionFactory, OffenceFactory, OutcomeFactory
from tests.security.urls import PUBLIC, SIGNED_IN, Route, fill, openyj_routes, walk

GIVEN, FAMILY = "Zebedee", "Quartermaine"
MISSING = 987654  # an id no record has
AGGREGATE_ONLY = {"board_member_a", "board_member_b", "administrator_a", "administrator_b", "superuser"}


def test_every_view_declares_what_it_needs():
    undeclared = [r.route for r in openyj_routes()
                  if r.action is None and r.name not in PUBLIC and r.name not in SIGNED_IN]
    assert not undeclared, ("These views declare no action: decorate them with @require(Action.…) or, if they "
                            f"are public, add them with a reason to tests/security/urls.py: {undeclared}")


def test_the_allow_lists_name_only_views_that_exist():
    names = {r.name for r in openyj_routes()}
    assert set(PUBLIC) <= names and set(SIGNED_IN) <= names


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
    assessment = AssessmentFactory(child=child, completed_on=assessment_date())
    target = Membership.objects.get(user=make_user("target_a", service_a, Role.CASE_MANAGER))
    quality = load_demo_quality(service_a, auditor=manager, moderator=make_user("manager2_a", service_a, Role.MANAGER))
    case_audit = quality["audit"]
    audit_case = case_audit.cases.first()
    self_assessment = quality["self_assessments"][-1]
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
        "definition": ("fte", False),
    }
    return values


def assessment_date():
    from datetime import date

    return date(2024, 7, 20)


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


def expected(route: Route, method: str, role, in_a: bool, anonymous: bool, real: bool) -> set[int]:
    """The answers allowed for this persona, page and method."""
    get_on_post_only = method == "GET" and route.post_only
    if route.name in PUBLIC:
        return {200, 301, 302, 405} if method == "POST" else {200, 301, 302}
    if anonymous:
        return {302} | ({405} if get_on_post_only else set())
    if route.name in SIGNED_IN:
        return {200, 204, 302, 400} | ({405} if get_on_post_only else set())
    if not role_allows(role, route.action):
        return {403} | ({405} if get_on_post_only else set())
    if get_on_post_only:
        return {405}
    if real and not in_a:
        return {404}
    return {200, 204, 302, 400} | (set() if real else {404})


def test_every_persona_gets_the_right_answer_from_every_page(world, cast):
    routes = openyj_routes()
    problems = []
    shown_to: set[str] = set()
    clients = {}
    for name, (user, _role, _in_a) in cast.items():
        client = Client(raise_request_exception=False)
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            record_reauthentication(client, user)
        clients[name] = client
    for method in ("GET", "POST"):
        for route in routes:
            url, real = fill(route, world)
            for name, (user, role, in_a) in cast.items():
                client = clients[name]
                response = client.get(url) if method == "GET" else client.post(url, {})
                allowed = expected(route, method, role, in_a, user is None, real)
                if response.status_code not in allowed:
                    problems.append(f"{method} {url} as {name}: {response.status_code}, expected {sorted(allowed)}")
                if user is None and response.status_code == 302 and route.name not in PUBLIC:
                    if not response["Location"].startswith("/accounts/login/"):
                        problems.append(f"{method} {url} anonymous: sent to {response['Location']}, not to sign in")
                if response.status_code == 200 and not response.streaming:
                    body = response.content.decode(errors="replace")
                    if GIVEN in body or FAMILY in body:
                        if name in AGGREGATE_ONLY:
                            problems.append(f"{method} {url} as {name}: shows a child's name")
                        shown_to.add(name)
    # The probe can see a name: the case manager's pages show it.
    assert "case_manager_a" in shown_to
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def test_the_admin_shows_a_superuser_no_childs_name(world, cast):
    user = cast["superuser"][0]
    client = Client(raise_request_exception=False)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    from openyj.core.models import AuditEvent

    pages = [f"/{r.route}" for r in walk() if r.route.startswith("admin/") and "<" not in r.route
             and "(?P" not in r.route and "logout" not in r.route]
    pages += [f"/admin/core/auditevent/{e.pk}/change/" for e in AuditEvent.objects.all()]
    assert len(pages) > 10
    problems = []
    for page in pages:
        response = client.get(page)
        if response.status_code >= 500:
            problems.append(f"{page}: {response.status_code}")
        elif response.status_code == 200 and not response.streaming:
            body = response.content.decode(errors="replace")
            if GIVEN in body or FAMILY in body:
                problems.append(f"{page}: shows a child's name")
    assert not problems, "\n".join(problems)
