"""Scaled mode, measured: every move a deployment run on two workers, all on PostgreSQL.

Run with `.venv/bin/python bench/scaled_mode.py [--repeats N] [--burst-cases N]` and a
PostgreSQL server: `--postgres-url`, or CASEWORK_TEST_POSTGRES_URL as the tests take it
(`scripts/start-test-postgres.sh` starts one and prints it). A whole unit runs as real
processes, as tests/e2e/scaled_unit.py starts it: a Prefect server on a database of its
own, the case store in a schema of its own, two `casework worker` processes and the API,
their logs in a temporary folder. Everything is stopped and dropped at the end, also on
error or Ctrl-C. See bench/README.md for what each number means.
"""

import argparse
import contextlib
import importlib
import inspect
import os
import platform
import signal
import statistics
import sys
import tempfile
import threading
import time
import uuid
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from importlib.metadata import version
from pathlib import Path
from typing import Any, TypeVar

import httpx
from measurements import (
    Load,
    Row,
    hammer,
    measure,
    p90,
    print_load_ratio,
    print_loads,
    print_ratio,
    print_rows,
)
from servers import served_apart
from sqlalchemy import bindparam, create_engine, text
from sqlalchemy.engine import Engine, make_url

from casework.vocabulary import Role, Stage
from journey.over_http import HttpDriver, UnexpectedAnswer, answer, printed_dossiers
from journey.steps import PATH, Body, prepare, take_case

REPOSITORY = Path(__file__).resolve().parent.parent
HTTP_TIMEOUT_S = 300.0
# A move answered 202 is followed until it commits; a run that died is submitted again by
# the workers' recovery after a lease (CASEWORK_MOVE_LEASE_SECONDS, 120 s by default).
COMMIT_PATIENCE_S = 900.0
PRINT_PATIENCE_S = 600.0
DRAIN_PATIENCE_S = 3600.0
UNIT_SETTINGS = {
    # The bench's empty flow (bench/empty_flow.py) must import in the workers' runs.
    "PYTHONPATH": str(REPOSITORY),
    # `casework worker` defaults to it already; said here so that the run shows it.
    "PREFECT_WORKER_QUERY_SECONDS": "1",
}
UNFINISHED = ["SCHEDULED", "PENDING", "RUNNING", "PAUSED", "CANCELLING"]
STATE_TYPES = ["COMPLETED", "FAILED", "CRASHED", "CANCELLED", *UNFINISHED]
EMPTY_TAG = "bench-empty"
SUPERVISED = "supervised"  # the empty flow's second deployment (section 1's "what if")
T = TypeVar("T")


