"""Scaled mode on one machine: moves submitted as deployment runs, answered while under way.

The unit's flows are registered on a work pool of the test's Prefect server as
`casework worker` registers them; no worker serves the pool until the test runs one
(a real Prefect process worker, once), so a move stays under way for as long as the
test looks at it. With no wait (`CASEWORK_MOVE_WAIT_SECONDS=0`) the API answers 202.
"""

import asyncio
import time
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from prefect.client.orchestration import get_client
from prefect.states import Crashed
from prefect.workers.process import ProcessWorker
from sqlmodel import select

from casework.database import open_session
from casework.models import CaseEvent, Dossier, PendingMove
from casework.settings import get_settings
from flows.recovery import recover
from flows.worker import register
from tests.journey import assess, ok, open_case

pytestmark = pytest.mark.usefixtures("prefect_server")


@pytest.fixture
def scaled(database, monkeypatch):
    """The deployment runner, answering at once, on a pool of this test's own."""
    pool = f"casework-{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("CASEWORK_FLOW_RUNNER", "deployment")
    monkeypatch.setenv("CASEWORK_MOVE_WAIT_SECONDS", "0")
    monkeypatch.setenv("CASEWORK_WORK_POOL", pool)
    get_settings.cache_clear()
    asyncio.run(register(pool))
    yield pool
    get_settings.cache_clear()


def _run_worker_once(pool: str) -> None:
    """A Prefect process worker takes the pool's runs due now, runs them, and stops."""

    # With a limit, a worker started once waits for the runs it took before it stops.
    worker = ProcessWorker(work_pool_name=pool, limit=4)
    asyncio.run(worker.start(run_once=True, printer=lambda *_: None))


def _moves(case_id: str) -> list[PendingMove]:
    with open_session() as session:
        query = select(PendingMove).where(PendingMove.case_id == uuid.UUID(case_id))
        return list(session.exec(query).all())


def _stage_events(case_id: str) -> int:
    with open_session() as session:
        query = select(CaseEvent).where(
            CaseEvent.case_id == uuid.UUID(case_id), CaseEvent.kind == "stage_changed"
        )
        return len(session.exec(query).all())


def test_a_move_not_committed_in_time_is_answered_202_and_shown_under_way(scaled, client, people):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    url = f"/cases/{case['id']}/transitions"

    answer = client.post(url, json={"to": "support"}, headers=people.advisor.headers)

    assert answer.status_code == 202, answer.text
    moving = answer.json()
    assert (moving["stage"], moving["status"]) == ("reception", "active")
    under_way = moving["pending_transition"]
    assert under_way["to"] == "support"
    assert uuid.UUID(under_way["flow_run_id"])
    assert under_way["since"]
    again = client.post(url, json={"to": "support"}, headers=people.advisor.headers)
    assert again.status_code == 202
    assert again.json()["pending_transition"] == under_way, "the second request joins the first"
    other = client.post(
        url, json={"to": "on_hold", "reason": "Travelling"}, headers=people.advisor.headers
    )
    assert other.status_code == 409
    assert "under way" in other.json()["detail"]
    status = ok(client.get(f"/cases/{case['id']}/status", headers=people.entrepreneur.headers))
    assert status["next_steps"][0].startswith("Your case is moving to support")
    assert len(_moves(case["id"])) == 1
    listed = ok(client.get("/cases", headers=people.entrepreneur.headers))["items"]
    assert [c["pending_transition"] for c in listed if c["id"] == case["id"]] == [under_way]

    _run_worker_once(scaled)

    done = ok(client.get(f"/cases/{case['id']}", headers=people.advisor.headers))
    assert (done["stage"], done["pending_transition"]) == ("support", None)
    listed = ok(client.get("/cases", headers=people.entrepreneur.headers))["items"]
    assert [c["pending_transition"] for c in listed if c["id"] == case["id"]] == [None]
    (move,) = _moves(case["id"])
    assert (move.submissions, move.outcome["stage"], move.inputs) == (1, "support", {})
    assert _stage_events(case["id"]) == 1
    status = ok(client.get(f"/cases/{case['id']}/status", headers=people.entrepreneur.headers))
    assert not any("moving" in step for step in status["next_steps"])


def test_what_people_wrote_reaches_the_run_through_the_store_and_leaves_it_once_made(
    scaled, client, people
):
    case = open_case(client, people.entrepreneur)
    url = f"/cases/{case['id']}/transitions"
    body = {"to": "on_hold", "reason": "ZQX travelling until March"}
    assert client.post(url, json=body, headers=people.advisor.headers).status_code == 202
    (move,) = _moves(case["id"])
    assert move.inputs == {"reason": "ZQX travelling until March"}

    async def parameters() -> dict:
        async with get_client() as prefect:
            return (await prefect.read_flow_run(move.flow_run_id)).parameters

    assert "ZQX" not in str(asyncio.run(parameters()))

    _run_worker_once(scaled)

    held = ok(client.get(f"/cases/{case['id']}", headers=people.advisor.headers))
    assert held["status"] == "on_hold"
    (move,) = _moves(case["id"])
    assert move.inputs == {}
    events = ok(client.get(f"/cases/{case['id']}/events", headers=people.advisor.headers))
    assert any("ZQX travelling until March" in event["summary"] for event in events)


