"""Several units, one programme: each unit's staff see their unit's work; the programme's
managers (no unit) see every unit and compare them.

The test unit is the default one (`main`): `people.advisor` and the entrepreneurs belong
to it, and `people.manager` has no unit, as every manager of a one-unit install. The
`dakar` fixture adds a second unit with an advisor, a manager and an entrepreneur.
"""

from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import PASSWORD, OtherUnit, People, Person
from tests.journey import add_partner, ok, open_case, plan_body


def me(client: TestClient, person: Person) -> dict[str, Any]:
    return ok(client.get("/auth/me", headers=person.headers))


def ids(listed: list[dict[str, Any]]) -> set[str]:
    return {item["id"] for item in listed}


# --- the units themselves ---------------------------------------------------------------


def test_anyone_lists_the_units_and_only_the_programmes_managers_shape_them(
    client: TestClient, people: People, dakar: OtherUnit
):
    listed = ok(client.get("/units"))  # no token: registration needs it
    assert [(u["code"], u["is_default"]) for u in listed] == [("main", True), ("dakar", False)]
    assert set(listed[0]) == {"id", "code", "name", "is_default"}

    body = {"code": "thies", "name": "Thiès"}
    for refused in (dakar.manager, people.advisor, people.entrepreneur):
        answer = client.post("/units", json=body, headers=refused.headers)
        assert answer.status_code == 403, answer.text
        answer = client.patch(f"/units/{dakar.id}", json={"name": "X y"}, headers=refused.headers)
        assert answer.status_code == 403, answer.text
    assert "programme" in client.post("/units", json={}, headers=dakar.manager.headers).text

    programme = people.manager.headers
    duplicate = client.post("/units", json={"code": "dakar", "name": "Again"}, headers=programme)
    assert (duplicate.status_code, duplicate.json()["field"]) == (409, "code")
    badly_coded = client.post("/units", json={"code": "Dakar Nord", "name": "D"}, headers=programme)
    assert badly_coded.status_code == 422

    renamed = client.patch(f"/units/{dakar.id}", json={"name": "Dakar"}, headers=programme)
    assert ok(renamed)["name"] == "Dakar"
    made_default = client.patch(f"/units/{dakar.id}", json={"is_default": True}, headers=programme)
    assert ok(made_default)["is_default"] is True
    assert [(u["code"], u["is_default"]) for u in ok(client.get("/units"))] == [
        ("dakar", True),
        ("main", False),
    ]
    unset = client.patch(f"/units/{dakar.id}", json={"is_default": False}, headers=programme)
    assert unset.json()["detail"][0]["loc"] == ["body", "is_default"]


def test_an_entrepreneur_registers_in_the_unit_they_pick_or_in_the_default_one(
    client: TestClient, dakar: OtherUnit
):
    def register(email: str, **more: Any) -> Any:
        body = {"email": email, "password": PASSWORD, "full_name": "Mariama Ba", **more}
        return client.post("/auth/register", json=body)

    assert ok(register("one@mail.example"), 201)["unit"]["code"] == "main"
    assert ok(register("two@mail.example", unit="dakar"), 201)["unit"] == {
        "id": dakar.id,
        "code": "dakar",
        "name": "Dakar reception unit",
    }
    unknown = register("three@mail.example", unit="nowhere")
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["body", "unit"]
    assert "nowhere" not in unknown.text, "an error never repeats the input"


def test_auth_me_says_the_callers_unit(client: TestClient, people: People, dakar: OtherUnit):
    assert me(client, people.manager)["unit"] is None  # the programme's manager
    assert me(client, people.advisor)["unit"]["code"] == "main"
    assert me(client, dakar.manager)["unit"]["code"] == "dakar"
    assert me(client, dakar.entrepreneur)["unit"]["id"] == dakar.id


# --- what each unit's staff see ---------------------------------------------------------


def test_a_units_staff_list_their_units_cases_and_the_programme_every_units(
    client: TestClient, people: People, dakar: OtherUnit
):
    here = open_case(client, people.entrepreneur)
    there = open_case(client, dakar.entrepreneur, title="Fish smoking in Joal")
    assert there["unit_id"] == dakar.id

    def listed(person: Person, **query: Any) -> Any:
        return client.get("/cases", params=query, headers=person.headers)

    assert ids(ok(listed(people.advisor))["items"]) == {here["id"]}
    assert ids(ok(listed(dakar.advisor))["items"]) == {there["id"]}
    assert ids(ok(listed(dakar.manager))["items"]) == {there["id"]}
    assert ids(ok(listed(people.manager))["items"]) == {here["id"], there["id"]}
    assert ids(ok(listed(people.manager, unit="dakar"))["items"]) == {there["id"]}
    assert listed(dakar.manager, unit="main").status_code == 403
    assert ok(listed(dakar.manager, unit="dakar"))["total"] == 1
    unknown = listed(people.manager, unit="nowhere")
    assert unknown.json()["detail"][0]["loc"] == ["query", "unit"]


