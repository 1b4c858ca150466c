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

from django.test import Client

from openyj.core.roles import Role, role_allows
from tests.conftest import record_reauthentication
from tests.security.conftest import FAMILY, GIVEN
from tests.security.urls import PUBLIC, SIGNED_IN, Route, fill, openyj_routes, walk

AGGREGATE_ONLY = {"board_member_a", "board_member_b", "administrator_a", "administrator_b", "superuser"}


def test_every_view_declares_what_it_needs():
    undeclared = [r.route for r in openyj_routes()
                  if r.action is None and r.name not in PUBLIC and r.name not in SIGNED_IN]
    assert not undeclared, ("These views declare no action: decorate them with @require(Action.…) or, if they "
                            f"are public, add them with a reason to tests/security/urls.py: {undeclared}")


def test_the_allow_lists_name_only_views_that_exist():
    names = {r.name for r in openyj_routes()}
    assert set(PUBLIC) <= names and set(SIGNED_IN) <= names


# Pages whose own rule hides some records of the user's service from a role the table allows, with the
# reason: 404 is then the right answer for that role.
HIDDEN_FROM = {
    ("document_detail", Role.BOARD_MEMBER): "board members see published documents only; the test's is a draft",
    ("document_render", Role.BOARD_MEMBER): "the same draft",
}
# Pages whose record of the same kind is looked up by their own rule: the test's record (an improvement
# action raised from quality work, or no board action at all) is not one they show, so 404 is right.
NOT_THEIR_RECORD = {
    "governance_action_edit": "changes actions of an improvement plan; the test's action answers a quality finding",
    "governance_board_action_edit": "board actions are a meeting's; the test's action is not one",
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
    hidden = (route.name, role) in HIDDEN_FROM or route.name in NOT_THEIR_RECORD
    return {200, 204, 302, 400} | (set() if real and not hidden else {404})


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
