"""Managers run the accounts: list them, rename, move staff between roles, deactivate.

A change takes effect at the account's next request, with the token it already holds.
"""

from fastapi.testclient import TestClient

from tests.conftest import PASSWORD, People


def patch(client: TestClient, people: People, user_id: str, body: dict[str, object]):
    return client.patch(f"/users/{user_id}", json=body, headers=people.manager.headers)


def test_the_list_filters_by_role_and_active_and_counts_them_all(
    client: TestClient, people: People
):
    manager = people.manager.headers
    everyone = client.get("/users", headers=manager).json()
    assert everyone["total"] == 4
    assert [u["full_name"] for u in everyone["items"]] == sorted(
        u["full_name"] for u in everyone["items"]
    )
    assert all(u["is_active"] for u in everyone["items"])
    assert "password_hash" not in everyone["items"][0]

    staff = client.get("/users", params={"role": "advisor"}, headers=manager).json()
    assert [u["email"] for u in staff["items"]] == [people.advisor.email]
    patch(client, people, people.advisor.id, {"is_active": False})
    inactive = client.get("/users", params={"active": "false"}, headers=manager).json()
    assert (inactive["total"], inactive["items"][0]["id"]) == (1, people.advisor.id)
    page = client.get("/users", params={"limit": 1, "offset": 1}, headers=manager).json()
    assert (page["total"], len(page["items"])) == (4, 1)


def test_a_deactivated_account_is_refused_at_once_and_reactivation_revives_no_old_token(
    client: TestClient, people: People
):
    advisor = people.advisor.headers
    assert client.get("/tasks", headers=advisor).status_code == 200

    answer = patch(client, people, people.advisor.id, {"is_active": False})
    assert (answer.status_code, answer.json()["is_active"]) == (200, False)
    assert client.get("/tasks", headers=advisor).status_code == 401
    signing_in = {"username": people.advisor.email, "password": PASSWORD}
    assert client.post("/auth/token", data=signing_in).status_code == 401

    assert patch(client, people, people.advisor.id, {"is_active": True}).status_code == 200
    assert client.get("/tasks", headers=advisor).status_code == 401
    fresh = client.post("/auth/token", data=signing_in).json()["access_token"]
    assert client.get("/tasks", headers={"Authorization": f"Bearer {fresh}"}).status_code == 200


def test_a_role_change_takes_effect_at_the_next_request(client: TestClient, people: People):
    advisor = people.advisor.headers
    assert client.get("/users", headers=advisor).status_code == 403
    answer = patch(client, people, people.advisor.id, {"role": "manager", "full_name": "Awa N."})
    assert answer.status_code == 200, answer.text
    assert (answer.json()["role"], answer.json()["full_name"]) == ("manager", "Awa N.")
    assert client.get("/users", headers=advisor).status_code == 200


def test_refused_changes_say_why_and_change_nothing(client: TestClient, people: People):
    refusals = [
        (people.entrepreneur.id, {"role": "advisor"}, 422, "role"),
        (people.advisor.id, {"role": "entrepreneur"}, 422, "role"),
        (people.advisor.id, {"is_active": None}, 422, "is_active"),
        (people.advisor.id, {"full_name": "A"}, 422, "full_name"),
        (people.advisor.id, {"email": "new@unit.example"}, 422, "email"),
        (people.manager.id, {"is_active": False}, 409, None),
        (people.manager.id, {"role": "advisor"}, 409, None),
        ("5f0c6f8e-1c9b-4a47-9d5e-2d2b7f0c1a11", {"full_name": "Nobody Here"}, 404, None),
    ]
    for user_id, body, status, field in refusals:
        answer = patch(client, people, user_id, body)
        assert answer.status_code == status, (body, answer.text)
        if field:
            assert answer.json()["detail"][0]["loc"][-1] == field
    listed = client.get("/users", headers=people.manager.headers).json()["items"]
    roles = {u["email"]: (u["role"], u["is_active"]) for u in listed}
    assert roles[people.advisor.email] == ("advisor", True)
    assert roles[people.manager.email] == ("manager", True)
    assert roles[people.entrepreneur.email] == ("entrepreneur", True)
    # The manager who was refused still works.
    assert client.get("/users", headers=people.manager.headers).status_code == 200


def test_a_new_account_must_meet_the_password_policy(client: TestClient):
    def register(password: str, email: str = "mariama@mail.example"):
        body = {"email": email, "password": password, "full_name": "Mariama Keita"}
        return client.post("/auth/register", json=body)

    for password, words in [
        ("qwertyuiop", "common"),
        ("Password123", "common"),
        ("aaaaabbbbbb", "different characters"),
        ("mariama-2026!", "name or your email"),
        ("keita from thies", "name or your email"),
    ]:
        answer = register(password)
        assert answer.status_code == 422, password
        (problem,) = answer.json()["detail"]
        assert problem["loc"] == ["body", "password"]
        assert words in problem["msg"], (password, problem)
        assert password not in answer.text  # the answer never echoes what was typed
    assert register("baobab shade at noon").status_code == 201
