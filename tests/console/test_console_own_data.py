"""An entrepreneur's own data on their account page: the same export the API gives, as a file
to keep, and a deliberate request to be forgotten that a manager then finds."""

import json
import re
from datetime import UTC, datetime, timedelta

import time_machine

from tests.console.conftest import form_token
from tests.journey import ok, open_case


def test_the_downloaded_export_is_the_apis_export(console_as, client, people):
    open_case(client, people.entrepreneur)
    console = console_as(people.entrepreneur)
    assert 'href="/app/account/export"' in console.get("/app/account").text
    moment = datetime.now(UTC) + timedelta(minutes=1)  # one instant for both exports
    with time_machine.travel(moment, tick=False):
        downloaded = console.get("/app/account/export")
        api = client.get("/auth/me/export", headers=people.entrepreneur.headers)
    assert downloaded.status_code == 200
    assert downloaded.headers["content-type"] == "application/json"
    disposition = downloaded.headers["content-disposition"]
    name = f"casework-export-{moment.date().isoformat()}.json"
    assert disposition == f'attachment; filename="{name}"'
    assert json.loads(downloaded.text) == ok(api)
    assert json.loads(downloaded.text)["cases"][0]["case"]["title"] == "Cold storage for fish"
    log = ok(client.get("/access-log", headers=people.manager.headers))
    routes = {(e["route"], e["reader_id"]) for e in log["items"]}
    assert ("GET /app/account/export", people.entrepreneur.id) in routes


def test_asking_to_be_forgotten_is_deliberate_and_shows_as_pending(console_as, client, people):
    console = console_as(people.entrepreneur)
    account = console.get("/app/account")
    assert "Here is what happens next" in account.text
    token = form_token(account.text)

    hasty = console.post("/app/account/erasure", data={"csrf_token": token})
    assert hasty.status_code == 422
    assert re.search(r'<p class="problem" id="understood-problem">', hasty.text)
    assert 'aria-describedby="understood-problem"' in hasty.text
    waiting = ok(client.get("/erasure-requests", headers=people.manager.headers))
    assert waiting["total"] == 0

    asked = console.post("/app/account/erasure", data={"csrf_token": token, "understood": "yes"})
    assert asked.url.path == "/app/account"
    assert "Your request to be forgotten is sent." in asked.text
    assert "Your request is waiting for a manager." in asked.text
    assert 'action="/app/account/erasure"' not in asked.text  # no second request to make
    requests = ok(client.get("/erasure-requests", headers=people.manager.headers))
    assert [(r["person_id"], r["status"]) for r in requests["items"]] == [
        (people.entrepreneur.id, "requested")
    ]

    again = console.post("/app/account/erasure", data={"csrf_token": token, "understood": "yes"})
    assert "still waiting" in again.text
    assert ok(client.get("/erasure-requests", headers=people.manager.headers))["total"] == 1


def test_staff_neither_see_nor_make_these_requests(console_as, people):
    advisor = console_as(people.advisor)
    account = advisor.get("/app/account")
    assert "Ask to be forgotten" not in account.text
    assert "/app/account/export" not in account.text
    data = {"csrf_token": form_token(account.text), "understood": "yes"}
    assert advisor.post("/app/account/erasure", data=data).status_code == 403
