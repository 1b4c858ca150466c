"""Personas used across the suite (healthchecks' alice/bob/charlie habit), in one place.

Service A ("Northdale") and service B ("Southmoor") are two tenants of one deployment:

- ``case_manager_a``  case manager in A          - ``case_manager_b``  case manager in B
- ``manager``         manager in A               - ``performance_officer``  performance officer in A
- ``board_member``    board member in A          - ``administrator``   administrator in A
- ``outsider``        signed in, no service      - ``unknown_role``    a membership in A with a role we do not know

Use ``client_as(persona)`` to get a logged-in Django test client. It has just confirmed its password
(allauth's re-authentication), as a person who signed in a moment ago has; ``client_as(persona,
reauthenticated=False)`` gives one that has not, for the tests of re-authentication.

Two-factor sign-in is not required in tests (the personas sign in with a password only), except in
the tests that check it (``tests/core/test_two_factor.py``), which switch it back on.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from openyj.core.models import Membership, Service
from openyj.core.roles import Role

PASSWORD = "correct-horse-battery-staple"

# One Chromium per worker for every browser test, wherever it lives.
pytest_plugins = ["tests.browser_support"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The real hasher is deliberately slow; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _two_factor_not_required(settings):
    settings.OPENYJ_MFA_REQUIRED = False


@pytest.fixture
def service_a(db):
    return Service.objects.create(code="NORTHDALE", name="Northdale Youth Justice Service", area_codes=["E08000901"])


@pytest.fixture
def service_b(db):
    return Service.objects.create(code="SOUTHMOOR", name="Southmoor Youth Justice Service", area_codes=["E08000902"])


def make_user(username: str, service=None, role: str | None = None):
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password=PASSWORD,
        first_name=username.replace("_", " ").title(),
    )
    if service is not None:
        Membership.objects.create(user=user, service=service, role=role)
    return user


@pytest.fixture
def case_manager_a(service_a):
    return make_user("case_manager_a", service_a, Role.CASE_MANAGER)


@pytest.fixture
def case_manager_b(service_b):
    return make_user("case_manager_b", service_b, Role.CASE_MANAGER)


@pytest.fixture
def manager(service_a):
    return make_user("manager_a", service_a, Role.MANAGER)


@pytest.fixture
def performance_officer(service_a):
    return make_user("performance_officer_a", service_a, Role.PERFORMANCE_OFFICER)


@pytest.fixture
def board_member(service_a):
    return make_user("board_member_a", service_a, Role.BOARD_MEMBER)


@pytest.fixture
def administrator(service_a):
    return make_user("administrator_a", service_a, Role.ADMINISTRATOR)


@pytest.fixture
def outsider(db):
    return make_user("outsider")


@pytest.fixture
def unknown_role(service_a):
    return make_user("unknown_role_a", service_a, "janitor")


@pytest.fixture
def personas(case_manager_a, case_manager_b, manager, performance_officer, board_member, administrator,
             outsider, unknown_role):
    """Every persona by name, for tests that walk a page through all of them."""
    return {
        "case_manager_a": case_manager_a,
        "case_manager_b": case_manager_b,
        "manager": manager,
        "performance_officer": performance_officer,
        "board_member": board_member,
        "administrator": administrator,
        "outsider": outsider,
        "unknown_role": unknown_role,
    }


def record_reauthentication(client: Client, user) -> None:
    """What allauth writes to the session when the user confirms their password again."""
    from allauth.account.internal.flows.login import record_authentication

    session = client.session
    record_authentication(SimpleNamespace(session=session), user, method="password", reauthenticated=True)
    session.save()


@pytest.fixture
def client_as(db):
    def _client(user, *, reauthenticated: bool = True) -> Client:
        client = Client()
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        if reauthenticated:
            record_reauthentication(client, user)
        return client

    return _client
