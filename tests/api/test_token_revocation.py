"""Signing out, a password change and deactivation end the tokens issued before them.

Real tokens from `POST /auth/token`, checked on the next request of each.
"""

import uuid
from datetime import timedelta

import jwt
import pytest
from fastapi.testclient import TestClient

from api.tokens import _secret, issue_token
from casework.models.columns import utc_now
from casework.settings import get_settings
from tests.conftest import PASSWORD, People
from tests.journey import open_case

NEW_PASSWORD = "saltwater harbour 1987"


def token(client: TestClient, email: str, password: str = PASSWORD) -> dict[str, str]:
    answer = client.post("/auth/token", data={"username": email, "password": password})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def me(client: TestClient, headers: dict[str, str]) -> int:
    return client.get("/auth/me", headers=headers).status_code


def test_signing_out_ends_every_token_of_the_account_and_no_one_elses(
    client: TestClient, people: People
):
    laptop = token(client, people.advisor.email)
    phone = token(client, people.advisor.email)
    assert (me(client, laptop), me(client, phone)) == (200, 200)

    assert client.post("/auth/logout", headers=phone).status_code == 204

    assert (me(client, laptop), me(client, phone)) == (401, 401)
    assert client.post("/auth/logout", headers=phone).status_code == 401
    assert me(client, people.manager.headers) == 200  # another account's token lives on
    assert me(client, token(client, people.advisor.email)) == 200  # signing in again works


def test_a_revoked_token_is_refused_on_case_routes_too(client: TestClient, people: People):
    own = people.entrepreneur.headers
    case = f"/cases/{open_case(client, people.entrepreneur)['id']}"
    assert client.get(case, headers=own).status_code == 200
    assert client.post("/auth/logout", headers=own).status_code == 204
    assert client.get(case, headers=own).status_code == 401
    assert client.get(f"{case}/status", headers=own).status_code == 401


def test_a_password_change_ends_older_tokens_and_the_old_password(
    client: TestClient, people: People
):
    email = people.entrepreneur.email
    older = token(client, email)
    change = {"current_password": PASSWORD, "new_password": NEW_PASSWORD}

    assert client.put("/auth/me/password", json=change, headers=older).status_code == 204

    assert me(client, older) == 401
    old = client.post("/auth/token", data={"username": email, "password": PASSWORD})
    assert old.status_code == 401
    assert me(client, token(client, email, NEW_PASSWORD)) == 200


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"current_password": "not my password", "new_password": NEW_PASSWORD},
         "current_password", "not your current password"),
        ({"current_password": PASSWORD, "new_password": PASSWORD}, "new_password", "same"),
        ({"current_password": PASSWORD, "new_password": "1234567890"}, "new_password", "common"),
        ({"current_password": PASSWORD, "new_password": "fatou-in-dakar"}, "new_password", "email"),
        ({"current_password": PASSWORD, "new_password": "short"}, "new_password", "at least"),
    ],
)  # fmt: skip
def test_a_refused_password_change_names_the_field_and_changes_nothing(
    client: TestClient, people: People, change: dict[str, str], field: str, words: str
):
    own = people.entrepreneur.headers
    answer = client.put("/auth/me/password", json=change, headers=own)
    assert answer.status_code == 422, answer.text
    (problem,) = answer.json()["detail"]
    assert problem["loc"][-1] == field
    assert words in problem["msg"].lower()
    assert me(client, own) == 200  # nothing was revoked
    assert me(client, token(client, people.entrepreneur.email)) == 200  # nor the password changed


def test_wrong_current_passwords_pause_the_account_like_failed_sign_ins(
    client: TestClient, people: People, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("CASEWORK_SIGN_IN_ACCOUNT_LIMIT", "3")
    get_settings.cache_clear()
    own = people.entrepreneur.headers
    wrong = {"current_password": "a guess at it", "new_password": NEW_PASSWORD}
    statuses = [
        client.put("/auth/me/password", json=wrong, headers=own).status_code for _ in range(4)
    ]
    assert statuses == [422, 422, 422, 429]
    signing_in = client.post(
        "/auth/token", data={"username": people.entrepreneur.email, "password": PASSWORD}
    )
    assert signing_in.status_code == 429


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_a_token_without_a_generation_or_of_an_older_one_is_refused(
    client: TestClient, people: People
):
    advisor = uuid.UUID(people.advisor.id)
    # Signed with the API's own key, as tokens were before generations: no `gen` claim.
    claims = {"sub": str(advisor), "iat": utc_now(), "exp": utc_now() + timedelta(minutes=5)}
    without_generation = jwt.encode(claims, _secret(), algorithm="HS256")
    assert me(client, bearer(without_generation)) == 401
    assert me(client, bearer(jwt.encode({**claims, "gen": "0"}, _secret(), "HS256"))) == 401

    assert client.post("/auth/logout", headers=people.advisor.headers).status_code == 204
    assert me(client, bearer(issue_token(advisor, 0))) == 401
    assert me(client, bearer(issue_token(advisor, 1))) == 200
