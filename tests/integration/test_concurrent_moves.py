"""Moves and writes of one case racing each other: one change made, never one written over another.

From real threads, over real HTTP: the API served by uvicorn in this process, each
request on a connection of its own, released together by a barrier. From real OS
processes: each started with the `spawn` method, so it shares nothing with the test but
the store and the Prefect test server; it opens its own engine and asks the launcher for
the move as a request would, running the move's flow itself. Either way, one move asked
twice makes one transition, one event and one dossier; writes pinned to the version they
read (an If-Match) make one change, and the others are refused (412) or clash (409).
"""

import contextvars
import multiprocessing
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from prefect.settings import PREFECT_API_URL
from sqlalchemy.engine import Engine
from sqlmodel import select

from api.app import create_app
from casework.actors import Actor
from casework.database import CaseMovedOn, expect_version, get_engine, open_session
from casework.dossier.audience import KEPT_AUDIENCES
from casework.errors import Conflict, GateClosed
from casework.models import Case, CaseEvent, Dossier
from casework.services.cases import CaseCreate, open_case
from casework.services.reception import AssessmentInput, save_assessment
from casework.services.transitions import transition_named
from casework.vocabulary import Role
from flows.launcher import flow_runner, request_transition
from tests.api.test_races import race
from tests.conftest import People

pytestmark = pytest.mark.usefixtures("prefect_server")


def assessed_case(people: People) -> Case:
    """A new case in reception whose support gate is open."""
    advisor = Actor(uuid.UUID(people.advisor.id), Role.ADVISOR)
    with open_session() as session:
        body = CaseCreate(
            title="Solar irrigation pumps",
            sector="energy",
            country="MA",
            summary="Pumps for three villages.",
            entrepreneur_id=uuid.UUID(people.entrepreneur.id),
        )
        case = open_case(body, advisor, session=session)
        assessment = AssessmentInput(
            technical=3, financial=3, motivation=4, training_required=False, decision="proceed"
        )
        save_assessment(case, assessment, advisor, session=session)
        session.commit()
        return case


def what_was_kept(case_id: uuid.UUID) -> tuple[Case, list[str], list[tuple[str, str]]]:
    """The case, the kinds of its events, and its kept copies as (moment, audience)."""
    with open_session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        kinds = session.exec(select(CaseEvent.kind).where(CaseEvent.case_id == case_id)).all()
        copies = session.exec(
            select(Dossier.moment, Dossier.audience).where(Dossier.case_id == case_id)
        ).all()
        return case, list(kinds), sorted((str(m), str(a)) for m, a in copies)


def one_moment(transition: str) -> list[tuple[str, str]]:
    """The copies one move keeps: one per kept audience, of its moment."""
    moment = transition_named(transition).moment
    return sorted((moment, str(audience)) for audience in KEPT_AUDIENCES)


# --- real threads, over real HTTP ----------------------------------------------------------


@pytest.fixture
def served(database: Engine) -> Iterator[str]:
    """The API served by uvicorn on a free local port of this machine: its base URL."""
    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(create_app(), log_level="warning", lifespan="off"))
    # The server's thread runs in this context: Prefect's settings (its test server) live in it.
    thread = threading.Thread(
        target=contextvars.copy_context().run, args=(server.run,), kwargs={"sockets": [listening]}
    )
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), "uvicorn stopped before it started"
        assert time.monotonic() < deadline, "uvicorn did not start in 30 s"
        time.sleep(0.01)
    yield f"http://127.0.0.1:{listening.getsockname()[1]}"
    server.should_exit = True
    thread.join(timeout=60)
    listening.close()


Request = tuple[str, str, dict[str, Any], dict[str, str]]


def at_once(base_url: str, requests: list[Request]) -> list[httpx.Response]:
    """Send each (method, path, body, headers) on a connection of its own, all released together."""
    clients = [httpx.Client(base_url=base_url, timeout=120) for _ in requests]
    for http in clients:  # connected before the start, so the requests themselves overlap
        assert http.get("/health").status_code == 200
    try:
        return race(
            len(requests),
            lambda i: clients[i].request(
                requests[i][0], requests[i][1], json=requests[i][2], headers=requests[i][3]
            ),
        )
    finally:
        for http in clients:
            http.close()


def etag(version: int) -> str:
    return f'"{version}"'


@pytest.mark.parametrize("pinned", [False, True], ids=["unconditional", "both pinned"])
def test_one_move_asked_twice_over_http_at_once_is_made_once(
    served: str, people: People, pinned: bool
):
    case = assessed_case(people)
    headers = dict(people.advisor.headers)
    if pinned:
        headers["If-Match"] = etag(case.version)
    move: Request = ("POST", f"/cases/{case.id}/transitions", {"to": "support"}, headers)

    answers = at_once(served, [move, move])

    # The second finds the move made (200, as without If-Match), or, pinned, the case
    # already moved on when it checked (412); never a second move.
    codes = sorted(a.status_code for a in answers)
    assert codes in ([200, 200], [200, 412]), [a.text for a in answers]
    assert all(a.json()["stage"] == "support" for a in answers if a.status_code == 200)
    moved, kinds, copies = what_was_kept(case.id)
    assert moved.stage == "support"
    assert kinds.count("stage_changed") == 1
    assert copies == one_moment("support")


