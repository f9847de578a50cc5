"""The `casework` command: serve the unit (API + local Prefect server), manage accounts."""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import httpx
import typer
from rich.console import Console
from rich.table import Table

from commands.db_commands import db_app
from commands.preflight import PreflightFailed, check_port, check_store, reserve_port

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from demo.accounts import DemoPerson

app = typer.Typer(no_args_is_help=True, help="casework: the reception unit's case manager.")
user_app = typer.Typer(no_args_is_help=True, help="Manage accounts.")
app.add_typer(user_app, name="user")
app.add_typer(db_app, name="db")
console = Console()

_QUIET_PREFECT = {
    # Quiet the terminal only: PREFECT_LOGGING_LEVEL=WARNING would also keep the flows'
    # info lines from the API, and every run page would say it generated no logs.
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
}


# A fresh Prefect server migrates its database first: a busy 2-core machine takes minutes.
_PREFECT_START_S = 180


def _prepare_environment() -> None:
    # Before Prefect is imported: its settings are read from the environment once.
    os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".prefect"))
    for name, value in _QUIET_PREFECT.items():
        os.environ.setdefault(name, value)


def _start_prefect_server(port: int) -> subprocess.Popen[bytes]:
    prefect = Path(sys.executable).with_name("prefect")
    command = [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port)]
    environment = dict(os.environ)
    # The dashboard asks the server's UI settings where the API is; unless told, they say
    # 127.0.0.1:4200 whatever --port was, and a dashboard on another port shows nothing.
    environment.setdefault("PREFECT_UI_API_URL", f"http://127.0.0.1:{port}/api")
    server = subprocess.Popen(  # noqa: S603
        command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    health = f"http://127.0.0.1:{port}/api/health"
    deadline = time.monotonic() + _PREFECT_START_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            console.print(f"[red]The Prefect server stopped at start (exit {server.returncode}).")
            raise typer.Exit(1)
        try:
            if httpx.get(health, timeout=1).status_code == 200:
                return server
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    server.terminate()
    console.print(f"[red]The Prefect server did not answer within {_PREFECT_START_S} s.")
    raise typer.Exit(1)


def _stop(server: subprocess.Popen[bytes] | None) -> None:
    if server is None or server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()


def _load_demo() -> None:
    from casework.settings import get_settings
    from demo.accounts import demo_accounts_path
    from demo.unit import load_demo_unit

    accounts_file = demo_accounts_path(get_settings().database_url)
    console.print(
        "Loading the demo unit: a portfolio of a few dozen cases with months of history, "
        "and a handful taken through real flow runs ...",
        soft_wrap=True,
    )
    people = load_demo_unit(accounts_file)
    if people:
        _print_demo_accounts(people)
        console.print(
            f"Demo accounts kept in {accounts_file} (readable by you only), with those of "
            "the portfolio's entrepreneurs, who share one password.",
            soft_wrap=True,
        )
    elif accounts_file.exists():
        console.print(f"Demo accounts and passwords: {accounts_file}", soft_wrap=True)
    else:
        console.print(
            f"[yellow]Demo already loaded, but {accounts_file} is missing: its passwords were "
            "shown when it was first loaded. To start afresh, remove the store.",
            soft_wrap=True,
        )


def _print_demo_accounts(people: list["DemoPerson"]) -> None:
    table = Table(title="Demo accounts (made once, for this store)")
    for column in ("role", "email", "password"):
        table.add_column(column, no_wrap=True)
    for person in people:
        table.add_row(person.role, person.email, person.password)
    console.print(table)


def _preflight(host: str, port: int, prefect_port: int, own_prefect: bool) -> socket.socket:
    """Every check that needs no change anywhere; the API's port is held from here on."""
    from casework.settings import get_settings

    api_socket = reserve_port(host, port, what="API", remedy="choose another with --port")
    try:
        if own_prefect:
            remedy = (
                "choose another with --prefect-port, "
                "or set PREFECT_API_URL to use a Prefect server that runs already"
            )
            check_port("127.0.0.1", prefect_port, what="Prefect server", remedy=remedy)
        check_store(get_settings().database_url)
    except PreflightFailed:
        api_socket.close()
        raise
    return api_socket


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address the API listens on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port of the API.")] = 8000,
    prefect_port: Annotated[int, typer.Option(help="Port of the local Prefect server.")] = 4200,
    demo: Annotated[bool, typer.Option(help="Load the demo unit.")] = False,
) -> None:
    """Create the case store, start a local Prefect server (unless PREFECT_API_URL is set)."""
    _prepare_environment()
    own_prefect = not os.environ.get("PREFECT_API_URL")
    try:
        api_socket = _preflight(host, port, prefect_port, own_prefect)
    except PreflightFailed as problem:
        # One line, unwrapped, so it can be read (and grepped) whatever the terminal width.
        console.print(f"[red]{problem}", soft_wrap=True)
        raise typer.Exit(1) from None
    if not os.environ.get("CASEWORK_SECRET_KEY"):
        os.environ["CASEWORK_SECRET_KEY"] = secrets.token_urlsafe(48)
        console.print("[yellow]CASEWORK_SECRET_KEY is not set: tokens last until this stops.")
    server = None
    runner = None
    schedules = None
    try:
        if own_prefect:
            console.print(f"Starting the Prefect server on http://127.0.0.1:{prefect_port} ...")
            server = _start_prefect_server(prefect_port)
            os.environ["PREFECT_API_URL"] = f"http://127.0.0.1:{prefect_port}/api"
        import uvicorn

        from api.app import create_app
        from casework.database import get_engine
        from casework.migrations import upgrade_database
        from casework.settings import get_settings
        from flows.launcher import flow_runner, print_waiting_dossiers
        from flows.schedule_runner import ScheduleRunner

        settings = get_settings()
        scaled = settings.flow_runner == "deployment"
        if scaled:
            # Several processes share a scaled store: its operator migrates it, once.
            _refuse_outdated_schema(get_engine())
        else:
            upgrade_database(get_engine())
        runner = flow_runner()
        if scaled:
            console.print(
                f"Scaled mode: flows run as deployment runs on the work pool "
                f"{settings.work_pool!r}, served by `casework worker` processes.",
                soft_wrap=True,
            )
        else:
            schedules = ScheduleRunner()
            schedules.start()
            console.print(
                f"Daily follow-up sweep (cron {settings.sweep_cron}) and weekly portfolio "
                f"report (cron {settings.report_cron}) deployed, {settings.timezone}; "
                "this process runs them.",
                soft_wrap=True,
            )
            if waiting := print_waiting_dossiers():
                console.print(f"Printing the dossiers of {waiting} moment(s) left waiting ...")
        if demo:
            _load_demo()
        ui = os.environ["PREFECT_API_URL"].removesuffix("/api")
        console.print(f"API: http://{host}:{port}/docs    Prefect dashboard: {ui}")
        config = uvicorn.Config(create_app(), host=host, port=port, log_level="warning")
        # uvicorn re-raises the SIGTERM it caught once it has shut down; as a KeyboardInterrupt
        # it ends here like Ctrl-C, and the finally below still stops the runner and server.
        signal.signal(signal.SIGTERM, signal.default_int_handler)
        # The server re-raises the Ctrl-C it caught once it has shut down (uvicorn.run
        # swallows it the same way): stopping is the normal end, exit 0.
        with contextlib.suppress(KeyboardInterrupt):
            uvicorn.Server(config).run(sockets=[api_socket])
    finally:
        api_socket.close()
        if schedules is not None:
            schedules.stop()
        if runner is not None:
            # Prints not started stay pending in the store, printed at the next start.
            runner.close()
        _stop(server)


