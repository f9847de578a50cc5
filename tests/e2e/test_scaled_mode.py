"""Scaled mode end to end: the API, two workers and a Prefect server on PostgreSQL.

Every move is a deployment run a worker takes; the tests read what people see (the
API), what managers see (Prefect's runs) and what the store keeps. The last test kills
the worker running a move between the move's work and its commit, and watches the
move complete on the other worker, once. Runs only where PostgreSQL is (CI's second
pass): `CASEWORK_TEST_POSTGRES_URL`.
"""

import os
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

from casework.vocabulary import Role, Stage
from journey import steps
from journey.over_http import HttpDriver, open_case
from tests.conftest import POSTGRES_URL, postgres_schema
from tests.e2e.scaled_unit import PASSWORD, STAFF, ScaledUnit, prefect_database, scaled_unit

pytestmark = pytest.mark.skipif(
    not POSTGRES_URL, reason="scaled mode runs on PostgreSQL: set CASEWORK_TEST_POSTGRES_URL"
)

LEASE_SECONDS = 30


@pytest.fixture(scope="module")
def unit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ScaledUnit]:
    assert POSTGRES_URL
    folder = tmp_path_factory.mktemp("scaled")
    with (
        postgres_schema() as store,
        prefect_database(POSTGRES_URL) as prefect,
        scaled_unit(
            folder,
            store,
            prefect,
            # A slow machine's run start must not turn these moves into 202s.
            CASEWORK_MOVE_WAIT_SECONDS="240",
            CASEWORK_MOVE_LEASE_SECONDS=str(LEASE_SECONDS),
        ) as running,
    ):
        yield running


@pytest.fixture(scope="module")
def store(unit: ScaledUnit) -> Iterator[Engine]:
    engine = create_engine(unit.store_url)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def http(unit: ScaledUnit) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=unit.api, timeout=300) as client:
        yield client


