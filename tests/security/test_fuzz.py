"""Every list and dashboard parameter, fuzzed (issue 10, item 4).

Finds, by reading each view's source, the query parameters it reads (``request.GET.get("…")``,
``query_id(request, "…")``) and the
forms it binds to the query string (their fields), then asks the page with each malformed value as a
person whose role may see it. The answer must be the page itself (200, with its own message), a 400
saying what is wrong, a redirect or a 404 for a list that does not exist — never a server error.
"""

from __future__ import annotations

import inspect
import re

from django.test import Client

from openyj.core.roles import role_allows
from tests.conftest import record_reauthentication
from tests.security.urls import Route, fill, openyj_routes

MALFORMED = [
    "99999999999999999999999", "-1", "1e309", "abc", "unknown-choice", "quarter:0001-03-31",
    "quarter:9999-12-31", "quarter:2024-02-30", "month:2024-13", "<script>alert(1)</script>", "\x00", "9" * 400,
]


def _source(view) -> str:
    """The view's source and that of the module-level helpers it calls with the request."""
    while hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    source = inspect.getsource(view)
    module = inspect.getmodule(view)
    for helper in re.findall(r"\b(_\w+)\(request", source):
        function = getattr(module, helper, None)
        if callable(function):
            source += inspect.getsource(function)
    return source


def query_parameters(route: Route) -> list[str]:
    view = route.view
    source = _source(view)
    names = set(re.findall(r"request\.GET\.get\(\s*[\"'](\w+)[\"']", source))
    names.update(re.findall(r"query_id\(\s*request,\s*[\"'](\w+)[\"']", source))
    module = inspect.getmodule(inspect.unwrap(view))
    # Parameters read by the module's own helpers that the view hands the request to.
    for helper_name in set(re.findall(r"\b(_\w+)\(\s*request\b", source)):
        helper = getattr(module, helper_name, None)
        if callable(helper):
            names.update(re.findall(r"request\.GET\.get\(\s*[\"'](\w+)[\"']", _source(helper)))
    for form_name in re.findall(r"(\w+Form)\(\s*request\.GET", source):
        form = getattr(module, form_name)
        for field_name, field in form.base_fields.items():
            widget = field.widget
            if hasattr(widget, "widgets_names"):
                names.update(f"{field_name}{suffix}" for suffix in widget.widgets_names)
            else:
                names.add(field_name)
    return sorted(names)


def test_the_fuzz_finds_the_list_and_dashboard_parameters():
    found = {r.name: query_parameters(r) for r in openyj_routes() if r.action}
    assert {"kind", "status", "q", "case_manager", "page"} <= set(found["caseload"])
    assert "period" in found["dashboard"]
    assert {"period", "list", "table", "row", "column"} <= set(found["indicator_drilldown"])
    assert {"who", "child", "verb", "date_from_day", "page"} <= set(found["audit_trail"])


def test_no_query_parameter_makes_a_server_error(world, cast):
    clients = {}
    problems = []
    checked = 0
    for route in openyj_routes():
        if not route.action or route.post_only:
            continue
        names = query_parameters(route)
        if not names:
            continue
        url, _real = fill(route, world)
        # One person whose role may see the page; the dashboard also as a board member (aggregate figures).
        personas = [n for n, (user, role, in_a) in cast.items() if in_a and role_allows(role, route.action)][:1]
        if route.name == "dashboard":
            personas.append("board_member_a")
        for persona in personas:
            if persona not in clients:
                user = cast[persona][0]
                clients[persona] = Client(raise_request_exception=False)
                clients[persona].force_login(user, backend="django.contrib.auth.backends.ModelBackend")
                record_reauthentication(clients[persona], user)
            client = clients[persona]
            for name in names:
                for value in MALFORMED:
                    response = client.get(url, {name: value})
                    checked += 1
                    if response.status_code not in (200, 302, 400, 404):
                        problems.append(f"{url}?{name}={value[:40]!r} as {persona}: {response.status_code}")
            # Everything at once, as a crawler or a tampered bookmark would.
            response = client.get(url, dict.fromkeys(names, "99999999999999999999999"))
            if response.status_code >= 500:
                problems.append(f"{url} with every parameter huge as {persona}: {response.status_code}")
    assert checked > 150
    assert not problems, f"{len(problems)} server errors:\n" + "\n".join(problems)


def test_a_nul_character_in_the_query_string_is_refused_before_any_page_reads_it(client_as, case_manager_a):
    # PostgreSQL refuses to compare text with a NUL character: before this, the caseload's filters were a 500.
    client = client_as(case_manager_a)
    for query in ({"q": "a\x00b"}, {"kind": "\x00"}, {"x\x00": "1"}):
        response = client.get("/children/", query)
        assert response.status_code == 400, query
        assert "govuk-template" in response.content.decode()  # the GOV.UK error page
    assert client.get("/children/", {"q": "ordinary"}).status_code == 200