def test_corrections_pinned_to_one_version_keep_one_and_never_write_over_it(
    served: str, people: People
):
    case = assessed_case(people)
    headers = {**people.entrepreneur.headers, "If-Match": etag(case.version)}
    path = f"/cases/{case.id}"

    answers = at_once(served, [("PATCH", path, {"title": f"Title {i}"}, headers) for i in range(4)])

    codes = sorted(a.status_code for a in answers)
    assert codes[0] == 200, [a.text for a in answers]
    assert set(codes[1:]) <= {409, 412}, [a.text for a in answers]
    [won] = [a.json() for a in answers if a.status_code == 200]
    now, _kinds, _copies = what_was_kept(case.id)
    assert (now.title, now.version) == (won["title"], case.version + 1)


def test_a_move_and_a_correction_pinned_to_one_version_make_one_change(served: str, people: People):
    case = assessed_case(people)
    headers = {**people.advisor.headers, "If-Match": etag(case.version)}
    path = f"/cases/{case.id}"

    moved, corrected = at_once(
        served,
        [
            ("POST", f"{path}/transitions", {"to": "support"}, headers),
            ("PATCH", path, {"title": "Smoked fish"}, headers),
        ],
    )

    # The move's flow starts after its check: the correction usually lands first, and the
    # flow, pinned to the version the request checked, refuses to write over it.
    assert sorted([moved.status_code, corrected.status_code])[0] == 200
    assert {moved.status_code, corrected.status_code} - {200} <= {409, 412}
    now, kinds, copies = what_was_kept(case.id)
    if moved.status_code == 200:
        assert (now.stage, now.title, kinds.count("stage_changed")) == ("support", case.title, 1)
        assert copies == one_moment("support")
    else:
        assert (now.stage, now.title, kinds.count("stage_changed")) == (
            "reception",
            "Smoked fish",
            0,
        )
        assert copies == []


# --- two OS processes ----------------------------------------------------------------------

_SPAWN = multiprocessing.get_context("spawn")
_TIMEOUT_SECONDS = 300


def move_in_a_process(
    case_id: uuid.UUID,
    reference: str,
    transition: str,
    pinned_at: int | None,
    start: Any,
    answers: Any,
) -> None:
    """In a spawned process: ask the launcher for `transition`; what became of it, to `answers`."""
    get_engine().connect().close()  # this process's own engine, connected before the start
    if pinned_at is not None:
        expect_version(case_id, pinned_at)
    start.wait(timeout=_TIMEOUT_SECONDS)
    try:
        outcome = request_transition(
            transition, case_id=case_id, reference=reference, actor_id=None, reason="Harvest."
        )
        answer = "made" if outcome.made else "already made"
    except CaseMovedOn:
        answer = "moved on"
    except GateClosed:
        answer = "gate closed"
    except Conflict:
        answer = "clashed"
    # The moment's copies are printed by this process: done before it goes.
    flow_runner().settle(timeout=_TIMEOUT_SECONDS)
    answers.put((transition, answer))


def in_two_processes(case: Case, moves: list[str], pinned_at: int | None) -> list[tuple[str, str]]:
    """Run each of `moves` in a process of its own, released together; what became of each."""
    start, answers = _SPAWN.Barrier(len(moves)), _SPAWN.Queue()
    processes = [
        _SPAWN.Process(
            target=move_in_a_process,
            args=(case.id, case.reference, move, pinned_at, start, answers),
        )
        for move in moves
    ]
    # A spawned process reads its settings from the environment it starts with: the store's
    # URL and reference prefix are there already (the `database` fixture); Prefect's test
    # server is in this process's settings context only.
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("PREFECT_API_URL", str(PREFECT_API_URL.value()))
        for process in processes:
            process.start()
    made = [answers.get(timeout=_TIMEOUT_SECONDS) for _ in processes]
    for process in processes:
        process.join(timeout=_TIMEOUT_SECONDS)
        assert process.exitcode == 0
    return sorted(made)


def test_one_move_asked_by_two_processes_is_made_once(database: Engine, people: People):
    case = assessed_case(people)

    answers = in_two_processes(case, ["support", "support"], None)

    assert answers == [("support", "already made"), ("support", "made")]
    moved, kinds, copies = what_was_kept(case.id)
    assert moved.stage == "support"
    assert kinds.count("stage_changed") == 1
    assert copies == one_moment("support")


def test_two_moves_pinned_to_one_version_in_two_processes_make_one(
    database: Engine, people: People
):
    case = assessed_case(people)

    answers = dict(in_two_processes(case, ["on_hold", "support"], case.version))

    [made] = [move for move, answer in answers.items() if answer == "made"]
    [other] = [move for move in answers if move != made]
    # Refused where it would write (its flow found the case moved on), or, when the other
    # move shut its gate first, before any flow run of it started.
    assert answers[other] in ("moved on", "gate closed"), answers
    moved, kinds, copies = what_was_kept(case.id)
    assert (moved.stage, moved.status) == (
        ("support", "active") if made == "support" else ("reception", "on_hold")
    )
    assert [kind for kind in kinds if kind in ("stage_changed", "put_on_hold")] == [
        transition_named(made).event_kind
    ]
    assert copies == one_moment(made)
