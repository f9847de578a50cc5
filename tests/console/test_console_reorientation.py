"""Reorientation in the console: the catalogue managers keep (and everyone reads, a retired
activity named as retired), and what became of a reoriented case's entrepreneur."""

from typing import Any

import pytest

from tests.console.conftest import form_token, problems_of
from tests.journey import ok, open_case

CATALOGUE = "/reorientation-activities"


def _activity(client, people, title: str, kind: str = "training") -> dict[str, Any]:
    body = {"title": title, "kind": kind, "description": "Evening classes, three months."}
    return ok(client.post(CATALOGUE, json=body, headers=people.manager.headers), 201)


def _catalogue(client, people) -> dict[str, dict[str, Any]]:
    listed = ok(client.get(CATALOGUE, headers=people.advisor.headers))
    return {a["title"]: a for a in listed}


def test_a_manager_adds_an_activity_and_a_refused_one_says_why_beside_its_field(
    console_as, client, people
):
    _activity(client, people, "Employment services", "employment_services")
    console = console_as(people.manager)
    page = console.get("/app/reorientation")
    typed = {"csrf_token": form_token(page.text), "kind": "training", "description": "Weekly."}
    short = console.post("/app/reorientation", data={**typed, "title": "Ab"})
    assert short.status_code == 422
    assert "at least 3 characters" in problems_of(short.text)["title"]
    assert ">Weekly.</textarea>" in short.text
    assert '<option value="training" selected>' in short.text

    taken = console.post("/app/reorientation", data={**typed, "title": "Employment services"})
    assert taken.status_code == 422
    assert "title" in problems_of(taken.text)
    assert 'value="Employment services"' in taken.text
    assert list(_catalogue(client, people)) == ["Employment services"]

    added = console.post("/app/reorientation", data={**typed, "title": "Bookkeeping course"})
    assert added.url.path == "/app/reorientation"
    assert "The activity is in the catalogue." in added.text
    kept = _catalogue(client, people)["Bookkeeping course"]
    assert (kept["kind"], kept["description"], kept["active"]) == ("training", "Weekly.", True)


def test_a_retired_activity_stays_in_the_catalogue_named_as_retired(console_as, client, people):
    course = _activity(client, people, "Bookkeeping course")
    console = console_as(people.manager)
    page = console.get("/app/reorientation")
    change = {
        "csrf_token": form_token(page.text),
        "title": "Bookkeeping course",
        "kind": "training",
        "description": "Evening classes, three months.",
        "active": "false",
    }
    emptied = console.post(f"/app/reorientation/{course['id']}", data={**change, "title": ""})
    assert emptied.status_code == 422
    assert "at least 3 characters" in problems_of(emptied.text)[f"a-{course['id']}.title"]
    assert "<details open>" in emptied.text
    assert _catalogue(client, people)["Bookkeeping course"]["active"] is True

    retired = console.post(f"/app/reorientation/{course['id']}", data=change)
    assert "The activity is changed." in retired.text
    assert _catalogue(client, people)["Bookkeeping course"]["active"] is False
    for reader in (people.advisor, people.entrepreneur):
        seen = console_as(reader).get("/app/reorientation").text
        assert "Bookkeeping course" in seen
        assert "retired: no longer offered" in seen


def test_only_managers_change_the_catalogue(console_as, client, people):
    course = _activity(client, people, "Bookkeeping course")
    advisor = console_as(people.advisor)
    page = advisor.get("/app/reorientation")
    assert page.status_code == 200
    assert "Bookkeeping course" in page.text
    assert "Add an activity" not in page.text
    data = {"csrf_token": form_token(page.text), "title": "Renamed", "kind": "other"}
    assert advisor.post("/app/reorientation", data=data).status_code == 403
    changed = advisor.post(f"/app/reorientation/{course['id']}", data={**data, "active": "false"})
    assert changed.status_code == 403
    assert list(_catalogue(client, people)) == ["Bookkeeping course"]
    assert _catalogue(client, people)["Bookkeeping course"]["active"] is True


def test_a_case_not_reoriented_has_nothing_to_follow(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    console = console_as(people.advisor)
    page = console.get(f"/app/cases/{case['id']}/reorientation")
    assert "This case is not reoriented" in page.text
    data = {"csrf_token": form_token(page.text), "outcome": "employed"}
    refused = console.post(f"/app/cases/{case['id']}/reorientation", data=data)
    assert refused.status_code == 409
    assert "Only a reoriented case" in refused.text
    stranger = console_as(people.other_entrepreneur)
    assert stranger.get(f"/app/cases/{case['id']}/reorientation").status_code == 404


@pytest.mark.usefixtures("prefect_server")
def test_what_became_of_a_reoriented_entrepreneur_is_recorded_as_the_api_keeps_it(
    console_as, client, people
):
    course = _activity(client, people, "Bookkeeping course")
    case = open_case(client, people.entrepreneur)
    body = {
        "reason": "Fish prices fell by half.",
        "reason_code": "not_viable_market",
        "suggestions": ["Join a cooperative"],
        "activity_ids": [course["id"]],
    }
    url = f"/cases/{case['id']}/reorientation"
    ok(client.post(url, json=body, headers=people.advisor.headers))
    console = console_as(people.manager)
    page = console.get("/app" + url)
    assert "The market is not viable. Fish prices fell by half." in page.text
    assert "Join a cooperative" in page.text
    assert "Nothing is recorded yet." in page.text

    typed = {"csrf_token": form_token(page.text), "activity_id": course["id"], "note": "Enrolled."}
    refused = console.post("/app" + url, data=typed)  # what became of them is not said
    assert refused.status_code == 422
    assert "outcome" in problems_of(refused.text)
    assert ">Enrolled.</textarea>" in refused.text
    assert f'<option value="{course["id"]}" selected>' in refused.text

    recorded = console.post("/app" + url, data={**typed, "outcome": "took_up_activity"})
    assert "What became of the entrepreneur is recorded." in recorded.text
    assert "Took up a suggested activity" in recorded.text
    listed = ok(client.get(f"{url}/outcomes", headers=people.advisor.headers))
    assert [(o["outcome"], o["activity_id"], o["note"]) for o in listed] == [
        ("took_up_activity", course["id"], "Enrolled.")
    ]
    owner = console_as(people.entrepreneur)
    assert owner.get("/app" + url).status_code == 403
