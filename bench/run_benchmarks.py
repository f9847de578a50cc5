"""What casework adds on top of its stack: one run, a throwaway unit, a real Prefect server.

Run with `make bench` or `.venv/bin/python bench/run_benchmarks.py [--repeats N]`.
Everything lives in a temporary folder (case store, PREFECT_HOME, server log) and
on 127.0.0.1; the Prefect server started here is stopped at the end, also on error.
See bench/README.md for what each number means.
"""

import argparse
import asyncio
import contextlib
import functools
import inspect
import logging
import math
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

QUIET_PREFECT = {
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
}
SERVER_START_TIMEOUT_S = 120.0
SERVER_STOP_TIMEOUT_S = 15.0
HTTP_TIMEOUT_S = 120.0
SLOW_TRANSITION_S = 1.5
ONE_PARAGRAPH = "<html><body><p>One paragraph of text, laid out by WeasyPrint.</p></body></html>"


# --------------------------------------------------------------------------- statistics


def p90(samples: list[float]) -> float:
    """Nearest-rank 90th percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


@dataclass
class Row:
    """One measured thing: its samples in seconds."""

    label: str
    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def fmt(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:8.3f} s "
    return f"{seconds * 1000:8.1f} ms"


SHOW_SAMPLES = False


def print_rows(title: str, rows: list[Row]) -> None:
    width = max(len(r.label) for r in rows)
    print(f"\n{title}")
    print(f"  {'measure':<{width}}  {'n':>4}  {'median':>11}  {'p90':>11}")
    for row in rows:
        n, median, high = len(row.samples), fmt(row.median), fmt(p90(row.samples))
        print(f"  {row.label:<{width}}  {n:>4}  {median}  {high}")
        if SHOW_SAMPLES:
            print("      samples (s): " + " ".join(f"{x:.3f}" for x in row.samples))


def print_ratio(label: str, top: Row, bottom: Row) -> None:
    print(f"  ratio {label}: {top.median / bottom.median:.1f}x (medians)")


def measure(
    label: str, func: Callable[[], Any], *, repeats: int, warmup: int, before: Callable[[], Any]
) -> Row:
    """Call `func` warmup + repeats times; `before()` (untimed) prepares each call."""
    row = Row(label)
    for i in range(warmup + repeats):
        before()
        start = time.perf_counter()
        func()
        elapsed = time.perf_counter() - start
        if i >= warmup:
            row.samples.append(elapsed)
    return row


def nothing() -> None:
    return None


# --------------------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_prefect_server(home: Path) -> tuple[subprocess.Popen[bytes], int, float]:
    """`prefect server start` on a free port; (process, port, seconds until healthy)."""
    port = free_port()
    prefect = Path(sys.executable).with_name("prefect")
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    # Log each 503 the server answers (database locked), so the run can say where they came from.
    env.update(QUIET_PREFECT, PREFECT_HOME=str(home), PREFECT_API_LOG_RETRYABLE_ERRORS="true")
    log = (home.parent / "prefect-server.log").open("wb")
    started = time.perf_counter()
    server = subprocess.Popen(
        [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        start_new_session=True,  # its own process group, so its children stop with it
    )
    health = f"http://127.0.0.1:{port}/api/health"
    deadline = time.monotonic() + SERVER_START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"The Prefect server exited at start ({server.returncode}).")
        try:
            if httpx.get(health, timeout=2).status_code == 200:
                return server, port, time.perf_counter() - started
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    stop_process_group(server)
    raise RuntimeError(f"The Prefect server did not answer within {SERVER_START_TIMEOUT_S:.0f} s.")


def stop_process_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the group this script started, then SIGKILL it if it lingers."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=SERVER_STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=SERVER_STOP_TIMEOUT_S)


@contextlib.contextmanager
def served(app: Any) -> Iterator[str]:
    """Serve an ASGI app with uvicorn in a background thread on 127.0.0.1; yield its base URL."""
    import uvicorn

    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


# --------------------------------------------------------------------------- the unit


@dataclass(frozen=True)
class Person:
    id: uuid.UUID
    headers: dict[str, str]


def make_person(email: str, role: Any, full_name: str) -> Person:
    """An account straight in the store with a signed token (as tests/conftest.py does)."""
    from api.tokens import issue_token
    from casework.database import open_session
    from casework.models import User
    from casework.passwords import hash_password
    from casework.services.users import ProfileInput, save_profile
    from casework.vocabulary import Gender, Role

    with open_session() as session:
        user = User(
            email=email,
            full_name=full_name,
            role=role,
            password_hash=hash_password("a long bench password"),
        )
        session.add(user)
        session.flush()
        if role == Role.ENTREPRENEUR:
            save_profile(user, ProfileInput(gender=Gender.WOMAN, diaspora=True), session=session)
        session.commit()
        token = issue_token(user.id)
        return Person(user.id, {"Authorization": f"Bearer {token}"})


def ok(response: httpx.Response, status: int = 200) -> Any:
    if response.status_code != status:
        raise RuntimeError(f"{response.request.method} {response.request.url}: {response.text}")
    return response.json()


def plan_body() -> dict[str, Any]:
    """The cold-room plan of DESIGN.md §6."""
    from casework.investment_plan.examples import design_example

    return design_example()


SECTIONS = (
    "market",
    "technical",
    "organisation",
    "legal",
    "environmental_social",
    "financial",
    "risks",
)


@dataclass(frozen=True)
class Unit:
    client: httpx.Client
    advisor: Person
    manager: Person
    entrepreneur: Person

    def case_ready_for_support(self) -> str:
        """A new case in reception whose gate to support is open (assessed: proceed)."""
        case = ok(
            self.client.post(
                "/cases",
                json={
                    "title": "Cold storage for fish",
                    "sector": "agri_food",
                    "country": "SN",
                    "summary": "A cold room in Mbour so that fishers can sell at better prices.",
                },
                headers=self.entrepreneur.headers,
            ),
            201,
        )
        assessment = {
            "technical": 4,
            "financial": 3,
            "motivation": 5,
            "training_required": False,
            "decision": "proceed",
            "notes": "Experienced in fish trade.",
        }
        ok(
            self.client.put(
                f"/cases/{case['id']}/assessment", json=assessment, headers=self.advisor.headers
            )
        )
        return str(case["id"])

    def move(self, case_id: str, to: str) -> None:
        ok(
            self.client.post(
                f"/cases/{case_id}/transitions", json={"to": to}, headers=self.advisor.headers
            )
        )

    def add_partner(self, name: str, kind: str) -> None:
        body = {
            "name": name,
            "kind": kind,
            "services": ["feasibility studies", "credit"],
            "sectors": [],
            "countries": [],
        }
        ok(self.client.post("/partners", json=body, headers=self.manager.headers), 201)

    def case_in_linkage(self) -> str:
        """A case taken through real flows to linkage: approved plan, feasibility, matches."""
        case_id = self.case_ready_for_support()
        self.move(case_id, "support")
        ent, adv = self.entrepreneur.headers, self.advisor.headers
        ok(self.client.put(f"/cases/{case_id}/investment-plan", json=plan_body(), headers=ent))
        ok(self.client.post(f"/cases/{case_id}/investment-plan/approval", headers=ent))
        sections = {k: {"text": f"{k} analysed", "status": "complete"} for k in SECTIONS}
        feasibility = {"sections": sections, "conclusion": "viable"}
        ok(self.client.put(f"/cases/{case_id}/feasibility", json=feasibility, headers=adv))
        self.move(case_id, "linkage")
        return case_id


# --------------------------------------------------------------------------- breakdown


class StepClock:
    """Timing wrappers patched onto attributes for the breakdown pass only, then undone."""

    def __init__(self) -> None:
        self.samples: dict[str, list[float]] = defaultdict(list)
        self._lock = threading.Lock()
        self._undo: list[tuple[Any, str, Any]] = []

    def _record(self, label: str, elapsed: float) -> None:
        with self._lock:
            self.samples[label].append(elapsed)

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)
        record = self._record

        if inspect.iscoroutinefunction(original):

            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                start = time.perf_counter()
                try:
                    return await original(*args, **kwargs)
                finally:
                    record(label, time.perf_counter() - start)

            replacement: Any = timed_async
        else:

            def timed(*args: Any, **kwargs: Any) -> Any:
                start = time.perf_counter()
                try:
                    return original(*args, **kwargs)
                finally:
                    record(label, time.perf_counter() - start)

            replacement = timed
        if inspect.isfunction(original):
            # Prefect reads a task body's signature and source through __wrapped__.
            functools.update_wrapper(replacement, original)
        self._undo.append((owner, name, original))
        setattr(owner, name, replacement)

    def undo(self) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)
        self._undo.clear()

    def reset(self) -> None:
        self.samples.clear()


FLOW_RUN = "flow run enter-support, whole (asyncio.run)"
PREFLIGHT = "pre-flight gate check (launcher, request thread)"
TASK_CALLS = ("task check-gate", "task render-dossier", "task commit-transition")
TASK_BODIES = ("  body: gate check", "  body: dossier", "  body: commit")
REPORT = "markdown artifact (_report)"
SSL_CONTEXT = "ssl context of a new Prefect API client"


def instrument(clock: StepClock) -> list[tuple[str, str]]:
    """Patch the steps of a transition; (label, indent) in the order they happen."""
    import ssl

    import flows.launcher as launcher
    import flows.stage_flows as stage_flows
    import flows.tasks as tasks

    steps = [
        (launcher, "check", PREFLIGHT, ""),
        (launcher, "run_transition", FLOW_RUN, ""),
        # the Task objects the flow calls (the call includes Prefect's task-run work) ...
        (stage_flows, "check_gate", TASK_CALLS[0], "  "),
        # ... and the plain functions Prefect runs inside them
        (tasks.check_gate, "fn", TASK_BODIES[0], "  "),
        (stage_flows, "render_moment_dossier", TASK_CALLS[1], "  "),
        (tasks.render_moment_dossier, "fn", TASK_BODIES[1], "  "),
        (tasks, "gather_dossier", "gather_dossier", "      "),
        (tasks, "render_kept_dossier", "render_kept_dossier (Jinja + WeasyPrint)", "      "),
        (stage_flows, "commit_transition", TASK_CALLS[2], "  "),
        (tasks.commit_transition, "fn", TASK_BODIES[2], "  "),
        (stage_flows, "_report", REPORT, "  "),
        (ssl, "create_default_context", SSL_CONTEXT, "  "),
    ]
    for owner, name, label, _ in steps:
        clock.wrap(owner, name, label)
    return [(label, indent) for _, _, label, indent in steps]


REQUEST = "POST /transitions, client side"


@dataclass
class Breakdown:
    """For each instrumented request: the summed time and the call count of every step."""

    order: list[tuple[str, str]]
    requests: list[dict[str, float]] = field(default_factory=list)
    calls: list[dict[str, int]] = field(default_factory=list)

    def take(self, clock: StepClock, request_s: float) -> None:
        sums = {label: sum(samples) for label, samples in clock.samples.items()}
        sums[REQUEST] = request_s
        self.requests.append(sums)
        self.calls.append({label: len(samples) for label, samples in clock.samples.items()})

    def column(self, label: str) -> list[float]:
        return [request.get(label, 0.0) for request in self.requests]


def print_breakdown(breakdown: Breakdown) -> None:
    runs = len(breakdown.requests)
    print(f"\n  breakdown of one transition (separate instrumented pass, {runs} requests)")
    print("    time per request: median and p90 over the requests; calls per request")
    rows = [(REQUEST, ""), *breakdown.order]
    width = max(len(indent + label) for label, indent in rows) + 2
    print(f"    {'step':<{width}}  {'calls':>5}  {'median':>11}  {'p90':>11}")
    for label, indent in rows:
        values = breakdown.column(label)
        calls = statistics.median(
            c.get(label, 1 if label == REQUEST else 0) for c in breakdown.calls
        )
        print(
            f"    {indent + label:<{width}}  {calls:>5g}  {fmt(statistics.median(values))}"
            f"  {fmt(p90(values))}"
        )

    def derived(request: dict[str, float]) -> list[tuple[str, float]]:
        flow = request.get(FLOW_RUN, 0.0)
        preflight = request.get(PREFLIGHT, 0.0)
        calls = sum(request.get(k, 0.0) for k in TASK_CALLS)
        bodies = sum(request.get(k, 0.0) for k in TASK_BODIES)
        return [
            (
                "Prefect flow-run work (flow run − task calls − artifact)",
                flow - calls - request.get(REPORT, 0.0),
            ),
            ("Prefect task-run work (task calls − their bodies)", calls - bodies),
            ("  within these two: ssl contexts of new API clients", request.get(SSL_CONTEXT, 0.0)),
            ("casework's own work (task bodies + pre-flight check)", bodies + preflight),
            (
                "HTTP, auth, session, response (request − flow − pre-flight)",
                request[REQUEST] - flow - preflight,
            ),
        ]

    table = [derived(request) for request in breakdown.requests]
    median_request = statistics.median(breakdown.column(REQUEST))
    print("    derived, median over the requests (share of the median request):")
    label_width = max(len(label) for label, _ in table[0])
    for i, (label, _) in enumerate(table[0]):
        value = statistics.median(row[i][1] for row in table)
        print(f"      {label:<{label_width}}  {fmt(value)}  {100 * value / median_request:5.1f} %")


class RetryCounter(logging.Filter):
    """Counts the Prefect client's retries (e.g. 503 'database is locked'), per phase."""

    def __init__(self) -> None:
        super().__init__()
        self.phase = "setup"
        self.counts: dict[str, list[str]] = defaultdict(list)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "Another attempt will be made" in message:
            self.counts[self.phase].append(message.split(". Another")[0])
        # Let only what the quiet settings would have shown through.
        return record.levelno >= logging.WARNING


