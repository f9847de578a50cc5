"""A unit in scaled mode, as its operator runs it: every process real, on PostgreSQL.

A Prefect server on a PostgreSQL database of its own, the case store in a PostgreSQL
schema migrated by `casework db upgrade`, staff made by `casework user create`, two
`casework worker` processes and `casework serve` in deployment mode, each a process of
its own with the settings the README gives.
"""

import os
import random
import signal
import socket
import string
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

BIN = Path(sys.executable).parent
PASSWORD = "a long scaled-mode password"
STAFF = {"advisor": "awa@unit.example", "manager": "moussa@unit.example"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


@dataclass
class ScaledUnit:
    """The running unit: its addresses, its settings, and its processes by name."""

    api: str
    prefect_api: str
    store_url: str
    environment: dict[str, str]
    folder: Path
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    def start(self, name: str, *arguments: str) -> subprocess.Popen[bytes]:
        """Start `casework <arguments>` (or another program of the venv) as process `name`."""
        program = arguments[0] if arguments[0] == "prefect" else "casework"
        rest = arguments[1:] if program == "prefect" else arguments
        log = (self.folder / f"{name}.log").open("ab")
        process = subprocess.Popen(
            [str(BIN / program), *rest],
            cwd=self.folder,
            env=self.environment,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: killed with its children
        )
        self.processes[name] = process
        return process

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def kill(self, name: str) -> None:
        """Kill the process and every child it started, at once (SIGKILL), as a crash would."""
        process = self.processes.pop(name)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for name in list(self.processes):
            process = self.processes.pop(name)
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(timeout=10)

    def casework(self, *arguments: str, stdin: str = "") -> str:
        """Run a `casework` command to its end; its output (it must succeed)."""
        done = subprocess.run(
            [str(BIN / "casework"), *arguments],
            cwd=self.folder,
            env=self.environment,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def wait_for_line(self, name: str, line: str, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while line not in self.log(name):
            assert self.processes[name].poll() is None, f"{name} stopped:\n{self.log(name)}"
            assert time.monotonic() < deadline, f"{name} never said {line!r}:\n{self.log(name)}"
            time.sleep(0.5)

    def wait_for(self, url: str, what: str, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while not _answers(url):
            for name, process in self.processes.items():
                assert process.poll() is None, f"{name} stopped:\n{self.log(name)}"
            assert time.monotonic() < deadline, f"{what} did not answer in {timeout} s"
            time.sleep(0.5)


@contextmanager
def prefect_database(postgres_url: str) -> Iterator[str]:
    """A new PostgreSQL database for the Prefect server; its asyncpg URL."""
    name = "prefect_" + "".join(random.choices(string.ascii_lowercase, k=10))
    admin = create_engine(postgres_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name}"))
    try:
        url = make_url(postgres_url).set(drivername="postgresql+asyncpg", database=name)
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@contextmanager
def scaled_unit(
    folder: Path, store_url: str, prefect_url: str, **settings: str
) -> Iterator[ScaledUnit]:
    """Start the unit's processes; stop them all on exit."""
    prefect_port, api_port = free_port(), free_port()
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "CASEWORK_"))}
    environment = {
        **kept,
        "PREFECT_HOME": str(folder / ".prefect"),
        "PREFECT_API_URL": f"http://127.0.0.1:{prefect_port}/api",
        "PREFECT_SERVER_DATABASE_CONNECTION_URL": prefect_url,
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        "CASEWORK_DATABASE_URL": store_url,
        "CASEWORK_FLOW_RUNNER": "deployment",
        "CASEWORK_SECRET_KEY": "".join(random.choices(string.ascii_letters, k=48)),
        **settings,
    }
    unit = ScaledUnit(
        f"http://127.0.0.1:{api_port}",
        environment["PREFECT_API_URL"],
        store_url,
        environment,
        folder,
    )
    try:
        unit.start("prefect", "prefect", "server", "start", "--port", str(prefect_port))
        unit.wait_for(f"{unit.prefect_api}/health", "the Prefect server")
        unit.casework("db", "upgrade")
        for role, email in STAFF.items():
            unit.casework(
                *("user", "create", "--email", email, "--full-name", role.title()),
                *("--role", role, "--password-stdin"),
                stdin=PASSWORD + "\n",
            )
        for name in ("worker-1", "worker-2"):
            unit.start(name, "worker", "--name", name)
        for name in ("worker-1", "worker-2"):
            unit.wait_for_line(name, "Worker serving")
        unit.start("api", "serve", "--port", str(api_port))
        unit.wait_for(f"{unit.api}/health", "the API")
        yield unit
    finally:
        unit.stop_all()
