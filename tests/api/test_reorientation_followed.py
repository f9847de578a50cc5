"""Reorientation is followed: a catalogue of activities, reason codes, outcomes, coming back."""

import pytest
from fastapi.testclient import TestClient

from tests.conftest import People
from tests.dossier_samples import pdf_text
from tests.journey import ok, open_case, printed_dossiers

pytestmark = pytest.mark.usefixtures("prefect_server")

CATALOGUE = "/reorientation-activities"


def _activity(client: TestClient, people: People, title: str, kind: str = "training") -> dict:
    body = {"title": title, "kind": kind, "description": "Evening classes, three months."}
    return ok(client.post(CATALOGUE, json=body, headers=people.manager.headers), 201)


def _reorient(client: TestClient, case_id: str, people: People, **body):
    url = f"/cases/{case_id}/reorientation"
    return client.post(url, json=body, headers=people.advisor.headers)


def test_managers_keep_the_catalogue_and_retire_rather_than_delete(
    client: TestClient, people: People
):
    course = _activity(client, people, "Bookkeeping course")
    _activity(client, people, "Employment services", "employment_services")
    clash = client.post(
        CATALOGUE,
        json={"title": "Bookkeeping course", "kind": "training"},
        headers=people.manager.headers,
    )
    assert (clash.status_code, clash.json()["field"]) == (409, "title")
    assert clash.json()["detail"] == "An activity with this title is already in the catalogue."

    retired = client.patch(
        f"{CATALOGUE}/{course['id']}", json={"active": False}, headers=people.manager.headers
    )
    assert ok(retired)["active"] is False
    offered = ok(
        client.get(CATALOGUE, params={"active": True}, headers=people.entrepreneur.headers)
    )
    assert [a["title"] for a in offered] == ["Employment services"]
    assert len(ok(client.get(CATALOGUE, headers=people.entrepreneur.headers))) == 2

    emptied = client.patch(
        f"{CATALOGUE}/{course['id']}", json={"title": None}, headers=people.manager.headers
    )
    assert (emptied.status_code, emptied.json()["detail"][0]["loc"]) == (422, ["body", "title"])
    unknown = client.patch(
        f"{CATALOGUE}/{people.advisor.id}", json={"active": True}, headers=people.manager.headers
    )
    assert unknown.status_code == 404


def test_a_reorientation_names_its_reason_and_catalogue_activities_and_prints_them(
    client: TestClient, people: People
):
    course = _activity(client, people, "Bookkeeping course")
    retired = _activity(client, people, "Old programme", "other_programme")
    client.patch(
        f"{CATALOGUE}/{retired['id']}", json={"active": False}, headers=people.manager.headers
    )
    case = open_case(client, people.entrepreneur)

    refused = _reorient(
        client, case["id"], people, reason="Too early.", activity_ids=[course["id"], retired["id"]]
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "activity_ids", "1"]
    assert "no longer offered" in refused.json()["detail"][0]["msg"]
    assert ok(client.get(f"/cases/{case['id']}", headers=people.advisor.headers))["status"] == (
        "active"
    )

    moved = ok(
        _reorient(
            client,
            case["id"],
            people,
            reason="Fish prices fell by half.",
            reason_code="not_viable_market",
            suggestions=["Join a cooperative"],
            activity_ids=[course["id"]],
        )
    )
    assert moved["status"] == "reoriented"
    assert moved["reorientation_code"] == "not_viable_market"
    assert moved["reorientation_activity_ids"] == [course["id"]]

    copy = printed_dossiers(client, case["id"], people.entrepreneur)[0]
    url = f"/cases/{case['id']}/dossiers/{copy['id']}.pdf"
    text = pdf_text(client.get(url, headers=people.entrepreneur.headers).content)
    assert "The market is not viable. Fish prices fell by half." in text
    assert "Join a cooperative" in text
    assert "Bookkeeping course" in text


def test_todays_reorientation_body_stays_valid(client: TestClient, people: People):
    case = open_case(client, people.entrepreneur)
    moved = ok(
        _reorient(client, case["id"], people, reason="Market saturated.", suggestions=["Training"])
    )
    assert (moved["status"], moved["reorientation_code"]) == ("reoriented", "other")


def test_what_became_of_a_reoriented_entrepreneur_is_recorded_on_reoriented_cases_only(
    client: TestClient, people: People
):
    course = _activity(client, people, "Bookkeeping course")
    case = open_case(client, people.entrepreneur)
    url = f"/cases/{case['id']}/reorientation/outcome"
    body = {"outcome": "took_up_activity", "activity_id": course["id"], "note": "Enrolled."}
    early = client.post(url, json=body, headers=people.advisor.headers)
    assert early.status_code == 409
    assert "Only a reoriented case" in early.json()["detail"]

    ok(_reorient(client, case["id"], people, reason="Skills first.", reason_code="skills_gap"))
    kept = ok(client.post(url, json=body, headers=people.advisor.headers), 201)
    assert (kept["outcome"], kept["activity_id"], kept["note"]) == (
        "took_up_activity",
        course["id"],
        "Enrolled.",
    )
    assert kept["observed_on"]
    unknown = client.post(
        url, json={**body, "activity_id": people.advisor.id}, headers=people.advisor.headers
    )
    assert (unknown.status_code, unknown.json()["detail"][0]["loc"]) == (
        422,
        ["body", "activity_id"],
    )
    listed = ok(
        client.get(f"/cases/{case['id']}/reorientation/outcomes", headers=people.manager.headers)
    )
    assert [o["id"] for o in listed] == [kept["id"]]
    events = ok(client.get(f"/cases/{case['id']}/events", headers=people.advisor.headers))
    assert "After the reorientation, the entrepreneur took up a suggested activity." in [
        e["summary"] for e in events
    ]


def test_an_entrepreneur_who_comes_back_opens_a_case_linked_to_the_old_one(
    client: TestClient, people: People
):
    old = open_case(client, people.entrepreneur)
    body = {
        "title": "Fish smoking",
        "sector": "agri_food",
        "country": "SN",
        "summary": "Smoked fish for Dakar.",
        "previous_case_id": old["id"],
    }
    too_soon = client.post("/cases", json=body, headers=people.entrepreneur.headers)
    assert too_soon.status_code == 422
    assert too_soon.json()["detail"][0]["loc"] == ["body", "previous_case_id"]

    ok(_reorient(client, old["id"], people, reason="Market saturated."))
    theirs = client.post("/cases", json=body, headers=people.other_entrepreneur.headers)
    assert theirs.status_code == 422, "another entrepreneur's case is not one to come back from"

    new = ok(client.post("/cases", json=body, headers=people.entrepreneur.headers), 201)
    assert new["previous_case_id"] == old["id"]
    status = ok(client.get(f"/cases/{new['id']}/status", headers=people.entrepreneur.headers))
    assert f"It follows case {old['reference']} (reoriented)." in status["timeline"][0]["summary"]
    followed = ok(
        client.get(f"/cases/{old['id']}/reorientation/outcomes", headers=people.advisor.headers)
    )
    assert [(o["outcome"], o["new_case_id"]) for o in followed] == [
        ("came_back_with_a_new_project", new["id"])
    ]