# --------------------------------------------------------------------------- main


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15, help="timed runs of slow things")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs before each")
    parser.add_argument(
        "--http-repeats", type=int, default=200, help="timed requests of the cheap GETs"
    )
    parser.add_argument(
        "--breakdown-repeats",
        type=int,
        default=5,
        help="instrumented transitions for the breakdown (0: skip)",
    )
    parser.add_argument(
        "--show-samples", action="store_true", help="also print every sample, in order"
    )
    args = parser.parse_args()
    if min(args.repeats, args.http_repeats) < 1 or min(args.warmup, args.breakdown_repeats) < 0:
        parser.error("repeats must be ≥ 1, warmup and breakdown-repeats ≥ 0")
    return args


def main() -> int:
    global SHOW_SAMPLES
    args = parse_args()
    SHOW_SAMPLES = args.show_samples
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="casework-bench-") as tmp:
        root = Path(tmp)
        prefect_home = root / "prefect-home"
        prefect_home.mkdir()
        # All configuration goes in before casework, prefect, flows or api are imported.
        os.environ.update(QUIET_PREFECT)
        os.environ["PREFECT_HOME"] = str(prefect_home)
        os.environ["CASEWORK_DATABASE_URL"] = f"sqlite:///{root / 'casework.db'}"
        server, port, start_s = start_prefect_server(prefect_home)
        try:
            os.environ["PREFECT_API_URL"] = f"http://127.0.0.1:{port}/api"
            run(args, root, start_s)
        except BaseException:
            log = root / "prefect-server.log"
            if log.exists():
                tail = log.read_text(errors="replace").splitlines()[-20:]
                print("\n--- last lines of the Prefect server log ---", file=sys.stderr)
                print("\n".join(tail), file=sys.stderr)
            raise
        finally:
            stop_process_group(server)
            report_server_log(root / "prefect-server.log")
    print(f"\nwhole run: {time.perf_counter() - began:.0f} s (Prefect server stopped)")
    return 0


