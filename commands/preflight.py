"""What `casework serve` checks before it touches anything: its ports are free, its store opens.

Each check answers with one line a newcomer can act on, or raises nothing.
"""

import errno
import socket

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool


class PreflightFailed(Exception):
    """A start-up check failed; the message is the one line to show."""


def reserve_port(host: str, port: int, *, what: str, remedy: str) -> socket.socket:
    """A socket listening on `host:port`, held from the check until the server takes it over."""
    # Holding the socket (rather than probing and letting go) closes the gap in which a
    # second `casework serve`, started while this one loads the demo, would find it free.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    # As uvicorn does, so a port left in TIME_WAIT by the last run counts as free.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        # Listening, not just bound: on Linux two SO_REUSEADDR sockets may both bind
        # one port while neither listens, so only a listener keeps the next one out.
        sock.listen(2048)
    except (OSError, OverflowError) as problem:
        sock.close()
        raise PreflightFailed(_port_problem(host, port, what, remedy, problem)) from None
    return sock


def check_port(host: str, port: int, *, what: str, remedy: str) -> None:
    """Fail if `host:port` cannot be listened on now (for a server another process starts)."""
    reserve_port(host, port, what=what, remedy=remedy).close()


def _port_problem(host: str, port: int, what: str, remedy: str, problem: Exception) -> str:
    if isinstance(problem, socket.gaierror) or (
        isinstance(problem, OSError) and problem.errno == errno.EADDRNOTAVAIL
    ):
        reason = problem.strerror if isinstance(problem, OSError) else problem
        return f"The {what}'s address {host} is not one of this machine's ({reason}): check --host."
    if isinstance(problem, OSError) and problem.errno == errno.EADDRINUSE:
        reason = "is busy (something else listens on it)"
    elif isinstance(problem, OSError) and problem.errno == errno.EACCES:
        reason = "needs privileges this user lacks"
    elif isinstance(problem, OSError):
        reason = f"cannot be used ({problem.strerror or problem})"
    else:
        reason = "is not a port number (0-65535)"
    return f"Port {port} on {host} for the {what} {reason}: {remedy}."


def check_store(url: str, *, setting: str = "CASEWORK_DATABASE_URL") -> None:
    """Fail with one line if the case store at `url` cannot be opened (password masked)."""
    shown = url
    try:
        parsed = make_url(url)
        shown = parsed.render_as_string(hide_password=True)
        # A short connect timeout: an unreachable server should not hang the start.
        timeout = {"connect_timeout": 10} if parsed.get_backend_name() == "postgresql" else {}
        engine = create_engine(parsed, poolclass=NullPool, connect_args=timeout)
        try:
            with engine.connect() as connection:
                if parsed.get_backend_name() == "sqlite":
                    # The store runs in WAL mode: this is what first writes beside the file.
                    connection.execute(text("PRAGMA journal_mode=WAL"))
        finally:
            engine.dispose()
    except (SQLAlchemyError, ImportError, ValueError) as problem:
        raise PreflightFailed(f"{setting}={shown}: {_store_problem(url, problem)}") from None


def _store_problem(url: str, problem: Exception) -> str:
    original = getattr(problem, "orig", None) or problem
    # Drivers answer in several lines (psycopg adds hints); the first says what went wrong.
    lines = str(original).strip().splitlines() or [type(original).__name__]
    reason = lines[0]
    try:
        parsed = make_url(url)
    except (SQLAlchemyError, ValueError):
        return f"not a database URL ({reason})"
    if parsed.password:
        # Drivers do not echo the password today; make sure none ever reaches the terminal.
        reason = reason.replace(str(parsed.password), "***")
    if parsed.get_backend_name() == "sqlite":
        return f"cannot open {parsed.database or ':memory:'} ({reason})"
    where = f"{parsed.host or 'localhost'}:{parsed.port or 'default port'}"
    return f"cannot connect to {where} ({reason})"
