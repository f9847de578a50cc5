"""Conditional writes: a case answers its version as its ETag; writes under it honour If-Match.

A stale If-Match is a 412 carrying the current version and changes nothing; a
matching one writes and the ETag moves; `*` always passes; a malformed one is a 400
naming the header; without one, nothing changes from before. The write routes are
read from the app, so a new one cannot forget the header. Requests racing for one
case are sent over real HTTP to a uvicorn server, from real threads.
"""

import asyncio
import threading
from functools import cache
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags

from api.app import ROUTERS, create_app
from api.openapi_answers import takes_if_match
from api.preconditions import WRITES, CaseAnswer
from api.schemas import CasePublic
from casework.database import open_session
from casework.models import Case
from casework.services import transitions
from tests.api.test_role_matrix import ROLES, ROWS, Call, Row, is_success, prepare
from tests.conftest import People
from tests.journey import assess, ok, open_case

pytestmark = pytest.mark.usefixtures("prefect_server")


def etag(version: int) -> str:
    return f'"{version}"'


def runs_tagged(*tags: str) -> list[Any]:
    """The flow runs the Prefect test server holds with all of `tags`."""

    async def read() -> list[Any]:
        async with get_client() as prefect:
            tagged = FlowRunFilter(tags=FlowRunFilterTags(all_=list(tags)))
            return await prefect.read_flow_runs(flow_run_filter=tagged)

    return asyncio.run(read())


def version_of(client: TestClient, case_id: str, people: People) -> int:
    answer = client.get(f"/cases/{case_id}", headers=people.advisor.headers)
    return int(ok(answer)["version"])


def what_the_case_says(client: TestClient, case_id: str, people: People) -> Any:
    """The case as staff read it, and its whole timeline: what a refused write must not touch."""
    headers = people.advisor.headers
    case = ok(client.get(f"/cases/{case_id}", headers=headers))
    return case, ok(client.get(f"/cases/{case_id}/events", headers=headers))


def correct(client: TestClient, case_id: str, people: People, title: str, **headers: str) -> Any:
    return client.patch(
        f"/cases/{case_id}",
        json={"title": title},
        headers={**people.entrepreneur.headers, **headers},
    )


def test_a_case_answers_its_version_as_a_strong_etag(client: TestClient, people: People):
    opened = client.post(
        "/cases",
        json={"title": "Bakery", "sector": "agri_food", "country": "SN", "summary": "Bread."},
        headers=people.entrepreneur.headers,
    )
    assert opened.status_code == 201
    assert opened.headers["ETag"] == etag(opened.json()["version"]) == '"1"'
    case_id = opened.json()["id"]
    assess(client, case_id, people.advisor)

    read = client.get(f"/cases/{case_id}", headers=people.entrepreneur.headers)

    assert read.json()["version"] > 1
    assert read.headers["ETag"] == etag(read.json()["version"])


def test_a_stale_if_match_is_412_with_the_current_version_and_changes_nothing(
    client: TestClient, people: People
):
    case = open_case(client, people.entrepreneur)
    seen = etag(case["version"])
    assess(client, case["id"], people.advisor)  # someone else writes meanwhile
    before = what_the_case_says(client, case["id"], people)

    answer = correct(client, case["id"], people, "Smoked fish", **{"If-Match": seen})

    assert answer.status_code == 412, answer.text
    current = before[0]["version"]
    assert answer.json() == {
        "detail": answer.json()["detail"],
        "field": "If-Match",
        "current_version": current,
    }
    assert str(current) in answer.json()["detail"]
    assert answer.headers["ETag"] == etag(current)
    assert what_the_case_says(client, case["id"], people) == before


def test_a_matching_if_match_writes_and_the_etag_moves(client: TestClient, people: People):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    seen = client.get(f"/cases/{case['id']}", headers=people.entrepreneur.headers).headers["ETag"]

    answer = correct(client, case["id"], people, "Smoked fish", **{"If-Match": seen})

    assert answer.status_code == 200, answer.text
    assert answer.json()["title"] == "Smoked fish"
    assert answer.headers["ETag"] == etag(answer.json()["version"]) != seen
    again = client.get(f"/cases/{case['id']}", headers=people.entrepreneur.headers)
    assert again.headers["ETag"] == answer.headers["ETag"]


@pytest.mark.parametrize(
    "condition",
    ["*", '"{v}"', '"{stale}", "{v}"', 'W/"{stale}", "{v}"', '"{v}",'],
    ids=["star", "one tag", "a list", "weak and strong", "trailing comma"],
)
def test_a_condition_the_case_meets_lets_the_write_through(
    client: TestClient, people: People, condition: str
):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    version = version_of(client, case["id"], people)
    header = condition.format(v=version, stale=version - 1)

    answer = correct(client, case["id"], people, "Smoked fish", **{"If-Match": header})

    assert answer.status_code == 200, answer.text
    assert answer.json()["version"] == version + 1


