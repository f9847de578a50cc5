"""Requests racing for one unique thing: each loser gets a 409 naming the field, never a 500.

Real threads against the real store (SQLite by default; PostgreSQL in `make
test-postgres`). A barrier releases the threads together so the requests overlap.
"""

import threading
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from casework.vocabulary import Gender, Role
from tests.conftest import People, Person, make_person
from tests.journey import ok, open_case


def race(count: int, request: Callable[[int], Any]) -> list[Any]:
    """Run `request(i)` for i in range(count) on as many threads, released together."""
    barrier = threading.Barrier(count)
    answers: list[Any] = [None] * count

    def run(index: int) -> None:
        barrier.wait()
        answers[index] = request(index)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return answers


def test_entrepreneurs_opening_cases_at_once_each_get_their_own_reference(
    client: TestClient, people: People
):
    owners: list[Person] = [
        make_person(f"owner{i}@mail.example", Role.ENTREPRENEUR, f"Owner {i}", Gender.WOMAN)
        for i in range(6)
    ]
    body = {"title": "Bakery", "sector": "agri_food", "country": "SN", "summary": "Bread."}

    answers = race(6, lambda i: client.post("/cases", json=body, headers=owners[i].headers))

    assert [a.status_code for a in answers] == [201] * 6, [a.text for a in answers]
    references = {a.json()["reference"] for a in answers}
    assert len(references) == 6
    later = open_case(client, people.entrepreneur)
    numbers = sorted(int(r.rsplit("-", 1)[1]) for r in references)
    assert numbers == [1, 2, 3, 4, 5, 6]
    assert later["reference"].endswith("-0007")


def test_registrations_of_one_email_at_once_make_one_account_and_name_the_email(
    client: TestClient,
):
    body = {"email": "twice@mail.example", "password": "a long passphrase", "full_name": "Ama"}

    answers = race(3, lambda _i: client.post("/auth/register", json=body))

    codes = sorted(a.status_code for a in answers)
    assert codes == [201, 409, 409], [a.text for a in answers]
    for clash in (a for a in answers if a.status_code == 409):
        assert clash.json()["field"] == "email"
        assert "email" in clash.json()["detail"]
    token = client.post(
        "/auth/token", data={"username": body["email"], "password": body["password"]}
    )
    assert token.status_code == 200


def test_managers_adding_one_partner_at_once_keep_one_and_name_the_field(
    client: TestClient, people: People
):
    second = make_person("head2@unit.example", Role.MANAGER, "Second manager")
    managers = [people.manager, second]
    body = {"name": "Meso Fund", "kind": "financial", "services": ["meso_credit"]}

    answers = race(2, lambda i: client.post("/partners", json=body, headers=managers[i].headers))

    assert sorted(a.status_code for a in answers) == [201, 409], [a.text for a in answers]
    clash = next(a for a in answers if a.status_code == 409)
    assert clash.json()["field"] == "name"
    directory = ok(client.get("/partners", headers=people.advisor.headers))
    assert [p["name"] for p in directory].count("Meso Fund") == 1


def test_a_duplicate_found_at_commit_is_a_409_too(client: TestClient, people: People):
    body = {"email": "awa@unit.example", "password": "a long passphrase", "full_name": "Awa"}
    refused = client.post(
        "/users", json={**body, "role": "advisor"}, headers=people.manager.headers
    )
    assert refused.status_code == 409
    assert refused.json() == {
        "detail": "An account with this email already exists.",
        "field": "email",
    }
