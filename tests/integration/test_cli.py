"""The `casework` command: account creation, and serving the API with a local Prefect server.

Serving checks its ports and its store before it touches anything."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlmodel import select
from typer.testing import CliRunner

from casework.database import get_engine, open_session
from casework.migrations import upgrade_database
from casework.models import User
from casework.passwords import verify_password
from casework.settings import get_settings
from commands.cli import app


@pytest.fixture
def database(tmp_path, monkeypatch):
    """An empty folder for the store: the command itself must create and migrate it."""
    monkeypatch.setenv("CASEWORK_DATABASE_URL", f"sqlite:///{tmp_path / 'casework.db'}")
    get_settings.cache_clear()
    get_engine.cache_clear()
    yield
    get_engine().dispose()
    get_engine.cache_clear()
    get_settings.cache_clear()


def test_user_create_reads_the_password_from_stdin(database):
    result = CliRunner().invoke(
        app,
        [
            "user",
            "create",
            "--email",
            "Head@Unit.example",
            "--full-name",
            "Head of unit",
            "--role",
            "manager",
            "--password-stdin",
        ],
        input="a long passphrase\n",
    )
    assert result.exit_code == 0, result.output
    with open_session() as session:
        user = session.exec(select(User)).one()
    assert (user.email, user.role) == ("head@unit.example", "manager")
    assert verify_password("a long passphrase", user.password_hash)


def test_user_create_refuses_a_short_password_and_an_unknown_role(database):
    runner = CliRunner()
    base = ["user", "create", "--email", "a@unit.example", "--full-name", "A B", "--password-stdin"]
    assert runner.invoke(app, [*base, "--role", "manager"], input="short\n").exit_code == 2
    assert runner.invoke(app, [*base, "--role", "king"], input="a long passphrase\n").exit_code == 2
    common = runner.invoke(app, [*base, "--role", "manager"], input="qwertyuiop\n")
    assert common.exit_code == 2
    assert "most common" in common.output
    assert "qwertyuiop" not in common.output  # the password is never echoed
    upgrade_database(get_engine())
    with open_session() as session:
        assert session.exec(select(User)).all() == []


def test_user_create_insists_on_stdin_for_the_password(database):
    result = CliRunner().invoke(
        app,
        ["user", "create", "--email", "a@unit.example", "--full-name", "A B", "--role", "advisor"],
    )
    assert result.exit_code != 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


def _environment(**extra: str) -> dict[str, str]:
    """This process's environment without casework's and Prefect's settings, plus `extra`."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CASEWORK_"))}
    return {**kept, **extra}


def _serve_and_fail(folder: Path, *options: str, **environment: str) -> str:
    """Run `casework serve` in `folder`, expecting it to give up at once; its output."""
    casework = Path(sys.executable).with_name("casework")
    finished = subprocess.run(
        [str(casework), "serve", *options],
        cwd=folder,
        env=_environment(**environment),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert finished.returncode != 0, finished.stdout + finished.stderr
    return finished.stdout + finished.stderr


def _the_one_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    return lines[0]


@pytest.mark.parametrize(("busy", "flag"), [("api", "--port"), ("prefect", "--prefect-port")])
def test_serve_names_a_busy_port_and_its_flag_before_touching_anything(
    tmp_path: Path, busy: str, flag: str
):
    ports = {"api": _free_port(), "prefect": _free_port()}
    with socket.socket() as squatter:
        squatter.bind(("127.0.0.1", ports[busy]))
        squatter.listen()
        output = _serve_and_fail(
            tmp_path,
            "--demo",
            *("--port", str(ports["api"]), "--prefect-port", str(ports["prefect"])),
        )
    line = _the_one_line(output)
    assert str(ports[busy]) in line
    assert "busy" in line
    assert f"with {flag}" in line
    # Nothing touched: no store made or migrated, no Prefect server started.
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("sqlite:////proc/nope.db", "CASEWORK_DATABASE_URL=sqlite:////proc/nope.db: cannot open "),
        (
            "postgresql+psycopg://casework:pw-never-shown@127.0.0.1:{port}/casework",
            "CASEWORK_DATABASE_URL=postgresql+psycopg://casework:***@127.0.0.1:{port}/casework: ",
        ),
    ],
)
def test_serve_names_a_store_it_cannot_open_in_one_line_before_starting_prefect(
    tmp_path: Path, url: str, says: str
):
    nobody = _free_port()
    prefect_port = _free_port()
    output = _serve_and_fail(
        tmp_path,
        *("--port", str(_free_port()), "--prefect-port", str(prefect_port)),
        CASEWORK_DATABASE_URL=url.format(port=nobody),
    )
    line = _the_one_line(output)
    assert line.startswith(says.format(port=nobody))
    assert "pw-never-shown" not in output
    assert not (tmp_path / ".prefect").exists()
    assert not _answers(f"http://127.0.0.1:{prefect_port}/api/health")


