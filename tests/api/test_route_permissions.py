"""Who may call a route is decided before its body is read, from the rule table, on every route.

A caller without the right must learn nothing of the body's schema: posting `{}`
answers 401, 403 or 404, never a 422 listing the fields. The routes declare their
action as a dependency (api/permissions.py); these tests read those declarations.
"""

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.dependencies.utils import get_flat_params
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.app import ROUTERS, create_app
from api.openapi_answers import answers_of
from api.permissions import CaseAccess, Permit
from casework.actors import RULES
from casework.vocabulary import Role
from tests.conftest import People
from tests.journey import open_case

# Routes any signed-in person (or anyone) may call: no rule of the table applies.
OPEN_TO_ALL_SIGNED_IN = {
    "GET /auth/me",
    "GET /auth/me/profile",
    "PUT /auth/me/profile",
    "POST /auth/logout",
    "GET /auth/me/export",
    "PUT /auth/me/password",
    "GET /cases",
    "GET /assessment-rubric",
    "POST /investment-plans/evaluate",
}
OPEN_TO_ANYONE = {"POST /auth/register", "POST /auth/token", "GET /units"}


def routes() -> Iterator[tuple[str, APIRoute]]:
    for router in ROUTERS:
        for route in router.routes:
            assert isinstance(route, APIRoute)
            for method in sorted(route.methods):
                yield f"{method} {route.path}", route


def permission_of(route: APIRoute) -> Permit | CaseAccess | None:
    calls = [d.call for d in route.dependant.dependencies] + [
        d.call for d in route.dependant.dependencies for d in d.dependencies
    ]
    found = [call for call in calls if isinstance(call, Permit | CaseAccess)]
    assert len(found) <= 1, f"{route.path} declares {found}"
    return found[0] if found else None


@pytest.mark.parametrize(("name", "route"), list(routes()), ids=[n for n, _ in routes()])
def test_every_route_declares_who_may_call_it(name: str, route: APIRoute):
    if name in OPEN_TO_ALL_SIGNED_IN | OPEN_TO_ANYONE:
        assert permission_of(route) is None, f"{name} is listed as open but declares a rule"
    else:
        assert permission_of(route) is not None, f"{name} declares no permission dependency"


def forbidden_roles(route: APIRoute) -> list[str]:
    """The people who may not call `route` on the entrepreneur's case, as test people."""
    permission = permission_of(route)
    assert permission is not None
    rule = RULES[permission.action]
    people = ["other_entrepreneur"] if isinstance(permission, CaseAccess) else []
    if Role.ENTREPRENEUR not in rule.roles and not rule.owner:
        people.append("entrepreneur")
    people += [r for r in ("advisor", "manager") if Role(r) not in rule.roles]
    return people


WITH_BODIES = [
    (name, route)
    for name, route in routes()
    if route.body_field is not None and name not in OPEN_TO_ALL_SIGNED_IN | OPEN_TO_ANYONE
]


@pytest.mark.parametrize(("name", "route"), WITH_BODIES, ids=[n for n, _ in WITH_BODIES])
def test_a_caller_without_the_right_learns_nothing_of_the_body(
    client: TestClient, people: People, name: str, route: APIRoute
):
    case = open_case(client, people.entrepreneur)
    path = route.path.replace("{case_id}", case["id"])
    for other in ("referral_id", "milestone_id", "training_id", "section"):
        path = path.replace(
            "{" + other + "}", "market" if other == "section" else str(uuid.uuid4())
        )
    method = next(iter(route.methods))
    answers = {"anonymous": client.request(method, path, json={})}
    for who in forbidden_roles(route):
        answers[who] = client.request(method, path, json={}, headers=people.by_role(who).headers)
    for who, answer in answers.items():
        assert answer.status_code in (401, 403, 404), f"{name} as {who}: {answer.text}"
        assert "loc" not in answer.text


def test_another_entrepreneurs_case_is_404_whatever_the_route(client: TestClient, people: People):
    case = open_case(client, people.entrepreneur)
    for body in ({}, {"technical": 1}):
        answer = client.put(
            f"/cases/{case['id']}/assessment", json=body, headers=people.other_entrepreneur.headers
        )
        assert answer.status_code == 404


def test_a_malformed_case_id_is_404_before_the_body_is_read(client: TestClient, people: People):
    answer = client.put("/cases/not-a-uuid/assessment", json={}, headers=people.manager.headers)
    assert answer.status_code == 404


@pytest.mark.parametrize(("name", "route"), list(routes()), ids=[n for n, _ in routes()])
def test_the_openapi_document_lists_each_answer_the_route_can_give(name: str, route: APIRoute):
    method = name.split()[0]
    documented = set(create_app().openapi()["paths"][route.path][method.lower()]["responses"])
    expected = {str(code) for code in answers_of(route)}
    assert expected <= documented
    if name not in OPEN_TO_ANYONE:
        assert "401" in documented
    if "{case_id}" in route.path:
        assert {"403", "404"} <= documented
    if method != "GET":
        assert {"413", "422"} <= documented


def bounds_of(field: Any) -> set[str]:
    """Which of ge/gt/le/lt a parameter's declaration sets."""
    return {
        name
        for constraint in field.field_info.metadata
        for name in ("ge", "gt", "le", "lt")
        if getattr(constraint, name, None) is not None
    }


@pytest.mark.parametrize(("name", "route"), list(routes()), ids=[n for n, _ in routes()])
def test_every_integer_parameter_is_bounded_below_64_bits(name: str, route: APIRoute):
    for field in get_flat_params(route.dependant):
        if field.field_info.annotation is int:
            bounds = bounds_of(field)
            assert bounds & {"ge", "gt"}, f"{name}: {field.name} has no lower bound"
            assert bounds & {"le", "lt"}, f"{name}: {field.name} has no upper bound"
