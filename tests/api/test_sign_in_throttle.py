"""Sign-in is throttled per account and per address, with a 429 and Retry-After, in the store.

Counts live in the case store, so two API processes (here: two applications on one
store) share them; a pause is answered before the password is checked.
"""

from datetime import timedelta

import pytest
import time_machine
from fastapi.testclient import TestClient

from api.app import create_app
from casework.models.columns import utc_now
from casework.settings import get_settings
from tests.conftest import PASSWORD, People

WRONG = "not the password at all"


@pytest.fixture(autouse=True)
def small_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lower limits than the defaults: each failure costs a full password hash."""
    monkeypatch.setenv("CASEWORK_SIGN_IN_ACCOUNT_LIMIT", "3")
    monkeypatch.setenv("CASEWORK_SIGN_IN_ADDRESS_LIMIT", "5")
    get_settings.cache_clear()


def sign_in(client: TestClient, email: str, password: str) -> int:
    """The status of a sign-in from the test client's one address."""
    return client.post("/auth/token", data={"username": email, "password": password}).status_code


def test_an_account_is_paused_after_its_failures_even_for_the_right_password(
    client: TestClient, people: People
):
    email, limit = people.advisor.email, get_settings().sign_in_account_limit
    with time_machine.travel(utc_now(), tick=False) as clock:
        assert [sign_in(client, email, WRONG) for _ in range(limit)] == [401] * limit
        paused = client.post("/auth/token", data={"username": email, "password": PASSWORD})
        assert paused.status_code == 429
        window = get_settings().sign_in_window_minutes * 60
        assert int(paused.headers["Retry-After"]) == window
        assert "try again in" in paused.json()["detail"]

        clock.shift(timedelta(seconds=window - 1))
        assert sign_in(client, email, PASSWORD) == 429
        clock.shift(timedelta(seconds=1))
        assert sign_in(client, email, PASSWORD) == 200


def test_a_success_forgets_the_accounts_failures(client: TestClient, people: People):
    email, limit = people.advisor.email, get_settings().sign_in_account_limit
    for _ in range(limit - 1):
        assert sign_in(client, email, WRONG) == 401
    assert sign_in(client, email, PASSWORD) == 200
    assert [sign_in(client, email, WRONG) for _ in range(limit - 1)] == [401] * (limit - 1)
    assert sign_in(client, email, PASSWORD) == 200


def test_one_address_trying_many_accounts_is_paused(client: TestClient, people: People):
    limit = get_settings().sign_in_address_limit
    answers = [sign_in(client, f"guess{i}@mail.example", WRONG) for i in range(limit)]
    assert answers == [401] * limit
    assert sign_in(client, people.manager.email, PASSWORD) == 429


def test_the_count_holds_across_api_processes_sharing_the_store(client: TestClient, people: People):
    email, limit = people.manager.email, get_settings().sign_in_account_limit
    with TestClient(create_app()) as second_process:
        for attempt in range(limit):
            process = client if attempt % 2 else second_process
            assert sign_in(process, email, WRONG) == 401
        assert sign_in(client, email, PASSWORD) == 429
        assert sign_in(second_process, email, PASSWORD) == 429


def test_an_unknown_email_is_throttled_like_a_known_one(client: TestClient):
    limit = get_settings().sign_in_account_limit
    answers = [sign_in(client, "nobody@mail.example", WRONG) for _ in range(limit + 1)]
    assert answers == [401] * limit + [429]
