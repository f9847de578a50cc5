"""What casework adds on top of its stack: one run, a throwaway unit, a real Prefect server.

Run with `make bench` or `.venv/bin/python bench/run_benchmarks.py [--repeats N]`.
Everything lives in a temporary folder (case store, PREFECT_HOME, server log) and
on 127.0.0.1; the Prefect server started here is stopped at the end, also on error.
See bench/README.md for what each number means.
"""

import argparse
import contextlib
import os
import platform
import sys
import tempfile
import time
import uuid
from functools import partial
from pathlib import Path
from typing import Any

import httpx
from breakdown import Breakdown, measure_breakdown, print_breakdown
from measurements import (
    Load,
    Row,
    hammer,
    measure,
    nothing,
    print_load_ratio,
    print_loads,
    print_ratio,
    print_rows,
)
from retries import count_client_retries, print_client_retries, report_server_log
from servers import QUIET_PREFECT, served, served_apart, start_prefect_server, stop_process_group
from unit import Unit, make_person

HTTP_TIMEOUT_S = 120.0
SLOW_TRANSITION_S = 1.5


def parse_args() -> argparse.Namespace:
    """The repeat counts and switches of one run, checked."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15, help="timed runs of slow things")
    parser.add_argument("--warmup", type=int, default=3, help="untimed runs before each")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (section 2)")
    parser.add_argument(
        "--load-requests", type=int, default=2000, help="requests per app per round (section 2)"
    )
    parser.add_argument("--load-rounds", type=int, default=3, help="alternating rounds (section 2)")
    parser.add_argument(
        "--load-seconds", type=float, default=30.0, help="longest round of one app (section 2)"
    )
    parser.add_argument("--sections", default="123", help="which sections to run, e.g. 2")
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
    counts = (args.repeats, args.clients, args.load_requests, args.load_rounds)
    if min(counts) < 1 or min(args.warmup, args.breakdown_repeats) < 0:
        parser.error("repeats, clients, load requests and rounds ≥ 1; warmup, breakdown ≥ 0")
    if args.clients > 100 or not 0 < args.load_seconds <= 600:
        parser.error("at most 100 clients, and a round lasts at most 600 s")
    if not set(args.sections) <= set("123") or not args.sections:
        parser.error("sections are digits among 1, 2, 3")
    return args


def main() -> int:
    """Configure a temporary store and Prefect server, run the benchmarks, stop the server."""
    args = parse_args()
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="casework-bench-") as tmp:
        root = Path(tmp)
        prefect_home = root / "prefect-home"
        prefect_home.mkdir()
        # All configuration goes in before casework, prefect, flows or api are imported.
        os.environ.update(QUIET_PREFECT)
        os.environ["PREFECT_HOME"] = str(prefect_home)
        os.environ["CASEWORK_DATABASE_URL"] = f"sqlite:///{root / 'casework.db'}"
        # One secret for this process and the apps served apart, so that one token works in all.
        os.environ["CASEWORK_SECRET_KEY"] = uuid.uuid4().hex * 2
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
    """The measured sections, then their report; the environment is configured."""
    imports_began = time.perf_counter()
    import sqlite3

    import fastapi
    import prefect
    import sqlalchemy
    import uvicorn
    import weasyprint
    from baselines import empty_flow_calls

    from api.app import create_app
    from casework.database import create_tables, get_engine
    from casework.vocabulary import Role

    imports_s = time.perf_counter() - imports_began
    retries = count_client_retries()

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
        f"  repeats {args.repeats} (warm-up {args.warmup}), breakdown {args.breakdown_repeats}; "
        f"load: {args.clients} clients, {args.load_rounds} rounds of {args.load_requests} "
        f"requests per app; sections {args.sections}"
    )

    create_tables(get_engine())
    advisor = make_person("awa@unit.example", Role.ADVISOR, "Awa Ndiaye")
    manager = make_person("moussa@unit.example", Role.MANAGER, "Moussa Sow")
    entrepreneur = make_person("fatou@mail.example", Role.ENTREPRENEUR, "Fatou Diop")

    with (
        served(create_app()) as api_url,
        httpx.Client(base_url=api_url, timeout=HTTP_TIMEOUT_S) as client,
    ):
        unit = Unit(client, advisor, manager, entrepreneur)
        for name, kind in (("CDE", "technical"), ("Meso Credit", "financial")):
            unit.add_partner(name, kind)
        if "1" in args.sections:
            print("\n(1/3) transitions and empty flows ...", flush=True)
            transitions(args, unit, retries, empty_flow_calls())
        retries.phase = "2. setup"
        linkage_case = unit.case_in_linkage()
    if "2" in args.sections:
        print("(2/3) status view and bare reads under concurrent clients ...", flush=True)
        retries.phase = "2. status under load"
        status_under_load(args, root, linkage_case, entrepreneur.headers)
    if "3" in args.sections:
        print("(3/3) dossier renders ...", flush=True)
        retries.phase = "3. dossier"
        dossier_renders(args, linkage_case)
    print_client_retries(retries)


def transitions(args: argparse.Namespace, unit: Unit, retries: Any, empty_calls: Any) -> None:
    """Section 1: a stage transition over HTTP, next to empty flow runs on the same server."""
    call_async_flow, call_sync_flow = empty_calls
    repeats, warmup = args.repeats, args.warmup
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
    from flows.launcher import flow_runner

    pending: list[str] = []
    moved: list[str] = []

    def printed() -> None:
        while moved:
            unit.wait_for_prints(moved.pop())
        # The copies are ready a moment before their flow run ends (its artifact comes last).
        assert flow_runner().settle(timeout=120)

    def next_case() -> None:
        printed()  # the previous move's dossier is printed before the next move is timed
        pending.append(unit.case_ready_for_support())

    def transition() -> None:
        case_id = pending.pop()
        unit.move(case_id, "support")
        moved.append(case_id)

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
        breakdown = measure_breakdown(
            transition, before=next_case, after=printed, repeats=args.breakdown_repeats
        )

    printed()
    print_rows(
        "1. stage transition over HTTP vs empty Prefect flow runs",
        [transition_row, empty_async_row, empty_sync_row],
        show_samples=args.show_samples,
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


def status_under_load(
    args: argparse.Namespace, root: Path, case_id: str, headers: dict[str, str]
) -> None:
    """Section 2: the status view and bare reads, each app in its own uvicorn process."""
    apps = {
        "GET /cases/{id}/status (casework app)": ("api.app:create_app", "/status"),
        "GET /cases/{id} (bare: token + user + case rows)": ("baselines:bare_token_read_app", ""),
        "GET /cases/{id} (bare: case row, no auth)": ("baselines:bare_read_app", ""),
    }
    pooled = {label: Load(label) for label in apps}
    with contextlib.ExitStack() as stack:
        urls = {
            label: stack.enter_context(served_apart(factory, root / f"uvicorn-{i}.log"))
            + f"/cases/{case_id}{suffix}"
            for i, (label, (factory, suffix)) in enumerate(apps.items())
        }
        load = partial(hammer, clients=args.clients, max_seconds=args.load_seconds)
        for url in urls.values():  # warm-up: imports, connection pools, caches
            load(url, headers, requests=max(200, args.clients * 10))
        # Alternating rounds, so that a slow minute of a shared machine hits every app alike.
        for _ in range(args.load_rounds):
            for label, url in urls.items():
                pooled[label].add(load(url, headers, requests=args.load_requests))
    status, bare_token, bare = pooled.values()
    print_loads(
        "2. status view vs bare one-row reads, over HTTP", [*pooled.values()], clients=args.clients
    )
    print_load_ratio("status view / bare token + row read", status, bare_token)
    print_load_ratio("bare token + row read / bare row read", bare_token, bare)


def dossier_renders(args: argparse.Namespace, case_id: str) -> None:
    """Section 3: a dossier render, next to a one-paragraph page."""
    from baselines import one_paragraph_page

    from casework.database import open_session
    from casework.dossier.gather import gather_dossier
    from casework.dossier.render import render_dossier
    from casework.models import Case
    from casework.vocabulary import Audience

    case_uuid = uuid.UUID(case_id)
    gather_row = Row("  of which gather_dossier (store reads)")
    render_row = Row("  of which render_dossier (Jinja + WeasyPrint)")
    dossier_row = Row("dossier of a linkage case (gather + render)")
    for i in range(args.warmup + args.repeats):
        start = time.perf_counter()
        with open_session() as session:
            case = session.get(Case, case_uuid)
            assert case is not None
            context = gather_dossier(case, session=session)
        gathered = time.perf_counter()
        content = render_dossier(context, Audience.UNIT)
        done = time.perf_counter()
        if i >= args.warmup:
            gather_row.samples.append(gathered - start)
            render_row.samples.append(done - gathered)
            dossier_row.samples.append(done - start)
    baseline_row = measure(
        "one-paragraph page, WeasyPrint HTML(string).write_pdf()",
        one_paragraph_page,
        repeats=args.repeats,
        warmup=args.warmup,
        before=nothing,
    )
    pages, size, matches = (
        pdf_pages(content),
        len(content) / 1024,
        len(context.partner_matches),
    )
    print_rows(
        f"3. dossier render ({pages} pages, {size:.0f} KiB, {matches} partner matches)",
        [dossier_row, gather_row, render_row, baseline_row],
        show_samples=args.show_samples,
    )
    print_ratio("dossier / one-paragraph page", dossier_row, baseline_row)


def pdf_pages(content: bytes) -> str:
    """The page count of a PDF, or "?" without pypdf."""
    try:
        import io

        from pypdf import PdfReader
    except ImportError:
        return "?"
    return str(len(PdfReader(io.BytesIO(content)).pages))


if __name__ == "__main__":
    sys.exit(main())