def test_an_advisor_opens_cases_for_their_units_entrepreneurs_only(
    client: TestClient, people: People, dakar: OtherUnit
):
    body = {"title": "Solar mill", "sector": "energy", "country": "SN", "summary": "A mill."}
    theirs = {**body, "entrepreneur_id": dakar.entrepreneur.id}
    refused = client.post("/cases", json=theirs, headers=people.advisor.headers)
    assert refused.json()["detail"][0]["loc"] == ["body", "entrepreneur_id"]
    made = ok(client.post("/cases", json=theirs, headers=dakar.advisor.headers), 201)
    assert (made["unit_id"], made["advisor_id"]) == (dakar.id, dakar.advisor.id)


def test_a_case_is_assigned_to_an_advisor_of_its_own_unit_only(
    client: TestClient, people: People, dakar: OtherUnit
):
    there = open_case(client, dakar.entrepreneur)
    url = f"/cases/{there['id']}/advisor"
    refused = client.put(url, json={"advisor_id": people.advisor.id}, headers=dakar.manager.headers)
    assert refused.json()["detail"][0]["loc"] == ["body", "advisor_id"]
    taken = client.put(url, json={"advisor_id": dakar.advisor.id}, headers=people.manager.headers)
    assert ok(taken)["advisor_id"] == dakar.advisor.id


def test_the_tasks_keep_to_the_callers_unit(client: TestClient, people: People, dakar: OtherUnit):
    here = open_case(client, people.entrepreneur)
    there = open_case(client, dakar.entrepreneur)

    def cases_waiting(person: Person) -> set[str]:
        return {t["case_id"] for t in ok(client.get("/tasks", headers=person.headers))["items"]}

    assert cases_waiting(people.advisor) == {here["id"]}
    assert cases_waiting(dakar.advisor) == {there["id"]}
    assert cases_waiting(dakar.manager) == {there["id"]}
    assert cases_waiting(people.manager) == {here["id"], there["id"]}


def test_the_portfolio_is_the_units_for_its_manager_and_compared_for_the_programme(
    client: TestClient, people: People, dakar: OtherUnit
):
    open_case(client, people.entrepreneur)
    open_case(client, people.other_entrepreneur)
    open_case(client, dakar.entrepreneur)

    def report(person: Person, **query: Any) -> Any:
        return client.get("/reports/portfolio", params=query, headers=person.headers)

    programme = ok(report(people.manager))
    assert programme["total_cases"] == 3
    compared = {code: unit["total_cases"] for code, unit in programme["by_unit"].items()}
    assert compared == {"main": 2, "dakar": 1}
    assert programme["by_unit"]["dakar"]["name"] == "Dakar reception unit"
    assert programme["by_unit"]["main"]["by_stage"]["reception"] == 2
    assert ok(report(people.manager, unit="dakar"))["total_cases"] == 1

    theirs = ok(report(dakar.manager))
    assert (theirs["total_cases"], list(theirs["by_unit"])) == (1, ["dakar"])
    assert report(dakar.manager, unit="main").status_code == 403

    csv = client.get("/reports/portfolio.csv", headers=people.manager.headers).text
    assert "by_unit.dakar.total_cases,1" in csv.splitlines()


def test_a_units_own_partners_are_seen_and_matched_by_that_unit_alone(
    client: TestClient, people: People, dakar: OtherUnit
):
    shared = add_partner(client, people.manager, name="CDE")
    programme_made = {"name": "Dakar meso-credit", "kind": "financial", "unit": "dakar"}
    dakars = ok(client.post("/partners", json=programme_made, headers=people.manager.headers), 201)
    unit_made = {"name": "Joal fishers' union", "kind": "technical"}
    own = ok(client.post("/partners", json=unit_made, headers=dakar.manager.headers), 201)
    assert (shared["unit_id"], dakars["unit_id"], own["unit_id"]) == (None, dakar.id, dakar.id)
    elsewhere = {**unit_made, "name": "Elsewhere", "unit": "main"}
    refused = client.post("/partners", json=elsewhere, headers=dakar.manager.headers)
    assert refused.status_code == 403

    def directory(person: Person, **query: Any) -> set[str]:
        return ids(ok(client.get("/partners", params=query, headers=person.headers)))

    assert directory(people.advisor) == {shared["id"]}
    assert directory(dakar.advisor) == {shared["id"], dakars["id"], own["id"]}
    assert directory(people.manager) == {shared["id"], dakars["id"], own["id"]}
    assert directory(people.manager, unit="main") == {shared["id"]}

    here = open_case(client, people.entrepreneur)
    matched = ok(client.get(f"/cases/{here['id']}/partner-matches", headers=people.advisor.headers))
    assert {m["partner_id"] for m in matched} == {shared["id"]}
    consent = {"partner_id": own["id"]}
    url = f"/cases/{here['id']}/consents"
    refused = client.post(url, json=consent, headers=people.entrepreneur.headers)
    assert refused.json()["detail"][0]["loc"] == ["body", "partner_id"]

    retire = {"active": False}
    patch = client.patch
    assert patch(f"/partners/{own['id']}", json=retire, headers=dakar.manager.headers).is_success
    shared_url = f"/partners/{shared['id']}"
    assert patch(shared_url, json=retire, headers=dakar.manager.headers).status_code == 403