@pytest.mark.parametrize(
    "condition",
    ['W/"{v}"', '"{stale}"', '"0{v}"', '"{v}x"', '"{stale}", "{later}"'],
    ids=["weak", "stale", "leading zero", "other text", "list without it"],
)
def test_a_condition_the_case_does_not_meet_is_412(
    client: TestClient, people: People, condition: str
):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    version = version_of(client, case["id"], people)
    header = condition.format(v=version, stale=version - 1, later=version + 1)

    answer = correct(client, case["id"], people, "Smoked fish", **{"If-Match": header})

    assert answer.status_code == 412, answer.text
    assert answer.json()["current_version"] == version
    assert version_of(client, case["id"], people) == version


@pytest.mark.parametrize("condition", ["3", "", '*, "3"', '"3', "W/3", "'3'", '"3" "4"', "**"])
def test_a_malformed_if_match_is_400_naming_the_header(
    client: TestClient, people: People, condition: str
):
    case = open_case(client, people.entrepreneur)

    answer = correct(client, case["id"], people, "Smoked fish", **{"If-Match": condition})

    assert answer.status_code == 400, answer.text
    [problem] = answer.json()["detail"]
    assert problem["loc"] == ["header", "If-Match"]
    assert "*" in problem["expected"]
    assert version_of(client, case["id"], people) == case["version"]


def test_without_if_match_a_write_is_unconditional_as_before(client: TestClient, people: People):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)

    answer = correct(client, case["id"], people, "Smoked fish")

    assert answer.status_code == 200, answer.text
    assert answer.json()["title"] == "Smoked fish"


def test_a_read_ignores_if_match(client: TestClient, people: People):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)

    for condition in (etag(case["version"]), "malformed"):
        stale = {"If-Match": condition, **people.advisor.headers}
        for path in ("", "/status", "/events", "/assessment"):
            answer = client.get(f"/cases/{case['id']}{path}", headers=stale)
            assert answer.status_code == 200, (path, answer.text)


def test_who_may_not_write_learns_nothing_from_if_match(client: TestClient, people: People):
    case = open_case(client, people.entrepreneur)
    for condition in ('"999"', "malformed"):
        answer = correct(
            client,
            case["id"],
            people,
            "Smoked fish",
            **{"If-Match": condition, **people.other_entrepreneur.headers},
        )
        assert answer.status_code == 404, answer.text


# --- stage moves: checked before any flow run starts, and again where the flow writes ----


def move(client: TestClient, case_id: str, people: People, **headers: str) -> Any:
    return client.post(
        f"/cases/{case_id}/transitions",
        json={"to": "support"},
        headers={**people.advisor.headers, **headers},
    )


def test_a_stale_move_is_412_before_any_flow_run_starts(client: TestClient, people: People):
    case = open_case(client, people.entrepreneur)
    seen = etag(case["version"])
    assess(client, case["id"], people.advisor)
    before = what_the_case_says(client, case["id"], people)

    answer = move(client, case["id"], people, **{"If-Match": seen})

    assert answer.status_code == 412, answer.text
    assert answer.json()["current_version"] == before[0]["version"]
    assert what_the_case_says(client, case["id"], people) == before
    assert runs_tagged(f"case:{case['reference']}", "stage:support") == []


def test_a_matching_move_is_made_and_answers_the_moved_case_with_its_etag(
    client: TestClient, people: People
):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    seen = client.get(f"/cases/{case['id']}", headers=people.advisor.headers).headers["ETag"]

    answer = move(client, case["id"], people, **{"If-Match": seen})

    assert answer.status_code == 200, answer.text
    assert answer.json()["stage"] == "support"
    assert answer.headers["ETag"] == etag(answer.json()["version"]) != seen