def _refuse_outdated_schema(engine: "Engine") -> None:
    from casework.schema_state import outdated_schema

    problem = outdated_schema(engine)
    if problem is not None:
        console.print(f"[red]{problem}", soft_wrap=True)
        raise typer.Exit(1)


@app.command()
def worker(
    name: Annotated[
        str | None, typer.Option(help="The worker's name on the dashboard (default: random).")
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(min=0, help="Runs at a time (default: the machine's cores; 0: no limit)."),
    ] = None,
) -> None:
    """Scaled mode: deploy the unit's flows on the work pool and run them as a Prefect worker.

    Each run is a new process whose start (importing Prefect) is CPU work: past about one
    run per core at a time, more runs only share the cores and each takes longer.
    """
    _prepare_environment()
    # A run is picked up within this many seconds of its submission (Prefect's default: 10).
    os.environ.setdefault("PREFECT_WORKER_QUERY_SECONDS", "1")
    if not os.environ.get("PREFECT_API_URL"):
        console.print(
            "[red]PREFECT_API_URL is not set: a worker serves the unit's Prefect server "
            "(e.g. http://127.0.0.1:4200/api).",
            soft_wrap=True,
        )
        raise typer.Exit(2)
    import asyncio

    from casework.database import get_engine
    from casework.settings import get_settings

    settings = get_settings()
    try:
        check_store(settings.database_url)
    except PreflightFailed as problem:
        console.print(f"[red]{problem}", soft_wrap=True)
        raise typer.Exit(1) from None
    _refuse_outdated_schema(get_engine())
    from flows.recovery import recover
    from flows.worker import register, serve

    pool = settings.work_pool
    deployed = asyncio.run(register(pool))
    console.print(f"Work pool {pool!r}: {len(deployed)} deployments registered.")
    recovered = recover(prints=True)
    if recovered.moves or recovered.prints:
        console.print(
            f"Submitted again: {len(recovered.moves)} move(s) and {recovered.prints} print(s) "
            "whose run had died.",
            soft_wrap=True,
        )
    if recovered.given_up:
        console.print(
            f"[yellow]Given up: {len(recovered.given_up)} move(s) whose runs kept failing "
            "(their cases' timelines say so; see the failed runs on the dashboard).",
            soft_wrap=True,
        )
    runs_at_a_time = (os.cpu_count() or 1) if limit is None else (limit or None)
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(
            serve(
                pool,
                name=name,
                limit=runs_at_a_time,
                started=lambda: console.print(
                    f"Worker serving {pool!r}, {runs_at_a_time or 'any number of'} run(s) at "
                    "a time; Ctrl-C stops it.",
                    soft_wrap=True,
                ),
            )
        )