def test_a_units_manager_reads_the_access_log_of_their_units_people(
    client: TestClient, people: People, dakar: OtherUnit
):
    here = open_case(client, people.entrepreneur)
    plan = f"/cases/{here['id']}/investment-plan"
    ok(client.put(plan, json=plan_body(), headers=people.entrepreneur.headers))
    ok(client.get(plan, headers=people.advisor.headers))  # a read through a main case
    ok(client.get("/auth/me/profile", headers=dakar.entrepreneur.headers))  # through none

    def subjects(person: Person) -> set[str]:
        entries = ok(client.get("/access-log", headers=person.headers))["items"]
        return {entry["subject_id"] for entry in entries}

    assert subjects(dakar.manager) == {dakar.entrepreneur.id}
    assert subjects(people.manager) == {people.entrepreneur.id, dakar.entrepreneur.id}


# --- the accounts, unit by unit ---------------------------------------------------------


def test_a_units_manager_runs_their_units_accounts_only(
    client: TestClient, people: People, dakar: OtherUnit
):
    theirs = dakar.manager.headers
    listed = ok(client.get("/users", headers=theirs))
    assert {u["email"] for u in listed["items"]} == {
        dakar.advisor.email,
        dakar.manager.email,
        dakar.entrepreneur.email,
    }
    assert {u["unit"]["code"] for u in listed["items"]} == {"dakar"}
    assert client.get("/users", params={"unit": "main"}, headers=theirs).status_code == 403
    of_dakar = ok(client.get("/users", params={"unit": "dakar"}, headers=people.manager.headers))
    assert of_dakar["total"] == 3

    staff = {"email": "awa.b@dakar.example", "password": PASSWORD, "full_name": "Awa Ba"}
    advisor = ok(client.post("/users", json={**staff, "role": "advisor"}, headers=theirs), 201)
    assert advisor["unit"]["code"] == "dakar"
    manager = {**staff, "email": "m@dakar.example", "role": "manager"}
    assert ok(client.post("/users", json=manager, headers=theirs), 201)["unit"]["code"] == "dakar"
    elsewhere = {**staff, "email": "x@dakar.example", "role": "advisor", "unit": "main"}
    assert client.post("/users", json=elsewhere, headers=theirs).status_code == 403

    def change(user_id: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
        return client.patch(f"/users/{user_id}", json=body, headers=headers)

    assert change(people.advisor.id, {"full_name": "Awa N."}, theirs).status_code == 404
    assert change(advisor["id"], {"unit": "main"}, theirs).status_code == 403
    made_programme = change(advisor["id"], {"role": "manager", "unit": None}, theirs)
    assert made_programme.status_code == 403
    assert change(advisor["id"], {"unit": None}, people.manager.headers).status_code == 422

    moved = change(advisor["id"], {"unit": "main"}, people.manager.headers)
    assert ok(moved)["unit"]["code"] == "main"
    promoted = change(dakar.manager.id, {"unit": None}, people.manager.headers)
    assert ok(promoted)["unit"] is None


def test_an_advisor_leaves_a_unit_only_once_its_open_cases_are_handed_over(
    client: TestClient, people: People, dakar: OtherUnit
):
    there = open_case(client, dakar.entrepreneur)
    url = f"/cases/{there['id']}/advisor"
    ok(client.put(url, json={"advisor_id": dakar.advisor.id}, headers=dakar.manager.headers))

    moving = {"unit": "main"}
    advisor = f"/users/{dakar.advisor.id}"
    refused = client.patch(advisor, json=moving, headers=people.manager.headers)
    assert (refused.status_code, refused.json()["field"]) == (409, "unit")
    assert me(client, dakar.advisor)["unit"]["code"] == "dakar"
