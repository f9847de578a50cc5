"""A person asks to be forgotten; a manager confirms; nothing of them is left but the counts.

The test writes distinctive texts at every place a person's words go (the case, the
plan's lines, the feasibility study, the timeline's reasons, milestones, notes, the
intake, an advisor's note on a guide for them), erases
the person, and then reads every column of every table of the store for them.
"""

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, LargeBinary, select
from sqlmodel import SQLModel

from tests.conftest import OtherUnit, People
from tests.journey import assess, move, ok, open_case, plan_body, prepare_support

pytestmark = pytest.mark.usefixtures("prefect_server")

TITLE = "Smoked thiof for the Joal market"
HOLD = "Fatou is in Lyon until the harvest festival"
RESUME = "Back from Lyon with the cooperative's letter"
WITHDRAWAL = "My sister Mariama takes over the smokehouse"
INTAKE = {
    "reasons": ["preparing_return"],
    "sector_experience": "Nine winters smoking herring in Boulogne",
    "skills_from_abroad": "Food-safety audits for a Lyon caterer",
    "networks": {
        "family": "Uncle Demba keeps boats at Joal",
        "diaspora_associations": ["Joal-Fadiouth friends of Lyon"],
        "partners_in_contact": ["Smokehouse union of Khelcom"],
    },
    "mobility": "test_period",
}
GUIDE_NOTE = "Fatou's cousin Aby buys nets in Bamako"