def _signed_in(http: httpx.Client, email: str) -> dict[str, str]:
    answer = http.post("/auth/token", data={"username": email, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def _driver(http: httpx.Client) -> HttpDriver:
    """A new entrepreneur's new case, driven by them and the unit's staff."""
    email = f"e{uuid.uuid4().hex[:10]}@mail.example"
    body = {"email": email, "full_name": "Fatou Diop", "password": PASSWORD}
    assert http.post("/auth/register", json=body).status_code == 201
    headers = {
        Role.ENTREPRENEUR: _signed_in(http, email),
        Role.ADVISOR: _signed_in(http, STAFF["advisor"]),
        Role.MANAGER: _signed_in(http, STAFF["manager"]),
    }
    return HttpDriver(http, open_case(http, headers[Role.ENTREPRENEUR]), headers)


def _post(
    driver: HttpDriver, path: str, body: dict[str, Any], by: Role = Role.ADVISOR
) -> dict[str, Any]:
    url = f"/cases/{driver.case['id']}{path}"
    answer = driver.client.post(url, json=body, headers=driver.headers[by])
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def _rows(store: Engine, sql: str, **values: Any) -> list[Any]:
    with store.connect() as connection:
        return list(connection.execute(text(sql), values).all())


def _runs(unit: ScaledUnit, reference: str) -> list[dict[str, Any]]:
    body = {"flow_runs": {"tags": {"all_": [f"case:{reference}"]}}}
    answer = httpx.post(f"{unit.prefect_api}/flow_runs/filter", json=body, timeout=30)
    return list(answer.json())


def test_every_move_is_a_deployment_run_taken_by_a_worker(unit, http, store):
    travelled = _driver(http)
    steps.take_case(travelled, Stage.COMPLETED)
    assert (travelled.case["stage"], travelled.case["status"]) == ("completed", "completed")
    assert travelled.case["pending_transition"] is None

    paused = _driver(http)
    held = _post(paused, "/transitions", {"to": "on_hold", "reason": "Back in March"})
    assert held["status"] == "on_hold"
    resumed = _post(paused, "/transitions", {"to": "active", "reason": "Back now"})
    assert resumed["status"] == "active"
    withdrawn = _post(paused, "/transitions", {"to": "withdrawn"}, by=Role.ENTREPRENEUR)
    assert withdrawn["status"] == "withdrawn"

    reoriented = _driver(http)
    steps.prepare(reoriented, Stage.SUPPORT)
    body = {"reason": "A training first", "suggestions": ["Bookkeeping course"]}
    assert _post(reoriented, "/reorientation", body)["status"] == "reoriented"

    reference = travelled.case["reference"]
    runs = _runs(unit, reference)
    names = {run["name"].removesuffix(f"-{reference}").split(f"-{reference}-")[0] for run in runs}
    assert {"support", "linkage", "send-referral", "follow-up", "completed"} <= names
    assert {"render-dossier", "render-referral-dossier"} <= names
    for run in runs:
        assert run["deployment_id"] is not None, run["name"]
        assert run["work_pool_name"] == "casework", run["name"]
    # What people wrote went to the case store, never to Prefect, and left the moves.
    everything = str(_runs(unit, paused.case["reference"]))
    assert "Back in March" not in everything
    assert _rows(store, "SELECT count(*) FROM pending_moves WHERE finished_at IS NULL") == [(0,)]
    kept = _rows(store, "SELECT inputs FROM pending_moves")
    assert all(inputs in ({}, "{}") for (inputs,) in kept), kept
    # ... where the event names it, and keeps it beside itself, for an erasure to clear.
    held_line = _rows(
        store,
        "SELECT e.summary, t.text FROM case_events e JOIN case_event_texts t ON t.event_id = e.id"
        " WHERE e.case_id = :id AND e.kind = 'put_on_hold' AND t.name = 'reason'",
        id=paused.case["id"],
    )
    assert len(held_line) == 1
    assert held_line[0][0] == "The case was put on hold: {reason}"
    assert "Back in March" in held_line[0][1]
    printed = steps_printed(http, travelled)
    assert [d["stage"] for d in printed] == ["support", "linkage", "follow_up", "completed"]


def steps_printed(http: httpx.Client, driver: HttpDriver) -> list[dict[str, Any]]:
    """The entrepreneur's kept copies, once every one is printed (by the workers)."""
    url = f"/cases/{driver.case['id']}/dossiers"
    deadline = time.monotonic() + 300
    while True:
        kept = http.get(url, headers=driver.headers[Role.ENTREPRENEUR]).json()
        if kept and all(d["status"] == "ready" for d in kept):
            return list(kept)
        assert time.monotonic() < deadline, f"copies never printed: {kept}"
        time.sleep(1)


def _engine_of(run_id: str) -> int | None:
    """The pid of the process running the flow run `run_id` (a worker's child), if any."""
    wanted = f"PREFECT__FLOW_RUN_ID={run_id}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if wanted in (entry / "environ").read_bytes().split(b"\0"):
                return int(entry.name)
        except OSError:
            continue
    return None


def _parent(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("PPid:")).split()[1])


def test_a_worker_killed_before_the_commit_leaves_nothing_half_done_and_the_move_completes(
    unit, http, store
):
    driver = _driver(http)
    steps.prepare(driver, Stage.SUPPORT)
    case_id = driver.case["id"]
    answers: list[httpx.Response] = []
    headers = driver.headers[Role.ADVISOR]
    with store.connect() as holder:
        # The case's row held against updates: the run does its work, then waits to write
        # the case's move and commit (rows referring to the case may still be added).
        lock = text("SELECT id FROM cases WHERE id = :id FOR NO KEY UPDATE")
        holder.execute(lock, {"id": case_id})
        asking = threading.Thread(
            target=lambda: answers.append(
                http.post(f"/cases/{case_id}/transitions", json={"to": "support"}, headers=headers)
            )
        )
        asking.start()
        run_id, engine = _run_taken(store, case_id)
        worker = next(n for n, p in unit.processes.items() if p.pid == _parent(engine))
        os.kill(engine, 9)
        unit.kill(worker)
        assert _rows(store, "SELECT stage FROM cases WHERE id = :id", id=case_id) == [
            ("reception",)
        ]
        holder.rollback()
    asking.join(timeout=400)

    assert [answer.status_code for answer in answers] == [200], [a.text for a in answers]
    assert answers[0].json()["stage"] == "support"
    moves = _rows(
        store,
        "SELECT count(*) FROM case_events WHERE case_id = :id AND kind = 'stage_changed'",
        id=case_id,
    )
    assert moves == [(1,)]
    assert _rows(store, "SELECT count(*) FROM dossiers WHERE case_id = :id", id=case_id) == [(2,)]
    ((submissions, finished),) = _rows(
        store, "SELECT submissions, finished_at FROM pending_moves WHERE case_id = :id", id=case_id
    )
    assert submissions == 2
    assert finished is not None
    states = {run["id"]: run["state_type"] for run in _runs(unit, driver.case["reference"])}
    assert states[run_id] == "CRASHED"


def _run_taken(store: Engine, case_id: str) -> tuple[str, int]:
    """The run that took the case's move, once it has, and the pid of its process."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        taken = _rows(
            store,
            "SELECT flow_run_id FROM pending_moves WHERE case_id = :id AND lease_until IS NOT NULL",
            id=case_id,
        )
        if taken and (engine := _engine_of(str(taken[0][0]))) is not None:
            return str(taken[0][0]), engine
        time.sleep(0.2)
    raise AssertionError("no worker took the move")
