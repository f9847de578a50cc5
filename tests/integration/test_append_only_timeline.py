"""The timeline is append-only: the database refuses to rewrite it, and it holds no free text.

What a person wrote (a hold's reason, a title, a milestone, a note) lives in
`case_event_texts`, which an erasure may clear; the event's own row names it `{reason}`.
"""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from casework.timeline_words import in_words
from tests.conftest import People
from tests.journey import ok, open_case

pytestmark = pytest.mark.usefixtures("prefect_server")

REASON = "Waiting for the land title from the cadastre"


def test_the_store_refuses_to_update_or_delete_an_event_even_from_sql(
    client: TestClient, people: People, database: Engine
):
    case_id = open_case(client, people.entrepreneur)["id"]
    for statement in (
        "UPDATE case_events SET summary = 'rewritten'",
        "UPDATE case_events SET at = at",
        "DELETE FROM case_events",
    ):
        with pytest.raises(DatabaseError, match="append-only"), database.begin() as connection:
            connection.execute(text(statement))
    events = ok(client.get(f"/cases/{case_id}/events", headers=people.advisor.headers))
    assert [e["kind"] for e in events] == ["case_opened"]


def test_what_people_wrote_is_kept_apart_and_read_back_in_place(
    client: TestClient, people: People, database: Engine
):
    case = open_case(client, people.entrepreneur)
    advisor = people.advisor.headers
    body = {"to": "on_hold", "reason": REASON}
    ok(client.post(f"/cases/{case['id']}/transitions", json=body, headers=advisor))

    with database.connect() as connection:
        rows = connection.execute(
            text("SELECT kind, summary, detail FROM case_events ORDER BY id")
        ).all()
        texts = connection.execute(
            text("SELECT name, text FROM case_event_texts ORDER BY id")
        ).all()
    assert not any(case["title"] in str(row) or REASON in str(row) for row in rows)
    assert [(kind, summary) for kind, summary, _ in rows] == [
        ("case_opened", "Project proposal received: {title}."),
        ("put_on_hold", "The case was put on hold: {reason}"),
    ]
    assert [tuple(t) for t in texts] == [("title", case["title"]), ("reason", REASON)]

    said = f"The case was put on hold: {REASON}"
    staff = ok(client.get(f"/cases/{case['id']}/events", headers=advisor))
    assert (staff[-1]["summary"], staff[-1]["detail"]["reason"]) == (said, REASON)
    status = ok(client.get(f"/cases/{case['id']}/status", headers=people.entrepreneur.headers))
    assert [e["summary"] for e in status["timeline"]] == [
        f"Project proposal received: {case['title']}.",
        said,
    ]


def test_a_sentence_takes_its_texts_and_leaves_every_other_brace_alone():
    assert in_words("Milestone {milestone} done.", {"milestone": "Buy {the} oven"}) == (
        "Milestone Buy {the} oven done."
    )
    assert in_words("Referral to {Acme} {note}", {"note": "n"}) == "Referral to {Acme} n"
    assert in_words("No texts {reason}", {}) == "No texts {reason}"