@app.command()
def sweep(
    on: Annotated[
        str | None, typer.Option(help="The day to sweep, YYYY-MM-DD (default: today).")
    ] = None,
    prefect_port: Annotated[
        int, typer.Option(help="Port of the local Prefect server `casework serve` runs.")
    ] = 4200,
) -> None:
    """Run the daily follow-up sweep now, as a flow run on the unit's Prefect server."""
    from datetime import date

    if on is not None:
        try:
            date.fromisoformat(on)
        except ValueError:
            raise typer.BadParameter(f"{on!r} is not a date: write it YYYY-MM-DD") from None
    _prepare_environment()
    server = None
    try:
        if not os.environ.get("PREFECT_API_URL"):
            server = _local_prefect(prefect_port)
        from casework.database import get_engine
        from casework.migrations import upgrade_database
        from flows.sweep_flow import follow_up_sweep

        upgrade_database(get_engine())
        outcome = follow_up_sweep(on=on)
    finally:
        _stop(server)
    _print_sweep(outcome)
    if outcome["failures"]:
        raise typer.Exit(1)


@app.command()
def report(
    prefect_port: Annotated[
        int, typer.Option(help="Port of the local Prefect server `casework serve` runs.")
    ] = 4200,
) -> None:
    """Publish the portfolio report now, as a flow run whose artifacts the dashboard shows."""
    _prepare_environment()
    server = None
    try:
        if not os.environ.get("PREFECT_API_URL"):
            server = _local_prefect(prefect_port)
        from casework.database import get_engine
        from casework.migrations import upgrade_database
        from flows.report_flow import portfolio_report

        upgrade_database(get_engine())
        headline = portfolio_report()
    finally:
        _stop(server)
    waiting = ", ".join(
        f"{count} {stage.replace('_', '-')}"
        for stage, count in headline["open_by_stage"].items()
        if count
    )
    console.print(
        f"Portfolio published: {headline['cases']} case(s), {headline['open']} open "
        f"({waiting or 'none'}); "
        f"{headline['businesses_started']} business(es) started, "
        f"{headline['jobs_created']} job(s) created; {headline['requested']} asked of partners, "
        f"{headline['obtained']} obtained; {headline['advisor_hours']} advisor hours "
        f"({headline['support_cost']}).",
        soft_wrap=True,
    )
    console.print("See the artifacts portfolio-summary, -pipeline, -served and -partners.")


