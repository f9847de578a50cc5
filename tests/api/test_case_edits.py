"""Correcting a case and assigning its advisor: the edits table decides, and the timeline says."""

from fastapi.testclient import TestClient

from casework.vocabulary import Role
from tests.conftest import People, make_person
from tests.journey import case_at, ok, open_case


def events(client: TestClient, case_id: str, people: People) -> list[dict]:
    return ok(client.get(f"/cases/{case_id}/events", headers=people.advisor.headers))


def test_the_entrepreneur_corrects_their_case_while_it_is_prepared(
    client: TestClient, people: People
):
    case = open_case(client, people.entrepreneur)
    url, owner = f"/cases/{case['id']}", people.entrepreneur.headers
    fixed = ok(
        client.patch(url, json={"title": "Cold room in Mbour", "country": "GM"}, headers=owner)
    )
    assert (fixed["title"], fixed["country"]) == ("Cold room in Mbour", "GM")
    assert fixed["version"] == case["version"] + 1
    corrected = [e for e in events(client, case["id"], people) if e["kind"] == "case_edited"]
    assert [e["summary"] for e in corrected] == ["The case's title, country were corrected."]

    unchanged = ok(client.patch(url, json={"title": "Cold room in Mbour"}, headers=owner))
    assert unchanged["version"] == fixed["version"], "a correction that changes nothing is no event"
    refused = client.patch(url, json={"country": "XX"}, headers=owner)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "country"]


def test_in_linkage_only_staff_correct_the_case(client: TestClient, people: People):
    case = case_at(client, "linkage", people)
    url = f"/cases/{case['id']}"
    late = client.patch(url, json={"summary": "Two rooms."}, headers=people.entrepreneur.headers)
    assert late.status_code == 409
    assert "ask your advisor" in late.json()["detail"]
    assert (
        ok(client.patch(url, json={"summary": "Two rooms."}, headers=people.advisor.headers))[
            "summary"
        ]
        == "Two rooms."
    )


def test_a_reoriented_case_is_closed_to_edits(client: TestClient, people: People):
    case = open_case(client, people.entrepreneur)
    ok(
        client.post(
            f"/cases/{case['id']}/reorientation",
            json={"reason": "The market is saturated", "suggestions": ["Join a cooperative"]},
            headers=people.advisor.headers,
        )
    )
    late = client.patch(
        f"/cases/{case['id']}", json={"title": "Again"}, headers=people.advisor.headers
    )
    assert late.status_code == 409
    assert "reoriented" in late.json()["detail"]


def test_an_advisor_takes_an_unassigned_case_and_a_manager_reassigns_it(
    client: TestClient, people: People
):
    second = make_person("ibou@unit.example", Role.ADVISOR, "Ibou Fall")
    case = open_case(client, people.entrepreneur)
    url = f"/cases/{case['id']}/advisor"
    taken = ok(
        client.put(url, json={"advisor_id": people.advisor.id}, headers=people.advisor.headers)
    )
    assert taken["advisor_id"] == people.advisor.id

    grab = client.put(url, json={"advisor_id": second.id}, headers=second.headers)
    assert grab.status_code == 403
    not_an_advisor = client.put(
        url, json={"advisor_id": people.entrepreneur.id}, headers=people.manager.headers
    )
    assert not_an_advisor.status_code == 422
    moved = ok(client.put(url, json={"advisor_id": second.id}, headers=people.manager.headers))
    assert moved["advisor_id"] == second.id
    assert "Ibou Fall now advises the case." in [
        e["summary"] for e in events(client, case["id"], people)
    ]
