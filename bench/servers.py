"""The processes a run serves from: a real Prefect server, and ASGI apps under uvicorn."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx

QUIET_PREFECT = {
    # As `casework serve` runs: a quiet terminal, the flows' info lines still sent to the
    # run pages (their cost is part of what a move costs).
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
}
SERVER_START_TIMEOUT_S = 120.0
SERVER_STOP_TIMEOUT_S = 15.0
APP_START_TIMEOUT_S = 60.0
BENCH_DIR = Path(__file__).resolve().parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
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


@contextlib.contextmanager
def served_apart(factory: str, log: Path) -> Iterator[str]:
    """Serve `module:factory` with uvicorn in a process of its own on 127.0.0.1; yield its URL.

    Load tests use this: clients in the same process would share the server's GIL. Every
    app served this way gets the same settings (one worker, no access log), and the
    environment of this run (store, secret key, Prefect API).
    """
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", factory, "--app-dir", str(BENCH_DIR)]
    command += ["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    command += ["--no-access-log"]
    with log.open("wb") as output:
        process = subprocess.Popen(
            command,
            cwd=BENCH_DIR.parent,  # the repository, so that `api` and `casework` import
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + APP_START_TIMEOUT_S
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{factory} exited at start; see {log}")
            try:
                httpx.get(f"{url}/", timeout=2)  # any answer, 404 included, means it serves
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{factory} did not start; see {log}") from None
                time.sleep(0.1)
        yield url
    finally:
        stop_process_group(process)
