"""Input that used to break the error answer itself: a 422 or 413 that names the field, never a 500.

FastAPI's default 422 repeated the input back, so NaN made it unserialisable, a lone
surrogate made it unencodable, a 10 MB field came back whole and a rejected password
was echoed. Integers past 64 bits overflowed the store.
"""

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import People
from tests.journey import ok, open_case, plan_body

JSON = {"Content-Type": "application/json"}


def raw(client: TestClient, method: str, url: str, text: str, headers: dict[str, str]) -> Any:
    """Send `text` as a JSON body exactly as written (json.dumps would refuse some of it)."""
    return client.request(method, url, content=text.encode(), headers={**headers, **JSON})


def refused_field(response: Any, *loc: str | int) -> dict[str, Any]:
    """The one 422 error about `loc`, checked to carry no input and to say what is expected."""
    assert response.status_code == 422, response.text
    errors = response.json()["detail"]
    assert all(set(e) <= {"loc", "msg", "type", "expected"} for e in errors), errors
    about = [e for e in errors if tuple(e["loc"]) == ("body", *loc)]
    assert about, f"no error names {loc}: {errors}"
    return about[0]


def with_a_plan(client: TestClient, people: People) -> dict[str, Any]:
    """A case in reception whose entrepreneur has saved a first plan."""
    case = open_case(client, people.entrepreneur)
    plan = f"/cases/{case['id']}/investment-plan"
    ok(client.put(plan, json=plan_body(), headers=people.entrepreneur.headers))
    return case


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_plan_amounts_are_refused_naming_the_field(
    client: TestClient, people: People, number: str
):
    plan = f"/cases/{open_case(client, people.entrepreneur)['id']}/investment-plan"
    body = json.dumps(plan_body()).replace('"amount": 9000000', f'"amount": {number}', 1)
    answer = raw(client, "PUT", plan, body, people.entrepreneur.headers)
    error = refused_field(answer, "investments", 0, "amount")
    assert "finite" in error["msg"]
    assert ok(client.get(f"{plan}/versions", headers=people.advisor.headers)) == []


def test_a_non_finite_partner_ticket_is_refused(client: TestClient, people: People):
    body = '{"name": "Fund", "kind": "financial", "ticket_max_eur": Infinity}'
    answer = raw(client, "POST", "/partners", body, people.manager.headers)
    refused_field(answer, "ticket_max_eur")


def test_a_lone_surrogate_in_a_title_is_refused(client: TestClient, people: People):
    body = '{"title": "Caf\\ud800", "sector": "agri_food", "country": "SN", "summary": "x"}'
    answer = raw(client, "POST", "/cases", body, people.entrepreneur.headers)
    assert "surrogate" in refused_field(answer, "title")["msg"]


def test_a_nul_character_in_text_is_refused(client: TestClient, people: People):
    body = '{"title": "Bake\\u0000ry", "sector": "agri_food", "country": "SN", "summary": "x"}'
    answer = raw(client, "POST", "/cases", body, people.entrepreneur.headers)
    assert "NUL" in refused_field(answer, "title")["msg"]


def test_a_nul_character_in_a_sign_in_form_is_refused(client: TestClient):
    answer = client.post("/auth/token", data={"username": "a\x00@mail.example", "password": "x"})
    refused_field(answer, "username")


def test_a_huge_body_gets_a_short_413_even_unauthenticated(client: TestClient):
    body = {"email": "big@mail.example", "password": "a long passphrase", "full_name": "x" * 10**7}
    answer = client.post("/auth/register", json=body)
    assert answer.status_code == 413
    assert len(answer.content) < 200


def test_a_huge_body_declared_by_its_length_is_refused_before_it_is_read(client: TestClient):
    answer = client.post(
        "/auth/register", content=b"{}", headers={**JSON, "Content-Length": str(10**9)}
    )
    assert answer.status_code == 413


def test_a_rejected_password_is_never_echoed(client: TestClient):
    secret = "short!"
    answer = client.post(
        "/auth/register", json={"email": "x@mail.example", "password": secret, "full_name": "Xy"}
    )
    error = refused_field(answer, "password")
    assert secret not in answer.text
    assert error["expected"] == "at least 10 characters or items"


def test_every_422_says_where_why_and_never_repeats_the_input(client: TestClient, people: People):
    case = open_case(client, people.entrepreneur)
    long_text = "y" * 20_000
    body = {"technical": 9, "financial": "three", "motivation": 5, "decision": long_text}
    answer = client.put(
        f"/cases/{case['id']}/assessment", json=body, headers=people.advisor.headers
    )
    assert refused_field(answer, "technical")["expected"] == "at most 5"
    assert refused_field(answer, "financial")["expected"] == "a whole number"
    refused_field(answer, "training_required")
    assert long_text not in answer.text
    assert len(answer.content) < 2_000


@pytest.mark.parametrize(
    "path",
    [
        "/investment-plan/versions/99999999999999999999",
        "/investment-plan/diff?from=1&to=99999999999999999999",
        "/investment-plan/diff?from=-1&to=2",
    ],
)
def test_integers_past_the_store_are_422_not_500(client: TestClient, people: People, path: str):
    case = with_a_plan(client, people)
    answer = client.get(f"/cases/{case['id']}{path}", headers=people.entrepreneur.headers)
    assert answer.status_code == 422, answer.text


def test_a_page_offset_past_the_store_is_422(client: TestClient, people: People):
    answer = client.get("/cases?offset=99999999999999999999", headers=people.advisor.headers)
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["query", "offset"]


def test_an_approval_naming_a_version_past_the_store_is_422(client: TestClient, people: People):
    case = with_a_plan(client, people)
    answer = client.post(
        f"/cases/{case['id']}/investment-plan/approval",
        json={"version": 2**70},
        headers=people.entrepreneur.headers,
    )
    refused_field(answer, "version")


def test_a_json_body_that_is_not_utf8_is_422_not_400(client: TestClient, people: People):
    answer = client.post(
        "/cases", content=b"\xff\xfe{}", headers={**people.entrepreneur.headers, **JSON}
    )
    assert "UTF-8" in refused_field(answer)["msg"]


@pytest.mark.parametrize("depth", [40, 100_000])
def test_json_nested_absurdly_deep_is_422_not_400_or_500(client: TestClient, depth: int):
    body = '{"email": ' + "[" * depth + "]" * depth + "}"
    answer = raw(client, "POST", "/auth/register", body, {})
    assert answer.status_code == 422
    assert "nested deeper" in answer.json()["detail"][0]["msg"]