def parse_args() -> argparse.Namespace:
    """The sizes of one run, checked; the PostgreSQL URL from the flag or the environment."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("CASEWORK_TEST_POSTGRES_URL"),
        help="postgresql+psycopg://... (default: $CASEWORK_TEST_POSTGRES_URL)",
    )
    parser.add_argument("--repeats", type=int, default=15, help="timed runs of each (section 1)")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs before each")
    parser.add_argument(
        "--burst-cases", type=int, default=100, help="cases through the journey (section 2)"
    )
    parser.add_argument(
        "--burst-clients", type=int, default=10, help="concurrent clients (section 2)"
    )
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (section 3)")
    parser.add_argument(
        "--load-requests", type=int, default=2000, help="requests per app per round (section 3)"
    )
    parser.add_argument("--load-rounds", type=int, default=3, help="alternating rounds (section 3)")
    parser.add_argument(
        "--load-seconds", type=float, default=30.0, help="longest round of one app (section 3)"
    )
    parser.add_argument("--sections", default="123", help="which sections to run, e.g. 13")
    parser.add_argument(
        "--show-samples", action="store_true", help="also print every sample, in order"
    )
    parser.add_argument(
        "--pool-limit",
        type=int,
        default=0,
        help="what if: the work pool's concurrency limit (default: none, as casework sets it)",
    )
    parser.add_argument(
        "--no-pycache",
        action="store_true",
        help="no compiled-module cache for the unit's processes (see bench/README.md)",
    )
    args = parser.parse_args()
    if not args.postgres_url:
        parser.error(
            "scaled mode runs on PostgreSQL: pass --postgres-url or set "
            "CASEWORK_TEST_POSTGRES_URL (scripts/start-test-postgres.sh starts one and prints it)"
        )
    counts = (args.repeats, args.burst_cases, args.burst_clients, args.clients)
    if min(*counts, args.load_requests, args.load_rounds) < 1 or args.warmup < 0:
        parser.error("repeats, cases, clients, load requests and rounds ≥ 1; warmup ≥ 0")
    if args.pool_limit < 0:
        parser.error("the pool limit is a number of runs (0: none)")
    if max(args.burst_clients, args.clients) > 100 or not 0 < args.load_seconds <= 600:
        parser.error("at most 100 clients, and a round lasts at most 600 s")
    if not set(args.sections) <= set("123") or not args.sections:
        parser.error("sections are digits among 1, 2, 3")
    return args


def main() -> int:
    """Start a scaled unit on PostgreSQL, run the sections, stop and drop everything."""
    args = parse_args()
    began = time.perf_counter()
    # tests.conftest reads it when imported; the repository holds `tests` and `bench`.
    os.environ["CASEWORK_TEST_POSTGRES_URL"] = args.postgres_url
    sys.path.insert(0, str(REPOSITORY))
    signal.signal(signal.SIGTERM, stop_on_sigterm)
    problem = postgres_problem(args.postgres_url)
    if problem:
        print(
            f"PostgreSQL at {hidden(args.postgres_url)} does not answer: {problem}", file=sys.stderr
        )
        return 2
    from tests.e2e.scaled_unit import prefect_database, scaled_unit

    postgres_schema = test_helper("tests.conftest", "postgres_schema")

    with tempfile.TemporaryDirectory(prefix="casework-bench-scaled-") as tmp:
        root = Path(tmp)
        folder = root / "unit"
        folder.mkdir()
        try:
            with contextlib.ExitStack() as stack:
                store = stack.enter_context(postgres_schema())
                prefect_url = stack.enter_context(prefect_database(args.postgres_url))
                # After the unit's own processes: the runs they left (each in a session of
                # its own, so not stopped with its worker's process group).
                stack.callback(stop_leftovers, folder)
                starting = time.perf_counter()
                settings = UNIT_SETTINGS | ({} if args.no_pycache else pycache(root))
                unit = stack.enter_context(scaled_unit(folder, store, prefect_url, **settings))
                unit_s = time.perf_counter() - starting
                engine = create_engine(store)
                stack.callback(engine.dispose)
                ok = run(args, root, unit, engine, unit_s)
        except BaseException:
            show_logs(folder)
            raise
    print(f"\nwhole run: {time.perf_counter() - began:.0f} s (unit stopped, databases dropped)")
    return 0 if ok else 1


def test_helper(module: str, name: str) -> Any:
    """A helper of the test suite, imported when called (mypy does not follow it there:
    `make lint` type-checks the product's packages, not the tests)."""
    with warnings.catch_warnings():  # the tests' imports (TestClient) warn of deprecations
        warnings.simplefilter("ignore")
        return getattr(importlib.import_module(module), name)


def pycache(root: Path) -> dict[str, str]:
    """Settings that let the unit's processes keep compiled modules, in the temporary folder.

    Every flow run is a new Python process that imports Prefect and casework. With
    PYTHONDONTWRITEBYTECODE set (as on these machines) and a venv that holds no .pyc (uv
    does not compile by default), each would compile them from source again: a served
    unit's venv keeps them. An empty value unsets it for Python; the prefix keeps the
    cache out of the venv and the repository.
    """
    return {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": str(root / "pycache")}


def stop_on_sigterm(signum: int, frame: Any) -> None:
    """A SIGTERM ends the run like Ctrl-C, once: the cleanup is not cut short by another
    (`timeout` sends one to the process and one to its group)."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def stop_leftovers(folder: Path) -> None:
    """End every process still running with this unit's PREFECT_HOME, by its id.

    Each flow run is a process of its own session: a worker stopped (or a run cut short)
    may leave it running, on databases about to be dropped.
    """
    marker = f"PREFECT_HOME={folder / '.prefect'}".encode()
    for sig in (signal.SIGTERM, signal.SIGKILL):
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and int(entry.name) != os.getpid():
                with contextlib.suppress(OSError):
                    if marker in (entry / "environ").read_bytes().split(b"\0"):
                        found.append(int(entry.name))
        for pid in found:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, sig)
        if not found:
            return
        print(f"stopped {len(found)} process(es) the unit left: {found}", file=sys.stderr)
        time.sleep(5)


def postgres_problem(url: str) -> str | None:
    """Why PostgreSQL at `url` cannot be used, or None."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        return str(error).splitlines()[0]
    finally:
        engine.dispose()
    return None


def hidden(url: str) -> str:
    """A database URL without its password."""
    return make_url(url).render_as_string(hide_password=True)


def show_logs(folder: Path) -> None:
    """The last lines of each process's log, for a run that failed."""
    for log in sorted(folder.glob("*.log")):
        tail = log.read_text(errors="replace").splitlines()[-15:]
        print(f"\n--- last lines of {log.name} ---", file=sys.stderr)
        print("\n".join(tail), file=sys.stderr)


def run(args: argparse.Namespace, root: Path, unit: Any, store: Engine, unit_s: float) -> bool:
    """The sections, in order; False if the burst lost or doubled anything."""
    # This process submits and watches runs too: Prefect reads its settings when imported.
    assert "prefect" not in sys.modules, "Prefect is configured before it is imported"
    os.environ.update(
        {k: v for k, v in unit.environment.items() if k.startswith(("PREFECT_", "CASEWORK_"))}
    )
    from casework.settings import Settings

    defaults = Settings.model_fields
    pool = unit.environment.get("CASEWORK_WORK_POOL") or defaults["work_pool"].default
    wait_s = (
        unit.environment.get("CASEWORK_MOVE_WAIT_SECONDS") or defaults["move_wait_seconds"].default
    )
    with store.connect() as connection:
        postgres = connection.execute(text("SHOW server_version")).scalar_one()
    print("casework scaled mode benchmarks")
    print(
        f"  machine: {os.cpu_count()} cores, {platform.machine()}, "
        f"{platform.system()} {platform.release()}"
    )
    packages = ("prefect", "fastapi", "uvicorn", "sqlalchemy", "psycopg", "asyncpg", "httpx")
    print(
        f"  python {platform.python_version()}, "
        + ", ".join(f"{name} {version(name)}" for name in packages)
        + f", PostgreSQL {postgres.split()[0]}"
    )
    print(
        f"  unit: Prefect server {unit.prefect_api} (on PostgreSQL), case store "
        f"{hidden(unit.store_url)}, API {unit.api}, workers worker-1 and worker-2 on pool "
        f"{pool!r}; all up after {unit_s:.1f} s"
    )
    print(
        f"  polls: workers query every {UNIT_SETTINGS['PREFECT_WORKER_QUERY_SECONDS']} s; "
        f"a move's request waits up to {wait_s} s (CASEWORK_MOVE_WAIT_SECONDS) reading the "
        "store every 0.05 s, doubling to 0.5 s; then 202"
    )
    cache = unit.environment.get("PYTHONPYCACHEPREFIX")
    said = unit.environment.get("PYTHONDONTWRITEBYTECODE")
    print(
        f"  compiled modules of the unit's processes: kept in {cache} (PYTHONPYCACHEPREFIX)"
        if cache
        else f"  compiled modules of the unit's processes: PYTHONDONTWRITEBYTECODE={said!r}"
    )
    print(
        f"  work pool concurrency limit: {args.pool_limit} runs at a time (what if); each "
        f"worker at most {os.cpu_count()} (its default --limit: the cores)"
        if args.pool_limit
        else "  runs at a time: each worker at most its default --limit, the machine's "
        f"{os.cpu_count()} cores; the work pool has no limit of its own"
    )
    print(
        f"  repeats {args.repeats} (warm-up {args.warmup}); burst: {args.burst_cases} cases, "
        f"{args.burst_clients} clients; load: {args.clients} clients, {args.load_rounds} rounds "
        f"of {args.load_requests} requests per app; sections {args.sections}",
        flush=True,
    )
    ok = True
    with (
        api_client(unit.api) as http,
        httpx.Client(base_url=unit.prefect_api, timeout=HTTP_TIMEOUT_S) as prefect,
    ):
        if args.pool_limit:
            limit = {"concurrency_limit": args.pool_limit}
            prefect.patch(f"/work_pools/{pool}", json=limit).raise_for_status()
        if "1" in args.sections:
            print("\n(1/3) transitions and empty deployment runs ...", flush=True)
            transitions(args, unit, http, prefect, pool)
        if "2" in args.sections:
            print("\n(2/3) a burst of cases through the whole journey ...", flush=True)
            ok = burst(args, unit, prefect, store)
        if "3" in args.sections:
            print("\n(3/3) status view and bare reads on PostgreSQL ...", flush=True)
            status_under_load(args, root, http, prefect)
    return ok


# --- waiting as the move's request does ----------------------------------------------------


def pauses() -> Iterator[float]:
    """The pauses between two looks, as a move's request waits (flows/deployment_runner._wait)."""
    pause = 0.05
    while True:
        yield pause
        pause = min(pause * 2, 0.5)


def wait_for(look: Callable[[], T | None], *, patience: float, what: str) -> T:
    """What `look()` finds once it finds something, looking as a move's request does."""
    deadline = time.monotonic() + patience
    for pause in pauses():
        found = look()
        if found is not None:
            return found
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: still waiting after {patience:.0f} s")
        time.sleep(pause)
    raise AssertionError("pauses() never ends")


@dataclass(frozen=True)
class Timed:
    """One move (or referral send) of a case, from its request until it was committed."""

    what: str
    seconds: float
    accepted: bool  # answered 202: followed until committed


@dataclass
class TimedDriver(HttpDriver):
    """The journey's HTTP driver, timing each move and referral send until committed.

    A 202 (the move's run had not committed when the request stopped waiting) is followed
    by `GET /cases/{id}` until `pending_transition` is null, so that the case moves on only
    once its move is made, and the time counts until then.
    """

    timings: list[Timed] = field(default_factory=list)

    def move(self, to: Stage) -> None:
        began = time.perf_counter()
        url = f"/cases/{self.case['id']}/transitions"
        response = self.client.post(url, json={"to": to.value}, headers=self.headers[Role.ADVISOR])
        accepted = response.status_code == 202
        if accepted:
            answer(response, 202)
            self.case = wait_for(
                self._committed, patience=COMMIT_PATIENCE_S, what=f"move of {self.reference}"
            )
        else:
            self.case = answer(response)
        took = time.perf_counter() - began
        if self.case["stage"] != to.value:
            raise UnexpectedAnswer(f"{self.reference} is in {self.case['stage']}, not in {to}")
        self.timings.append(Timed(to.value, took, accepted))

    def update_referral(self, referral_id: str, body: Body) -> None:
        if body.get("status") != "sent":
            super().update_referral(referral_id, body)
            return
        began = time.perf_counter()
        url = f"/cases/{self.case['id']}/referrals/{referral_id}"
        response = self.client.patch(url, json=body, headers=self.headers[Role.ADVISOR])
        accepted = response.status_code == 202
        referral = answer(response, 202 if accepted else 200)
        if accepted:
            referral = wait_for(
                partial(self._sent, referral_id),
                patience=COMMIT_PATIENCE_S,
                what=f"referral send of {self.reference}",
            )
        if referral["status"] != "sent":
            raise UnexpectedAnswer(f"the referral of {self.reference} is {referral['status']}")
        self.timings.append(Timed("send-referral", time.perf_counter() - began, accepted))

    @property
    def reference(self) -> str:
        return str(self.case["reference"])

    def _committed(self) -> dict[str, Any] | None:
        url = f"/cases/{self.case['id']}"
        case: dict[str, Any] = answer(self.client.get(url, headers=self.headers[Role.ADVISOR]))
        return None if case["pending_transition"] else case

    def _sent(self, referral_id: str) -> dict[str, Any] | None:
        url = f"/cases/{self.case['id']}/referrals"
        listed = answer(self.client.get(url, headers=self.headers[Role.ADVISOR]))
        return next((r for r in listed if r["id"] == referral_id and r["status"] != "draft"), None)


def api_client(base_url: str) -> httpx.Client:
    """A keep-alive client of the API that drops idle connections before uvicorn does.

    uvicorn closes a connection idle for 5 s; a request sent on it at that moment fails
    with "connection reset". A client waiting at the burst's start (or between two slow
    steps) would otherwise meet that race now and then.
    """
    limits = httpx.Limits(keepalive_expiry=2.0)
    return httpx.Client(base_url=base_url, timeout=HTTP_TIMEOUT_S, limits=limits)


def new_case(http: httpx.Client) -> TimedDriver:
    """A new entrepreneur's new case in reception, as tests/e2e/test_scaled_mode.py makes it."""
    made = test_helper("tests.e2e.test_scaled_mode", "_driver")(http)
    return TimedDriver(made.client, made.case, made.headers)


def unfinished_runs(prefect: httpx.Client, tags: list[str]) -> int | None:
    """How many runs with any of `tags` are not final yet; None when there is none."""
    body = {"flow_runs": {"tags": {"any_": tags}, "state": {"type": {"any_": UNFINISHED}}}}
    count = int(answer(prefect.post("/flow_runs/count", json=body)))
    return None if count == 0 else count


def runs_settled(prefect: httpx.Client, tags: list[str], *, patience: float) -> None:
    """Wait until every run with any of `tags` is final."""

    def settled() -> bool | None:
        return True if unfinished_runs(prefect, tags) is None else None

    wait_for(settled, patience=patience, what="runs still unfinished")


def settle(driver: TimedDriver, prefect: httpx.Client) -> None:
    """The case's copies printed and every run of the case over (nothing runs beside the next)."""
    reader = driver.headers[Role.ADVISOR]
    printed_dossiers(driver.client, driver.case["id"], reader, patience=PRINT_PATIENCE_S)
    runs_settled(prefect, [f"case:{driver.reference}"], patience=PRINT_PATIENCE_S)


# --- Prefect's record of the runs ------------------------------------------------------------


def when(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp)


def run_times(prefect: httpx.Client, runs: dict[str, Any]) -> dict[str, list[tuple[float, float]]]:
    """Per flow, each final run's (created → Running, Running → final) in seconds."""
    flows = {f["id"]: f["name"] for f in answer(prefect.post("/flows/filter", json={}))}
    times: dict[str, list[tuple[float, float]]] = {}
    offset = 0
    while True:
        body = {"flow_runs": runs, "limit": 200, "offset": offset, "sort": "ID_DESC"}
        page = answer(prefect.post("/flow_runs/filter", json=body))
        for each in page:
            if each["start_time"] and each["end_time"]:
                started = when(each["start_time"])
                waited = (started - when(each["created"])).total_seconds()
                ran = (when(each["end_time"]) - started).total_seconds()
                times.setdefault(flows.get(each["flow_id"], "?"), []).append((waited, ran))
        if len(page) < 200:
            return times
        offset += 200


def print_run_times(times: dict[str, list[tuple[float, float]]]) -> None:
    """Where a run's time goes, by Prefect's timestamps: before it runs, and running."""
    width = max([len(name) for name in times] + [4])
    print(
        "  where the time goes, from Prefect's timestamps of the same runs (median / p90, seconds):"
    )
    print(f"    {'flow':<{width}}  {'n':>4}  {'created → Running':>19}  {'Running → final':>17}")
    for name, pairs in sorted(times.items()):
        if not pairs:
            continue
        waited, ran = [w for w, _ in pairs], [r for _, r in pairs]
        before = f"{statistics.median(waited):7.2f} / {p90(waited):6.2f}"
        during = f"{statistics.median(ran):6.2f} / {p90(ran):6.2f}"
        print(f"    {name:<{width}}  {len(pairs):>4}  {before:>19}  {during:>17}")


def runs_by_state(prefect: httpx.Client, tags: list[str]) -> dict[str, int]:
    """How many runs with any of `tags` are in each type of state (those with any)."""
    counts = {}
    for state in STATE_TYPES:
        body = {"flow_runs": {"tags": {"any_": tags}, "state": {"type": {"any_": [state]}}}}
        if found := int(answer(prefect.post("/flow_runs/count", json=body))):
            counts[state] = found
    return counts


# --- 1. a move next to an empty deployment run -----------------------------------------------


def workers_idle(workers: set[int]) -> None:
    """Wait until no process of a run is left under the workers (one ending takes CPU).

    A run's state is final a moment before its process (and, for the supervised what-if
    deployment, the workspace supervisor that started it) has exited: a run started then
    would share the machine with it.
    """

    def children() -> list[int]:
        found = []
        for entry in Path("/proc").iterdir():
            with contextlib.suppress(OSError, ValueError, IndexError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) in workers and fields[0] != "Z":
                    found.append(int(entry.name))
        return found

    wait_for(lambda: None if children() else True, patience=PRINT_PATIENCE_S, what="runs' ends")


def deploy_empty_flow(pool: str, name: str, job_variables: dict[str, Any]) -> None:
    """bench/empty_flow.py deployed as casework's flows are (flows/worker.register)."""
    import asyncio

    from prefect.types.entrypoint import EntrypointType

    from bench.empty_flow import empty_run

    async def apply() -> None:
        deployment = await empty_run.ato_deployment(
            name=name,
            work_pool_name=pool,
            entrypoint_type=EntrypointType.MODULE_PATH,
            job_variables=job_variables,
        )
        await deployment.aapply(work_pool_name=pool)

    asyncio.run(apply())


def transitions(
    args: argparse.Namespace, unit: Any, http: httpx.Client, prefect: httpx.Client, pool: str
) -> None:
    """Section 1: a move request until committed, next to empty deployment runs."""
    from prefect.deployments import run_deployment

    from bench.empty_flow import EMPTY_FLOW
    from flows.deployment_runs import DEPLOYMENT, Submission
    from flows.worker import ENGINE_COMMAND

    deploy_empty_flow(pool, DEPLOYMENT, {"command": ENGINE_COMMAND})
    # What if the deployment left Prefect's process worker its default: without a `command`
    # job variable it starts a workspace supervisor, which starts the engine (two start-ups).
    deploy_empty_flow(pool, SUPERVISED, {})
    ids: dict[str, list[str]] = {"as a move": [], "1 s poll": [], "supervised": []}

    def final_state(run_id: str) -> str | None:
        state = answer(prefect.get(f"/flow_runs/{run_id}"))["state_type"]
        return None if state in UNFINISHED else str(state)

    def empty_polled(deployment: str, label: str) -> None:
        # Submitted as a move's run is (flows/deployment_runs.submit), waited for as it is.
        key = f"bench-{uuid.uuid4().hex}"
        arguments = Submission(EMPTY_FLOW, {}, key=key, tags=[EMPTY_TAG]).arguments()
        run = run_deployment(**{**arguments, "name": f"{EMPTY_FLOW}/{deployment}"})
        assert not inspect.isawaitable(run), "called where no event loop runs"
        state = wait_for(partial(final_state, str(run.id)), patience=PRINT_PATIENCE_S, what="empty")
        assert state == "COMPLETED", f"empty run {run.id}: {state}"
        ids[label].append(str(run.id))

    def empty_one_second() -> None:
        run = run_deployment(
            name=f"{EMPTY_FLOW}/{DEPLOYMENT}",
            parameters={},
            timeout=None,
            poll_interval=1,
            tags=[EMPTY_TAG],
            idempotency_key=f"bench-{uuid.uuid4().hex}",
            as_subflow=False,
        )
        assert not inspect.isawaitable(run), "called where no event loop runs"
        assert run.state is not None, f"empty run {run.id}"
        assert run.state.is_completed(), f"empty run {run.id}: {run.state.type}"
        ids["1 s poll"].append(str(run.id))

    ready: list[TimedDriver] = []
    moved: list[TimedDriver] = []

    workers = {unit.processes[name].pid for name in ("worker-1", "worker-2")}
    idle = partial(workers_idle, workers)

    def next_case() -> None:
        if moved:  # the previous move's print is over before the next move is timed
            settle(moved[-1], prefect)
        driver = new_case(http)
        prepare(driver, Stage.SUPPORT)  # the assessment decides to proceed: the gate is open
        ready.append(driver)
        idle()

    def transition() -> None:
        driver = ready.pop()
        driver.move(Stage.SUPPORT)
        moved.append(driver)

    repeats, warmup = args.repeats, args.warmup
    polled_row = measure(
        "empty deployment run, submitted and waited for as a move",
        partial(empty_polled, DEPLOYMENT, "as a move"),
        repeats=repeats,
        warmup=warmup,
        before=idle,
    )
    second_row = measure(
        "empty deployment run, run_deployment(poll_interval=1)",
        empty_one_second,
        repeats=repeats,
        warmup=warmup,
        before=idle,
    )
    supervised_row = measure(
        "what if: empty run, Prefect's default (workspace supervisor)",
        partial(empty_polled, SUPERVISED, "supervised"),
        repeats=repeats,
        warmup=warmup,
        before=idle,
    )
    transition_row = measure(
        'POST /cases/{id}/transitions {"to": "support"}, until committed',
        transition,
        repeats=repeats,
        warmup=warmup,
        before=next_case,
    )
    settle(moved[-1], prefect)

    print_rows(
        "1. stage transition in scaled mode vs an empty deployment run (same server, workers)",
        [transition_row, polled_row, second_row, supervised_row],
        show_samples=args.show_samples,
    )
    print_ratio("transition / empty run waited for as a move", transition_row, polled_row)
    print_ratio("transition / empty run, run_deployment 1 s poll", transition_row, second_row)
    print_ratio("what if: empty run, supervised / empty run", supervised_row, polled_row)
    timed = moved[warmup:]
    accepted = sum(t.accepted for d in timed for t in d.timings)
    print(f"  transitions answered 202 (then followed until committed): {accepted} of {len(timed)}")
    references = [f"case:{d.reference}" for d in timed]
    times = run_times(prefect, {"tags": {"any_": references}})
    for label, run_ids in ids.items():
        timed_ids = {"id": {"any_": run_ids[warmup:]}}
        times[f"{EMPTY_FLOW} ({label})"] = run_times(prefect, timed_ids).get(EMPTY_FLOW, [])
    print_run_times(times)


# --- 2. a burst of cases through the whole journey -------------------------------------------


@dataclass
class Check:
    """One count of the store: expected and found over all cases, and the cases that differ."""

    label: str
    expected: int
    found: int
    cases_off: int
    verdict: bool = True  # False: information only, no failure

    @property
    def ok(self) -> bool:
        return not self.verdict or (self.expected == self.found and self.cases_off == 0)


def burst(args: argparse.Namespace, unit: Any, prefect: httpx.Client, store: Engine) -> bool:
    """Section 2: cases taken through the whole journey by concurrent clients; the counts."""
    lock = threading.Lock()
    tickets = iter(range(args.burst_cases))
    made: list[TimedDriver] = []
    queue: list[TimedDriver] = []
    errors: list[str] = []
    stopped: list[TimedDriver] = []  # the cases whose journey stopped on an error
    ended: list[float] = []
    began: list[float] = []

    def go() -> None:  # once every client has made its cases: the burst starts
        queue.extend(reversed(made))
        began.append(time.perf_counter())

    gate = threading.Barrier(args.burst_clients, action=go)

    def client_loop() -> None:
        with api_client(unit.api) as client:
            try:
                while True:
                    with lock:
                        if next(tickets, None) is None:
                            break
                    driver = new_case(client)
                    with lock:
                        made.append(driver)
            except Exception as error:
                with lock:
                    errors.append(f"making a case: {error}")
                gate.abort()
                return
            with contextlib.suppress(threading.BrokenBarrierError):
                gate.wait()
            while True:
                with lock:
                    if not queue:
                        return
                    driver = queue.pop()
                driver.client = client
                try:
                    take_case(driver, Stage.COMPLETED)
                except Exception as error:
                    with lock:
                        errors.append(f"{driver.reference}: {error}")
                        stopped.append(driver)
                with lock:
                    ended.append(time.perf_counter())
                    if len(ended) % max(1, args.burst_cases // 10) == 0:
                        minutes = (ended[-1] - began[0]) / 60
                        print(
                            f"  {len(ended)} of {args.burst_cases} cases ({minutes:.1f} min)",
                            flush=True,
                        )

    threads = [threading.Thread(target=client_loop, daemon=True) for _ in range(args.burst_clients)]
    with connections_watched(store) as connections:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if not began:
            raise RuntimeError("; ".join(errors) or "the burst never started")
        wall = max(ended) - began[0]
        references = [f"case:{d.reference}" for d in made]
        # What the last moves left running (their prints) ends before the store is counted.
        runs_settled(prefect, references, patience=DRAIN_PATIENCE_S)
        drained = time.perf_counter() - began[0]

    timings = [t for d in made for t in d.timings]
    moves = [t for t in timings if t.what != "send-referral"]
    sends = [t for t in timings if t.what == "send-referral"]
    rows = [Row("POST /transitions, request to committed", [t.seconds for t in moves])]
    rows += [
        Row(f"  to {stage.value}", [t.seconds for t in moves if t.what == stage.value])
        for stage in PATH
    ]
    rows.append(Row("PATCH referral to sent, request to sent", [t.seconds for t in sends]))
    completed = args.burst_cases - len(errors)
    print_rows(
        f"2. burst: {args.burst_cases} cases through the whole journey, "
        f"{args.burst_clients} clients, 2 workers, PostgreSQL",
        [row for row in rows if row.samples],
        show_samples=args.show_samples,
    )
    print(
        f"  wall time {wall:.0f} s for {completed} journeys: "
        f"{completed / wall * 60:.1f} cases/min; every print and run over after {drained:.0f} s"
    )
    print(
        f"  answered 202 (then followed until committed): {sum(t.accepted for t in moves)} of "
        f"{len(moves)} moves, {sum(t.accepted for t in sends)} of {len(sends)} referral sends"
    )
    states = runs_by_state(prefect, references)
    each_case = len(PATH) * 2 + 2  # a run per move and per moment's print; a send and its print
    print(
        f"  Prefect flow runs of these cases by state (expected {each_case} per case, "
        f"{each_case * len(made)} Completed): "
        + ", ".join(f"{state} {count}" for state, count in states.items())
    )
    peak, limit = max(connections[1:], default=0), connections[0]
    print(
        f"  PostgreSQL connections during the burst: at most {peak} open on the server (all "
        f"its clients, sampled each second), of max_connections {limit}"
    )
    print_run_times(run_times(prefect, {"tags": {"any_": references}}))
    checks = store_checks(store, [uuid.UUID(d.case["id"]) for d in made])
    print_checks(checks)
    for error in errors[:10]:
        print(f"  error: {error}")
    for driver in stopped[:5]:
        print_case_record(store, prefect, driver)
    ok = not errors and all(check.ok for check in checks)
    failed = [c.label for c in checks if not c.ok] + ([f"{len(errors)} journeys"] if errors else [])
    print(
        "  OK: every case completed once, nothing lost or doubled"
        if ok
        else f"  FAIL: {'; '.join(failed)}"
    )
    return ok


def print_case_record(store: Engine, prefect: httpx.Client, driver: TimedDriver) -> None:
    """What the store and Prefect say of a case whose journey stopped: its moves, its runs."""
    query = text(
        "SELECT kind, submissions, requested_at, submitted_at, lease_until, finished_at, "
        "outcome FROM pending_moves WHERE case_id = :id ORDER BY requested_at"
    )
    with store.connect() as connection:
        moves = connection.execute(query, {"id": uuid.UUID(driver.case["id"])}).all()
    print(f"  {driver.reference}, stopped in {driver.case['stage']}; its moves under way:")
    for kind, submissions, asked, submitted, lease, finished, outcome in moves:
        after = {
            "submitted": submitted,
            "lease until": lease,
            "finished": finished,
        }
        times = ", ".join(
            f"{label} +{(at - asked).total_seconds():.1f} s"
            for label, at in after.items()
            if at is not None
        )
        print(f"    {kind}: {submissions} submission(s), {times}; outcome {outcome}")
    body = {"flow_runs": {"tags": {"all_": [f"case:{driver.reference}"]}}, "sort": "ID_DESC"}
    runs = answer(prefect.post("/flow_runs/filter", json=body))
    listed = sorted(runs, key=lambda run: str(run["created"]))
    print("    its runs: " + ", ".join(f"{r['name']} {r['state_name']}" for r in listed))


@contextlib.contextmanager
def connections_watched(store: Engine) -> Iterator[list[int]]:
    """The server's max_connections, then how many connections it had open, each second."""
    query = text("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'")
    with store.connect() as connection:
        counts = [int(connection.execute(text("SHOW max_connections")).scalar_one())]
        stop = threading.Event()

        def sample() -> None:
            while not stop.wait(1.0):
                with contextlib.suppress(Exception):  # a sample missed is no failure
                    counts.append(int(connection.execute(query).scalar_one()))
                    connection.rollback()

        watcher = threading.Thread(target=sample, daemon=True)
        watcher.start()
        try:
            yield counts
        finally:
            stop.set()
            watcher.join()


def store_checks(store: Engine, ids: list[uuid.UUID]) -> list[Check]:
    """What the case store holds for each case, against what one journey leaves."""
    from casework.dossier.audience import KEPT_AUDIENCES
    from casework.models.pending_moves import REFERRAL_SEND
    from casework.stages import TRANSITIONS
    from casework.vocabulary import Transition

    moments = [TRANSITIONS[Transition(stage.value)].moment for stage in PATH]
    copies = Counter({(m, a.value): 1 for m in moments for a in KEPT_AUDIENCES})
    kinds = Counter({**{stage.value: 1 for stage in PATH}, REFERRAL_SEND: 1})

    def rows(sql: str) -> list[Any]:
        query = text(sql).bindparams(bindparam("ids", expanding=True))
        with store.connect() as connection:
            return list(connection.execute(query, {"ids": ids}).all())

    done = {
        case_id: (stage, status)
        for case_id, stage, status in rows("SELECT id, stage, status FROM cases WHERE id IN :ids")
    }
    moved = Counter(
        dict(
            rows(
                "SELECT case_id, count(*) FROM case_events "
                "WHERE kind = 'stage_changed' AND case_id IN :ids GROUP BY case_id"
            )
        )
    )
    sent_events = Counter(
        dict(
            rows(
                "SELECT case_id, count(*) FROM case_events WHERE kind = 'referral_updated' "
                "AND detail->>'status' = 'sent' AND case_id IN :ids GROUP BY case_id"
            )
        )
    )
    kept: dict[uuid.UUID, Counter[tuple[str, str]]] = {i: Counter() for i in ids}
    ready: Counter[uuid.UUID] = Counter()
    partner: Counter[uuid.UUID] = Counter()
    for case_id, moment, audience, status, count in rows(
        "SELECT case_id, moment, audience, status, count(*) FROM dossiers "
        "WHERE case_id IN :ids GROUP BY case_id, moment, audience, status"
    ):
        if audience == "partner":
            partner[case_id] += count
        else:
            kept[case_id][(moment, audience)] += count
        if status == "ready":
            ready[case_id] += count
    referrals = {
        case_id: (made, sent)
        for case_id, made, sent in rows(
            "SELECT case_id, count(*), count(*) FILTER "
            "(WHERE sent_at IS NOT NULL AND dossier_id IS NOT NULL) "
            "FROM referrals WHERE case_id IN :ids GROUP BY case_id"
        )
    }
    asked: dict[uuid.UUID, Counter[str]] = {i: Counter() for i in ids}
    finished: Counter[uuid.UUID] = Counter()
    submitted: Counter[uuid.UUID] = Counter()
    for case_id, kind, count, ended, submissions in rows(
        "SELECT case_id, kind, count(*), count(finished_at), sum(submissions) "
        "FROM pending_moves WHERE case_id IN :ids GROUP BY case_id, kind"
    ):
        asked[case_id][kind] += count
        finished[case_id] += ended
        submitted[case_id] += submissions

    def check(
        label: str,
        each: int,
        found: Callable[[uuid.UUID], int],
        right: Callable[[uuid.UUID], bool] | None = None,
        verdict: bool = True,
    ) -> Check:
        counts = {i: found(i) for i in ids}
        off = sum(not (right(i) if right else counts[i] == each) for i in ids)
        return Check(label, each * len(ids), sum(counts.values()), off, verdict)

    per_case, per_move = sum(copies.values()), sum(kinds.values())
    return [
        check(
            "cases at stage completed, status completed",
            1,
            lambda i: int(done.get(i) == ("completed", "completed")),
        ),
        check(f"stage_changed events ({len(PATH)} a case)", len(PATH), lambda i: moved[i]),
        check(
            f"case copies kept, one per moment and audience ({per_case} a case)",
            per_case,
            lambda i: sum(kept[i].values()),
            lambda i: kept[i] == copies,
        ),
        check("partner copies kept (1 a case)", 1, lambda i: partner[i]),
        check(f"copies printed, ready ({per_case + 1} a case)", per_case + 1, lambda i: ready[i]),
        check(
            "referrals made, and sent (1 a case)",
            1,
            lambda i: referrals.get(i, (0, 0))[1],
            lambda i: referrals.get(i) == (1, 1),
        ),
        check("'sent' events of the referral (1 a case)", 1, lambda i: sent_events[i]),
        check(
            f"moves under way, one per move and send ({per_move} a case)",
            per_move,
            lambda i: sum(asked[i].values()),
            lambda i: asked[i] == kinds,
        ),
        check(f"moves under way finished ({per_move} a case)", per_move, lambda i: finished[i]),
        check(
            f"runs submitted for them ({per_move} a case; more: resubmitted by the recovery)",
            per_move,
            lambda i: submitted[i],
            verdict=False,
        ),
    ]


def print_checks(checks: list[Check]) -> None:
    """Expected and found, straight from the case store, with each count's verdict."""
    width = max(len(c.label) for c in checks)
    print("  counts read from the case store, per case:")
    print(f"    {'count':<{width}}  {'expected':>8}  {'found':>8}  {'cases off':>9}")
    for c in checks:
        verdict = "ok" if c.ok else "FAIL"
        if not c.verdict:
            verdict = "(information)"
        print(f"    {c.label:<{width}}  {c.expected:>8}  {c.found:>8}  {c.cases_off:>9}  {verdict}")


# --- 3. the status view on PostgreSQL --------------------------------------------------------


def status_under_load(
    args: argparse.Namespace, root: Path, http: httpx.Client, prefect: httpx.Client
) -> None:
    """Section 3: bench/run_benchmarks.py's section 2, on the scaled unit's PostgreSQL store."""
    driver = new_case(http)
    take_case(driver, Stage.LINKAGE)
    settle(driver, prefect)
    case_id, headers = driver.case["id"], dict(driver.headers[Role.ENTREPRENEUR])
    apps = {
        "GET /cases/{id}/status (casework app)": ("api.app:create_app", "/status"),
        "GET /cases/{id} (bare: token + user + case rows)": ("baselines:bare_token_read_app", ""),
        "GET /cases/{id} (bare: case row, no auth)": ("baselines:bare_read_app", ""),
    }
    pooled = {label: Load(label) for label in apps}
    with contextlib.ExitStack() as stack:
        # Each in a uvicorn process of its own, with this run's environment: the same
        # store, secret key and Prefect server as the unit.
        urls = {
            label: stack.enter_context(served_apart(factory, root / f"uvicorn-{i}.log"))
            + f"/cases/{case_id}{suffix}"
            for i, (label, (factory, suffix)) in enumerate(apps.items())
        }
        load = partial(hammer, clients=args.clients, max_seconds=args.load_seconds)
        for url in urls.values():  # warm-up: imports, connection pools, caches
            load(url, headers, requests=max(200, args.clients * 10))
        for _ in range(args.load_rounds):
            for label, url in urls.items():
                pooled[label].add(load(url, headers, requests=args.load_requests))
    status, bare_token, bare = pooled.values()
    print_loads(
        "3. status view vs bare one-row reads, over HTTP, on PostgreSQL",
        [*pooled.values()],
        clients=args.clients,
    )
    print_load_ratio("status view / bare token + row read", status, bare_token)
    print_load_ratio("bare token + row read / bare row read", bare_token, bare)


if __name__ == "__main__":
    sys.exit(main())
