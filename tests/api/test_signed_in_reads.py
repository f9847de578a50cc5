"""Who is signed in, and which case they may read, is decided before any route runs.

The permission dependency reads the token's account and the case in one statement and
the request's session is opened on the event loop: these tests hold the answers that
must not change with that — 401 for a missing, invalid or deactivated account (before
anything is said about the case), 404 for a case the caller may not know, and a
request session that commits on success and turns a stale write into a Conflict.
"""

import asyncio
import uuid

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from api.dependencies import open_request_session
from casework.database import open_session
from casework.errors import Conflict
from casework.models import Case, User
from tests.conftest import People, Person
from tests.journey import ok, open_case

SIGN_IN_AGAIN = {"detail": "Sign in again: the token is missing, expired or invalid."}


def deactivate(person: Person) -> None:
    with open_session() as session:
        user = session.get(User, uuid.UUID(person.id))
        assert user is not None
        user.is_active = False
        session.commit()


def assert_sign_in_again(answer) -> None:
    assert answer.status_code == 401, answer.text
    assert answer.headers["www-authenticate"] == "Bearer"


def test_a_deactivated_account_is_refused_on_case_reads_and_everywhere_else(
    client: TestClient, people: People
):
    case_id = open_case(client, people.entrepreneur)["id"]
    ok(client.get(f"/cases/{case_id}/status", headers=people.entrepreneur.headers))
    deactivate(people.entrepreneur)
    for path in (f"/cases/{case_id}/status", f"/cases/{case_id}", "/cases", "/auth/me"):
        answer = client.get(path, headers=people.entrepreneur.headers)
        assert_sign_in_again(answer)
        assert answer.json() == SIGN_IN_AGAIN
    deactivate(people.advisor)
    assert_sign_in_again(client.get(f"/cases/{case_id}/events", headers=people.advisor.headers))
    assert_sign_in_again(client.get("/partners", headers=people.advisor.headers))


@pytest.mark.parametrize("case_id", ["not-a-uuid", str(uuid.UUID(int=7))])
def test_a_missing_or_invalid_token_is_a_401_whatever_the_case_id(
    client: TestClient, people: People, case_id: str
):
    assert_sign_in_again(client.get(f"/cases/{case_id}/status"))
    forged = {"Authorization": "Bearer not.a.token"}
    assert_sign_in_again(client.get(f"/cases/{case_id}/status", headers=forged))
    assert client.get(f"/cases/{case_id}/status", headers=forged).json() == SIGN_IN_AGAIN


def test_a_case_is_a_404_to_another_entrepreneur_and_for_an_unknown_or_malformed_id(
    client: TestClient, people: People
):
    case_id = open_case(client, people.entrepreneur)["id"]
    not_found = {"detail": "No case with this id."}
    for path in (f"/cases/{case_id}/status", f"/cases/{case_id}"):
        answer = client.get(path, headers=people.other_entrepreneur.headers)
        assert (answer.status_code, answer.json()) == (404, not_found)
    for unknown in (str(uuid.uuid4()), "not-a-uuid"):
        answer = client.get(f"/cases/{unknown}/status", headers=people.entrepreneur.headers)
        assert (answer.status_code, answer.json()) == (404, not_found)
    for person in (people.entrepreneur, people.advisor, people.manager):
        assert ok(client.get(f"/cases/{case_id}/status", headers=person.headers))["stage"]


def test_staff_read_a_case_and_act_as_themselves_on_it(client: TestClient, people: People):
    case_id = open_case(client, people.entrepreneur)["id"]
    body = {"minutes": 30, "activity": "Phone call", "logged_on": "2026-01-05"}
    logged = client.post(f"/cases/{case_id}/time-logs", json=body, headers=people.advisor.headers)
    assert logged.status_code == 201, logged.text
    assert logged.json()["advisor_id"] == people.advisor.id


def _drive(case_id: uuid.UUID, title: str, *, stale: bool) -> None:
    """A request's session, as FastAPI drives it: a change is committed, or found stale."""

    async def request() -> None:
        steps = open_request_session()
        session = await anext(steps)
        case = session.get(Case, case_id)
        assert case is not None
        if stale:  # another request moved the case meanwhile
            with open_session() as other:
                meanwhile = other.get(Case, case_id)
                assert meanwhile is not None
                meanwhile.title = "Changed meanwhile"
                other.commit()
        case.title = title
        with pytest.raises(StopAsyncIteration):
            await anext(steps)

    asyncio.run(request())


def test_the_request_session_commits_and_a_stale_commit_is_a_conflict(
    client: TestClient, people: People
):
    case_id = uuid.UUID(open_case(client, people.entrepreneur)["id"])
    _drive(case_id, "Changed by this request", stale=False)
    with open_session() as session:
        titles = session.exec(select(Case.title).where(Case.id == case_id)).all()
        assert titles == ["Changed by this request"]
    with pytest.raises(Conflict):
        _drive(case_id, "Changed by a stale request", stale=True)
    with open_session() as session:
        titles = session.exec(select(Case.title).where(Case.id == case_id)).all()
        assert titles == ["Changed meanwhile"]