def run(args: argparse.Namespace, root: Path, server_start_s: float) -> None:
    imports_began = time.perf_counter()
    import sqlite3

    import fastapi
    import prefect
    import sqlalchemy
    import uvicorn
    import weasyprint
    from fastapi import FastAPI, HTTPException
    from prefect import flow, tags

    from api.app import create_app
    from casework.database import create_tables, get_engine, open_session
    from casework.models import Case
    from casework.services.dossier import gather_dossier, render_kept_dossier
    from casework.vocabulary import Role

    imports_s = time.perf_counter() - imports_began
    retries = RetryCounter()
    client_logger = logging.getLogger("prefect.client")
    client_logger.setLevel(logging.DEBUG)  # the retry notices are DEBUG records
    client_logger.addFilter(retries)
    repeats, warmup = args.repeats, args.warmup

    print("casework benchmarks")
    print(
        f"  machine: {os.cpu_count()} cores, {platform.machine()}, "
        f"{platform.system()} {platform.release()}"
    )
    print(
        f"  python {platform.python_version()}, prefect {prefect.__version__}, "
        f"fastapi {fastapi.__version__}, uvicorn {uvicorn.__version__}, "
        f"sqlalchemy {sqlalchemy.__version__}, weasyprint {weasyprint.__version__}, "
        f"sqlite {sqlite3.sqlite_version}"
    )
    print(
        f"  prefect server: {os.environ['PREFECT_API_URL']} (healthy after {server_start_s:.1f} s)"
    )
    print(f"  case store: {os.environ['CASEWORK_DATABASE_URL']}; imports took {imports_s:.1f} s")
    print(
        f"  repeats {repeats} (warm-up {warmup}), HTTP GET repeats {args.http_repeats}, "
        f"breakdown {args.breakdown_repeats}"
    )

    create_tables(get_engine())
    advisor = make_person("awa@unit.example", Role.ADVISOR, "Awa Ndiaye")
    manager = make_person("moussa@unit.example", Role.MANAGER, "Moussa Sow")
    entrepreneur = make_person("fatou@mail.example", Role.ENTREPRENEUR, "Fatou Diop")

    @flow(name="bench-empty-async")
    async def empty_async() -> None:
        return None

    @flow(name="bench-empty-sync")
    def empty_sync() -> None:
        return None

    def call_async_flow() -> None:
        with tags("case:BENCH", "stage:empty"):
            asyncio.run(empty_async())

    def call_sync_flow() -> None:
        with tags("case:BENCH", "stage:empty"):
            empty_sync()

    bare = FastAPI()

    @bare.get("/cases/{case_id}")
    def read_one(case_id: uuid.UUID) -> dict[str, str]:
        with open_session() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise HTTPException(404)
            return {"id": str(case.id), "stage": case.stage}

    with (
        served(create_app()) as api_url,
        served(bare) as bare_url,
        httpx.Client(base_url=api_url, timeout=HTTP_TIMEOUT_S) as client,
        httpx.Client(base_url=bare_url, timeout=HTTP_TIMEOUT_S) as bare_client,
    ):
        unit = Unit(client, advisor, manager, entrepreneur)
        for name, kind in (("CDE", "technical"), ("Meso Credit", "financial")):
            unit.add_partner(name, kind)

        # 1. a stage transition over HTTP, next to empty flow runs on the same server
        print("\n(1/3) transitions and empty flows ...", flush=True)
        retries.phase = "1. empty flows"
        empty_async_row = measure(
            "empty async flow, asyncio.run (as flows/launcher.py)",
            call_async_flow,
            repeats=repeats,
            warmup=warmup,
            before=nothing,
        )
        empty_sync_row = measure(
            "empty sync flow, direct call",
            call_sync_flow,
            repeats=repeats,
            warmup=warmup,
            before=nothing,
        )
        pending: list[str] = []

        def next_case() -> None:
            pending.append(unit.case_ready_for_support())

        def transition() -> None:
            unit.move(pending.pop(), "support")

        retries.phase = "1. transitions"
        transition_row = measure(
            'POST /cases/{id}/transitions {"to": "support"}',
            transition,
            repeats=repeats,
            warmup=warmup,
            before=next_case,
        )
        breakdown: Breakdown | None = None
        if args.breakdown_repeats:
            retries.phase = "1. breakdown"
            clock = StepClock()
            breakdown = Breakdown(instrument(clock))
            try:
                next_case()
                transition()  # one untimed call through the wrappers
                for _ in range(args.breakdown_repeats):
                    next_case()
                    clock.reset()
                    start = time.perf_counter()
                    transition()
                    breakdown.take(clock, time.perf_counter() - start)
            finally:
                clock.undo()

        # 2. the status view over HTTP, next to a bare one-row read
        print("(2/3) status view and bare read ...", flush=True)
        retries.phase = "2. setup and status"
        linkage_case = unit.case_in_linkage()
        status_row = measure(
            "GET /cases/{id}/status (casework app)",
            lambda: ok(client.get(f"/cases/{linkage_case}/status", headers=entrepreneur.headers)),
            repeats=args.http_repeats,
            warmup=max(warmup, 10),
            before=nothing,
        )
        bare_row = measure(
            "GET /cases/{id} (bare FastAPI, def + session.get)",
            lambda: ok(bare_client.get(f"/cases/{linkage_case}")),
            repeats=args.http_repeats,
            warmup=max(warmup, 10),
            before=nothing,
        )

        # 3. a dossier render, next to a one-paragraph page
        print("(3/3) dossier renders ...", flush=True)
        retries.phase = "3. dossier"
        case_uuid = uuid.UUID(linkage_case)
        gather_row = Row("  of which gather_dossier (store reads)")
        render_row = Row("  of which render_kept_dossier (Jinja + WeasyPrint)")
        dossier_row = Row("dossier of a linkage case (gather + render)")
        pdf_size = 0
        for i in range(warmup + repeats):
            start = time.perf_counter()
            with open_session() as session:
                case = session.get(Case, case_uuid)
                assert case is not None
                context = gather_dossier(case, session=session)
            gathered = time.perf_counter()
            kept = render_kept_dossier(context)
            done = time.perf_counter()
            pdf_size = len(kept.content)
            if i >= warmup:
                gather_row.samples.append(gathered - start)
                render_row.samples.append(done - gathered)
                dossier_row.samples.append(done - start)
        matches = len(context.partner_matches)
        pages = pdf_pages(kept.content)
        baseline_row = measure(
            "one-paragraph page, WeasyPrint HTML(string).write_pdf()",
            lambda: weasyprint.HTML(string=ONE_PARAGRAPH).write_pdf(),
            repeats=repeats,
            warmup=warmup,
            before=nothing,
        )

    print_rows(
        "1. stage transition over HTTP vs empty Prefect flow runs",
        [
            transition_row,
            empty_async_row,
            empty_sync_row,
        ],
    )
    print_ratio("transition / empty async flow", transition_row, empty_async_row)
    print_ratio("empty sync flow / empty async flow", empty_sync_row, empty_async_row)
    slow = sum(x > SLOW_TRANSITION_S for x in transition_row.samples)
    print(
        f"  transitions over {SLOW_TRANSITION_S:.1f} s: {slow} of {len(transition_row.samples)}"
        " (a Prefect client retry after a 503 adds ~2 s; see the end of the report)"
    )
    if breakdown is not None:
        print_breakdown(breakdown)

    print_rows("2. status view over HTTP vs a bare one-row read", [status_row, bare_row])
    print_ratio("status view / bare read", status_row, bare_row)

    print_rows(
        f"3. dossier render ({pages} pages, {pdf_size / 1024:.0f} KiB, {matches} partner matches)",
        [dossier_row, gather_row, render_row, baseline_row],
    )
    print_ratio("dossier / one-paragraph page", dossier_row, baseline_row)

    print("\nPrefect client retries (each waits ~2 s, then ~4 s, ...):", end="")
    if not retries.counts:
        print(" none")
    for phase, notices in retries.counts.items():
        kinds = sorted(set(notices))
        print(f"\n  {phase}: {len(notices)} — " + "; ".join(kinds), end="")
    print()


API_FRAME = re.compile(r'prefect/server/api/(\w+)\.py", line \d+, in (\w+)')


def report_server_log(log: Path) -> None:
    """Which Prefect API endpoints answered 503, and why, from the server's own log."""
    if not log.exists():
        return
    text = log.read_text(errors="replace")
    blocks = text.split("Encountered retryable exception in request")[1:]
    print(f"Prefect server: {len(blocks)} retryable errors (503) logged", end="")
    causes: dict[str, int] = defaultdict(int)
    for block in blocks:
        frames = [f"{m[0]}.{m[1]}" for m in API_FRAME.findall(block) if m[0] != "server"]
        reason = "database is locked" if "database is locked" in block else "other"
        causes[f"{frames[0] if frames else '?'} ({reason})"] += 1
    for cause, count in sorted(causes.items(), key=lambda item: -item[1]):
        print(f"\n  {count} × {cause}", end="")
    print()


def pdf_pages(content: bytes) -> str:
    try:
        import io

        from pypdf import PdfReader
    except ImportError:
        return "?"
    return str(len(PdfReader(io.BytesIO(content)).pages))


if __name__ == "__main__":
    sys.exit(main())