def labels(value: Any) -> set[str]:
    """Every line label of a plan body."""
    if isinstance(value, dict):
        own = {value["label"]} if isinstance(value.get("label"), str) else set()
        return own.union(*(labels(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(labels(v) for v in value))
    return set()


def everything_stored(database: Engine) -> tuple[str, list[bytes]]:
    """The text of every row of every table, and every binary value kept."""
    texts, blobs = [], []
    with database.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            binary = [c.name for c in table.c if isinstance(c.type, LargeBinary)]
            for row in connection.execute(select(table)).mappings():
                texts.append(repr(dict(row)))
                blobs += [row[name] for name in binary if row[name] is not None]
    return "\n".join(texts), blobs


def found(words: set[str], stored: str) -> set[str]:
    """The words that appear in what is stored, as written or as JSON escapes them."""
    return {w for w in words if w in stored or json.dumps(w)[1:-1] in stored}


def the_person_in_words(client: TestClient, people: People) -> tuple[str, set[str]]:
    """A case of the entrepreneur's with their words everywhere, withdrawn; the words."""
    advisor, owner = people.advisor, people.entrepreneur
    case = open_case(client, owner, title=TITLE)
    case_id = case["id"]
    assess(client, case_id, advisor)
    move(client, case_id, "support", advisor)
    prepare_support(client, case_id, people)
    path = f"/cases/{case_id}/transitions"
    ok(client.post(path, json={"to": "on_hold", "reason": HOLD}, headers=advisor.headers))
    ok(client.post(path, json={"to": "active", "reason": RESUME}, headers=advisor.headers))
    ok(client.put(f"/cases/{case_id}/intake", json=INTAKE, headers=owner.headers))
    guide = {
        "country": "ML",
        "topic": "other",
        "title": "Buying in Mali",
        "text": "Ask for receipts.",
        "language": "en",
        "checked_on": "2026-01-05",
    }
    made = ok(client.post("/guides", json=guide, headers=people.manager.headers), 201)
    choice = {"guide_id": made["id"], "note": GUIDE_NOTE}
    ok(client.post(f"/cases/{case_id}/guides", json=choice, headers=advisor.headers), 201)
    study = ok(client.get(f"/cases/{case_id}/feasibility", headers=advisor.headers))
    written = {s["text"] for s in study["sections"].values() if len(s["text"]) > 20}
    words = {
        TITLE, case["summary"], HOLD, RESUME, WITHDRAWAL, owner.email, "Fatou Diop",
        *labels(plan_body()), *written, GUIDE_NOTE, INTAKE["sector_experience"],
        INTAKE["skills_from_abroad"], *INTAKE["networks"]["diaspora_associations"],
        INTAKE["networks"]["family"], *INTAKE["networks"]["partners_in_contact"],
    }  # fmt: skip
    return case_id, {w for w in words if w}


def test_erasure_leaves_no_trace_of_the_person_and_the_counts_unchanged(
    client: TestClient, people: People, database: Engine
):
    manager, owner = people.manager.headers, people.entrepreneur.headers
    case_id, words = the_person_in_words(client, people)
    stored, _ = everything_stored(database)
    assert found(words - {WITHDRAWAL}, stored) == words - {WITHDRAWAL}, "the test finds its words"

    asked = ok(client.post("/auth/me/erasure", headers=owner), 201)
    again = ok(client.post("/auth/me/erasure", headers=owner))
    assert (again["id"], again["status"]) == (asked["id"], "requested")
    waiting = ok(client.get("/erasure-requests?status=requested", headers=manager))
    assert [r["id"] for r in waiting["items"]] == [asked["id"]]

    confirm = f"/erasure-requests/{asked['id']}/confirm"
    still_open = client.post(confirm, headers=manager)
    assert still_open.status_code == 409
    (unmet,) = still_open.json()["detail"]["unmet"]
    assert "is still active" in unmet
    assert "withdrawn" in unmet

    withdraw = {"to": "withdrawn", "reason": WITHDRAWAL}
    ok(client.post(f"/cases/{case_id}/transitions", json=withdraw, headers=owner))
    ok(client.get(f"/cases/{case_id}/dossiers", headers=owner))
    before = ok(client.get("/reports/portfolio", headers=manager))

    done = ok(client.post(confirm, headers=manager))
    assert done["status"] == "confirmed"
    assert ok(client.get("/reports/portfolio", headers=manager)) == before

    stored, blobs = everything_stored(database)
    assert found(words, stored) == set()
    assert blobs == [], "a kept dossier still holds the person's print"

    # The person cannot come back with their tokens or their password.
    assert client.get("/auth/me", headers=owner).status_code == 401
    signing_in = {"username": people.entrepreneur.email, "password": "x" * 12}
    assert client.post("/auth/token", data=signing_in).status_code in (400, 401)
    # The case stays, as the unit counts it, with its timeline of events and nothing said.
    case = ok(client.get(f"/cases/{case_id}", headers=manager))
    assert (case["title"], case["status"]) == ("(erased)", "withdrawn")
    events = ok(client.get(f"/cases/{case_id}/events", headers=manager))
    assert "withdrawn" in [e["kind"] for e in events]
    kept = ok(client.get(f"/cases/{case_id}/dossiers", headers=manager))
    assert kept
    assert {d["status"] for d in kept} == {"erased"}
    gone = client.get(f"/cases/{case_id}/dossiers/{kept[0]['id']}.pdf", headers=manager)
    assert gone.status_code == 410
    assert client.post(confirm, headers=manager).status_code == 409


def test_a_manager_declines_with_a_reason_and_the_person_may_ask_again(
    client: TestClient, people: People
):
    manager, owner = people.manager.headers, people.entrepreneur.headers
    asked = ok(client.post("/auth/me/erasure", headers=owner), 201)
    path = f"/erasure-requests/{asked['id']}/decline"
    unexplained = client.post(path, json={}, headers=manager)
    assert unexplained.json()["detail"][0]["loc"] == ["body", "reason"]
    reason = "The grant's files must be kept for ten years."
    declined = ok(client.post(path, json={"reason": reason}, headers=manager))
    assert (declined["status"], declined["reason"]) == ("declined", reason)
    assert client.post(path, json={"reason": reason}, headers=manager).status_code == 409
    assert ok(client.post("/auth/me/erasure", headers=owner), 201)["id"] != asked["id"]
    assert ok(client.get("/auth/me", headers=owner))["full_name"] == "Fatou Diop"
    unknown = client.post("/erasure-requests/7f0c3c52-6c1e-4b43-a3a7-0e2a9a7e6c11/confirm",
                          headers=manager)  # fmt: skip
    assert unknown.status_code == 404


def test_a_units_manager_decides_on_their_units_people_only(
    client: TestClient, people: People, dakar: OtherUnit
):
    mine = ok(client.post("/auth/me/erasure", headers=dakar.entrepreneur.headers), 201)
    theirs = ok(client.post("/auth/me/erasure", headers=people.entrepreneur.headers), 201)
    seen = ok(client.get("/erasure-requests", headers=dakar.manager.headers))
    assert [r["id"] for r in seen["items"]] == [mine["id"]]
    everyone = ok(client.get("/erasure-requests", headers=people.manager.headers))
    assert {r["id"] for r in everyone["items"]} == {mine["id"], theirs["id"]}
    elsewhere = f"/erasure-requests/{theirs['id']}/confirm"
    assert client.post(elsewhere, headers=dakar.manager.headers).status_code == 404
    ok(client.post(f"/erasure-requests/{mine['id']}/confirm", headers=dakar.manager.headers))