def _local_prefect(port: int) -> subprocess.Popen[bytes] | None:
    """Use the Prefect server `casework serve` runs; else start one for this command alone."""
    try:
        if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
            os.environ["PREFECT_API_URL"] = f"http://127.0.0.1:{port}/api"
            return None
    except httpx.TransportError:
        pass
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    console.print("Starting a Prefect server for this command ...")
    server = _start_prefect_server(free)
    os.environ["PREFECT_API_URL"] = f"http://127.0.0.1:{free}/api"
    return server


def _print_sweep(outcome: dict[str, Any]) -> None:
    console.print(
        f"Follow-up sweep of {outcome['on']}: {outcome['cases']} case(s) checked, "
        f"{len(outcome['flags'])} new flag(s), {len(outcome['failures'])} failure(s).",
        soft_wrap=True,
    )
    if outcome["flags"]:
        table = Table()
        for column in ("case", "new flag", "what to do"):
            table.add_column(column)
        for flag in outcome["flags"]:
            table.add_row(flag["reference"], flag["kind"], flag["summary"])
        console.print(table)
    for failure in outcome["failures"]:
        console.print(
            f"[red]Case {failure['case_id']} could not be swept: {failure['error']}",
            soft_wrap=True,
        )


@user_app.command("create")
def create_account(
    email: Annotated[str, typer.Option(help="Sign-in email.")],
    full_name: Annotated[str, typer.Option(help="The person's name.")],
    role: Annotated[str, typer.Option(help="entrepreneur, advisor or manager.")],
    password_stdin: Annotated[bool, typer.Option(help="Read the password from stdin.")] = False,
) -> None:
    """Create an account (the first manager of a new install comes from here)."""
    from pydantic import ValidationError

    from casework.database import get_engine, open_session
    from casework.errors import Conflict, InvalidInput
    from casework.migrations import upgrade_database
    from casework.services.users import AccountInput, create_user
    from casework.vocabulary import Role

    if not password_stdin:
        raise typer.BadParameter("pass the password on stdin with --password-stdin")
    password = sys.stdin.readline().rstrip("\n")
    try:
        data = AccountInput(email=email, full_name=full_name, password=password)
        wanted = Role(role)
    except ValidationError as problems:
        for problem in problems.errors():  # never the input: it may be the password
            console.print(f"[red]{'.'.join(map(str, problem['loc']))}: {problem['msg']}")
        raise typer.Exit(2) from None
    except ValueError:
        console.print(f"[red]role: one of {', '.join(r.value for r in Role)}")
        raise typer.Exit(2) from None
    upgrade_database(get_engine())
    with open_session() as session:
        try:
            user = create_user(data, wanted, session=session)
        except InvalidInput as refused:
            console.print(f"[red]{refused}")
            raise typer.Exit(2) from None
        except Conflict as clash:
            console.print(f"[red]{clash}")
            raise typer.Exit(1) from None
        session.commit()
        console.print(f"Created {user.role} {user.email} ({user.id}).")