def test_serve_starts_api_and_prefect_whose_dashboard_follows_its_port(tmp_path: Path):
    api_port, prefect_port = _free_port(), _free_port()
    casework = Path(sys.executable).with_name("casework")
    server = subprocess.Popen(
        [str(casework), "serve", "--port", str(api_port), "--prefect-port", str(prefect_port)],
        cwd=tmp_path,
        env=_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 300
        while not _answers(f"http://127.0.0.1:{api_port}/health") and time.monotonic() < deadline:
            assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
            time.sleep(0.5)
        assert _answers(f"http://127.0.0.1:{prefect_port}/api/health")
        assert (tmp_path / "casework.db").exists()
        assert (tmp_path / ".prefect").is_dir()
        # The dashboard asks this where its API is: the port it was served from, not 4200.
        ui = httpx.get(f"http://127.0.0.1:{prefect_port}/ui-settings", timeout=5).json()
        assert ui["api_url"] == f"http://127.0.0.1:{prefect_port}/api"
        _the_sweep_is_deployed_and_run_by_serve(prefect_port)
        swept = subprocess.run(
            [str(casework), "sweep", "--on", "2031-01-15", "--prefect-port", str(prefect_port)],
            cwd=tmp_path,
            env=_environment(),
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert swept.returncode == 0, swept.stdout + swept.stderr
        assert "Follow-up sweep of 2031-01-15" in swept.stdout
        reported = subprocess.run(
            [str(casework), "report", "--prefect-port", str(prefect_port)],
            cwd=tmp_path,
            env=_environment(),
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert reported.returncode == 0, reported.stdout + reported.stderr
        assert "Portfolio published: 0 case(s), 0 open (none)" in reported.stdout
        latest = httpx.get(
            f"http://127.0.0.1:{prefect_port}/api/artifacts/portfolio-summary/latest", timeout=10
        )
        assert latest.status_code == 200, latest.text
        assert "**0 cases**" in latest.json()["data"]
    finally:
        # A service manager stops it with SIGTERM: the Prefect server goes with it.
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert server.returncode == 0
    assert not _answers(f"http://127.0.0.1:{prefect_port}/api/health")


def _the_sweep_is_deployed_and_run_by_serve(prefect_port: int) -> None:
    """The daily sweep's deployment has its schedule, and a run of it is executed by serve."""
    api = f"http://127.0.0.1:{prefect_port}/api"
    found = httpx.get(f"{api}/deployments/name/follow-up-sweep/follow-up-sweep", timeout=10)
    assert found.status_code == 200, found.text
    deployment = found.json()
    [schedule] = deployment["schedules"]
    assert schedule["schedule"]["cron"] == "0 6 * * *"
    assert schedule["active"] is True
    report = httpx.get(f"{api}/deployments/name/portfolio-report/portfolio-report", timeout=10)
    assert report.status_code == 200, report.text
    [weekly] = report.json()["schedules"]
    assert (weekly["schedule"]["cron"], weekly["active"]) == ("0 7 * * 1", True)
    run = httpx.post(
        f"{api}/deployments/{deployment['id']}/create_flow_run",
        json={"parameters": {"on": "2031-01-15"}},
        timeout=10,
    ).json()
    deadline = time.monotonic() + 120
    state = ""
    while time.monotonic() < deadline:
        state = httpx.get(f"{api}/flow_runs/{run['id']}", timeout=10).json()["state"]["type"]
        if state in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
            break
        time.sleep(1)
    assert state == "COMPLETED"


def test_sweep_names_a_day_that_is_not_a_date_before_starting_anything(tmp_path: Path):
    casework = Path(sys.executable).with_name("casework")
    refused = subprocess.run(
        [str(casework), "sweep", "--on", "2031-13-01"],
        cwd=tmp_path,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert refused.returncode == 2
    assert "is not a date: write it YYYY-MM-DD" in refused.stderr
    assert not (tmp_path / ".prefect").exists()