def test_a_move_whose_run_crashed_is_submitted_again_and_made_once(scaled, client, people):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    url = f"/cases/{case['id']}/transitions"
    assert (
        client.post(url, json={"to": "support"}, headers=people.advisor.headers).status_code == 202
    )
    (move,) = _moves(case["id"])
    first_run = move.flow_run_id

    async def crash() -> None:
        async with get_client() as prefect:
            await prefect.set_flow_run_state(first_run, Crashed(message="worker lost"), force=True)

    asyncio.run(crash())
    recovered = recover()

    assert recovered.moves == [move.id]
    (move,) = _moves(case["id"])
    assert (move.submissions, move.finished_at) == (2, None)
    assert move.flow_run_id != first_run
    assert recover().moves == [], "a move submitted again is not submitted a third time"

    _run_worker_once(scaled)

    (move,) = _moves(case["id"])
    assert move.finished_at is not None
    assert _stage_events(case["id"]) == 1
    with open_session() as session:
        kept = session.exec(select(Dossier).where(Dossier.case_id == uuid.UUID(case["id"]))).all()
    assert len(kept) == 2


def test_a_move_pinned_to_a_version_is_made_only_from_it_by_its_run(scaled, client, people):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    url = f"/cases/{case['id']}/transitions"
    seen = client.get(f"/cases/{case['id']}", headers=people.advisor.headers).headers["ETag"]
    pinned = {**people.advisor.headers, "If-Match": seen}
    assert client.post(url, json={"to": "support"}, headers=pinned).status_code == 202
    (move,) = _moves(case["id"])
    assert move.inputs == {"if_version": int(seen.strip('"'))}
    # Someone changes the case before the run comes to write it.
    assess(client, case["id"], people.advisor)
    changed = ok(client.get(f"/cases/{case['id']}", headers=people.advisor.headers))
    assert changed["version"] > int(seen.strip('"'))

    _run_worker_once(scaled)

    after = ok(client.get(f"/cases/{case['id']}", headers=people.advisor.headers))
    assert (after["stage"], after["version"], after["pending_transition"]) == (
        "reception",
        changed["version"],
        None,
    )
    (move,) = _moves(case["id"])
    assert move.outcome["moved_on"] == changed["version"]
    assert _stage_events(case["id"]) == 0
    # Read again, the same request pinned to the version now is made.
    pinned["If-Match"] = f'"{changed["version"]}"'
    assert client.post(url, json={"to": "support"}, headers=pinned).status_code == 202
    _run_worker_once(scaled)
    moved = ok(client.get(f"/cases/{case['id']}", headers=people.advisor.headers))
    assert (moved["stage"], moved["pending_transition"]) == ("support", None)
    assert _stage_events(case["id"]) == 1


def test_a_pinned_move_whose_case_moved_on_while_the_request_waited_answers_412(
    scaled, client, people, monkeypatch
):
    monkeypatch.setenv("CASEWORK_MOVE_WAIT_SECONDS", "120")
    get_settings.cache_clear()
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    url = f"/cases/{case['id']}/transitions"
    seen = client.get(f"/cases/{case['id']}", headers=people.advisor.headers).headers["ETag"]
    pinned = {**people.advisor.headers, "If-Match": seen}

    with ThreadPoolExecutor(1) as requests:
        asked = requests.submit(client.post, url, json={"to": "support"}, headers=pinned)
        while not any(move.flow_run_id for move in _moves(case["id"])):
            assert not asked.done(), asked.result().text
            time.sleep(0.05)
        assess(client, case["id"], people.advisor)  # the case changes while the request waits
        _run_worker_once(scaled)
        answer = asked.result(timeout=120)

    now = ok(client.get(f"/cases/{case['id']}", headers=people.advisor.headers))
    assert answer.status_code == 412, answer.text
    assert answer.json()["current_version"] == now["version"]
    assert answer.headers["ETag"] == f'"{now["version"]}"'
    assert (now["stage"], now["pending_transition"]) == ("reception", None)
    assert _stage_events(case["id"]) == 0


def test_a_move_whose_runs_keep_dying_is_given_up_unmade_and_can_be_asked_again(
    scaled, client, people, monkeypatch
):
    monkeypatch.setenv("CASEWORK_MOVE_ATTEMPTS", "2")
    get_settings.cache_clear()
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    url = f"/cases/{case['id']}/transitions"
    headers = people.advisor.headers
    assert client.post(url, json={"to": "support"}, headers=headers).status_code == 202

    async def crash(run_id: uuid.UUID) -> None:
        async with get_client() as prefect:
            await prefect.set_flow_run_state(run_id, Crashed(message="worker lost"), force=True)

    (move,) = _moves(case["id"])
    asyncio.run(crash(move.flow_run_id))
    assert recover().moves == [move.id]  # the second attempt
    (move,) = _moves(case["id"])
    asyncio.run(crash(move.flow_run_id))

    recovered = recover()

    assert (recovered.moves, recovered.given_up) == ([], [move.id])
    (move,) = _moves(case["id"])
    assert move.finished_at is not None
    assert move.outcome == {"gave_up": 2}
    seen = ok(client.get(f"/cases/{case['id']}", headers=headers))
    assert (seen["stage"], seen["pending_transition"]) == ("reception", None)
    assert _stage_events(case["id"]) == 0
    status = ok(client.get(f"/cases/{case['id']}/status", headers=people.entrepreneur.headers))
    assert "technical fault stopped the move to support" in status["timeline"][-1]["summary"]
    assert recover().moves == [], "a move given up is not submitted again"

    again = client.post(url, json={"to": "support"}, headers=headers)
    assert again.status_code == 202, again.text
    assert len(_moves(case["id"])) == 2