@pytest.fixture
def edit_between_check_and_flow(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Someone corrects the case once the request has checked its If-Match, before the flow writes.

    The gate is read first by the launcher (before the flow run) and then by the flow:
    the edit lands at the first read, after the request's check. It is made on a thread
    of its own, as another request's would be: outside this request's context.
    """
    edits: list[int] = []
    gather = transitions.gather_facts

    def someone_edits(case_id: Any) -> None:
        with open_session() as session:
            edited = session.get(Case, case_id)
            assert edited is not None
            edited.summary += " Now with a second cold room."
            session.commit()
            edits.append(edited.version)

    def gather_while_someone_edits(case: Case, **kwargs: Any) -> Any:
        facts = gather(case, **kwargs)
        if not edits:
            elsewhere = threading.Thread(target=someone_edits, args=(case.id,))
            elsewhere.start()
            elsewhere.join(timeout=60)
        return facts

    monkeypatch.setattr(transitions, "gather_facts", gather_while_someone_edits)
    return edits


def test_a_move_pinned_to_a_version_is_not_made_over_a_change_after_the_check(
    client: TestClient, people: People, edit_between_check_and_flow: list[int]
):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    seen = client.get(f"/cases/{case['id']}", headers=people.advisor.headers).headers["ETag"]

    answer = move(client, case["id"], people, **{"If-Match": seen})

    assert answer.status_code == 412, answer.text
    [edited] = edit_between_check_and_flow
    assert answer.json()["current_version"] == edited
    assert answer.headers["ETag"] == etag(edited)
    after, events = what_the_case_says(client, case["id"], people)
    assert (after["stage"], after["version"]) == ("reception", edited)
    assert "second cold room" in after["summary"]
    assert not [e for e in events if e["kind"] == "stage_changed"]


def test_an_unpinned_move_is_made_over_a_change_after_the_check_as_before(
    client: TestClient, people: People, edit_between_check_and_flow: list[int]
):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)

    answer = move(client, case["id"], people)

    assert answer.status_code == 200, answer.text
    assert answer.json()["stage"] == "support"
    assert "second cold room" in answer.json()["summary"]


# --- every write under a case, read from the app -----------------------------------------


def case_writes() -> list[tuple[str, APIRoute]]:
    """Every (method path, route) of the app that writes under /cases/{case_id}."""
    return [
        (f"{method} {route.path}", route)
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute) and route.path.startswith("/cases/{case_id}")
        for method in sorted(route.methods & WRITES)
    ]


CASE_WRITES = case_writes()
MATRIX = {str(row): row for row in ROWS}


@cache
def openapi() -> dict[str, Any]:
    return create_app().openapi()


def test_the_write_routes_under_a_case_are_found():
    names = [name for name, _ in CASE_WRITES]
    assert "POST /cases/{case_id}/transitions" in names
    assert "DELETE /cases/{case_id}/consents/{consent_id}" in names
    assert len(names) >= 25


@pytest.mark.parametrize(("name", "route"), CASE_WRITES, ids=[n for n, _ in CASE_WRITES])
def test_every_write_under_a_case_takes_if_match_and_documents_it(name: str, route: APIRoute):
    method, path = name.split()
    assert takes_if_match(route), f"{name} does not load its case through CaseAccess"
    operation = openapi()["paths"][path][method.lower()]
    assert "If-Match" in [p["name"] for p in operation["parameters"] if p["in"] == "header"]
    assert {"400", "412"} <= set(operation["responses"])
    assert "ETag" in operation["responses"]["412"]["headers"]


def case_answers() -> list[tuple[str, APIRoute]]:
    return [
        (f"{method} {route.path}", route)
        for router in ROUTERS
        for route in router.routes
        if isinstance(route, APIRoute) and route.response_model is CasePublic
        for method in route.methods
    ]


@pytest.mark.parametrize(("name", "route"), case_answers(), ids=[n for n, _ in case_answers()])
def test_every_answer_that_is_a_case_carries_its_etag(name: str, route: APIRoute):
    method, path = name.split()
    assert route.response_class is CaseAnswer, f"{name} answers a case without its ETag"
    operation = openapi()["paths"][path][method.lower()]
    assert "ETag" in operation["responses"][str(route.status_code or 200)]["headers"]


def allowed_role(row: Row) -> str:
    return next(role for role in ROLES if is_success(row.expected(role)))


@pytest.mark.parametrize(("name", "route"), CASE_WRITES, ids=[n for n, _ in CASE_WRITES])
def test_every_write_under_a_case_refuses_a_stale_if_match_and_changes_nothing(
    client: TestClient, people: People, name: str, route: APIRoute
):
    row = MATRIX.get(name)
    assert row is not None, f"{name} has no row in tests/api/test_role_matrix.py to set it up"
    role = allowed_role(row)
    ids = prepare(row, role, client, people)
    call, headers = Call(ids, people, role), people.by_role(role).headers
    before = what_the_case_says(client, ids["case_id"], people)
    version = before[0]["version"]

    stale = row.request(client, call, {**headers, "If-Match": etag(version - 1)})

    assert stale.status_code == 412, stale.text[:500]
    assert stale.json()["current_version"] == version
    assert stale.headers["ETag"] == etag(version)
    assert what_the_case_says(client, ids["case_id"], people) == before

    matching = row.request(client, call, {**headers, "If-Match": etag(version)})

    assert matching.status_code == row.expected(role), matching.text[:500]
