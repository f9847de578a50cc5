"""Backing up the case store to one file, and restoring it: SQLite or PostgreSQL.

SQLite's backup is a copy made with its online backup API, consistent while the store is
in use; PostgreSQL's is a `pg_dump` archive (custom format) of the store's schema. A
restore makes the store exactly the backup, and is refused, with nothing changed, into a
store that holds tables unless they are to be replaced.
"""

import os
import re
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from sqlalchemy import MetaData, create_engine, inspect
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import NullPool

# Every store casework migrated has it: a backup without it is not one of a case store.
VERSION_TABLE = "alembic_version"

# `pg_restore --list` lines: a table of the archive, and the entries of a schema itself.
_ARCHIVED_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+) ", re.MULTILINE)
_SCHEMA_ENTRY = re.compile(r"^\d+; \d+ \d+ (SCHEMA - |[A-Z]+ - SCHEMA )")


class BackupFailed(Exception):
    """A backup or a restore did not happen; the message is the one line to show."""


class BackupRefused(BackupFailed):
    """Refused before anything changed: the file or the store is not what was asked for."""


def backup(url: str, destination: Path) -> None:
    """Back the case store at `url` up to `destination`, which is replaced only once done."""
    store = _parse(url)
    if destination.is_dir():
        raise BackupRefused(f"{destination} is a folder: name the backup file to write.")
    if (
        store.get_backend_name() == "sqlite"
        and destination.resolve() == _sqlite_path(store).resolve()
    ):
        raise BackupRefused(f"{destination} is the case store itself: name another file.")
    try:
        # Written beside the destination, readable by this user alone, and renamed once whole.
        handle, name = tempfile.mkstemp(
            dir=destination.parent, prefix=f".{destination.name}.", suffix=".part"
        )
    except OSError as problem:
        raise BackupRefused(f"Cannot write {destination}: {problem.strerror}.") from None
    os.close(handle)
    part = Path(name)
    try:
        if store.get_backend_name() == "sqlite":
            _sqlite_backup(store, part)
        else:
            _pg_dump(store, part)
        part.replace(destination)
    except OSError as problem:
        raise BackupFailed(f"Cannot write {destination}: {problem.strerror}.") from None
    finally:
        part.unlink(missing_ok=True)


def restore(url: str, source: Path, *, replace: bool = False) -> None:
    """Make the case store at `url` exactly the backup `source`.

    Refused, with nothing changed, when `source` is no backup of this kind of store, or
    when the store holds tables and `replace` is false.
    """
    store = _parse(url)
    if not source.is_file():
        raise BackupRefused(f"There is no backup file at {source}.")
    if store.get_backend_name() == "sqlite":
        path = _sqlite_path(store)
        _check_sqlite_backup(source)
        _, tables = _store_tables(store)
        _refuse_to_replace(store, tables, replace)
        _sqlite_restore(source, path)
    else:
        schema, tables = _store_tables(store)
        listing = _check_archive(source, store, schema)
        _refuse_to_replace(store, tables, replace)
        _pg_restore(store, source, listing, emptied=bool(tables))


def _refuse_to_replace(store: URL, tables: list[str], replace: bool) -> None:
    if tables and not replace:
        raise BackupRefused(
            f"The case store at {_shown(store)} holds {len(tables)} tables: restoring would "
            "replace them all; ask for it (`casework db restore --replace`) to go ahead."
        )


def _parse(url: str) -> URL:
    try:
        store = make_url(url)
    except ArgumentError:
        raise BackupRefused("The case store's URL is not a database URL.") from None
    if store.get_backend_name() not in {"sqlite", "postgresql"}:
        raise BackupRefused(
            f"casework backs up SQLite and PostgreSQL stores, not {store.get_backend_name()}."
        )
    return store


def _shown(store: URL) -> str:
    return store.render_as_string(hide_password=True)


def _masked(text: str, store: URL) -> str:
    """The first line of a driver's or a program's message, the store's password masked."""
    lines = [line.strip() for line in text.splitlines() if line.strip()] or ["no reason given"]
    # A program's error may be followed by its detail (pg_dump's versions, for one).
    said = " ".join(lines[:2]) if len(lines) > 1 and ": detail:" in lines[1] else lines[0]
    return said.replace(str(store.password), "***") if store.password else said


def _store_tables(store: URL) -> tuple[str | None, list[str]]:
    """The store's schema (None on SQLite) and its tables, read through its driver."""
    engine = _engine(store)
    try:
        inspector = inspect(engine)
        schema = inspector.default_schema_name if store.get_backend_name() != "sqlite" else None
        return schema, inspector.get_table_names()
    except SQLAlchemyError as problem:
        reason = _masked(str(getattr(problem, "orig", None) or problem), store)
        raise BackupFailed(f"Cannot read the case store at {_shown(store)}: {reason}") from None
    finally:
        engine.dispose()


def _engine(store: URL) -> Engine:
    # A short connect timeout: an unreachable server should not hang a backup.
    timeout = {"connect_timeout": 10} if store.get_backend_name() == "postgresql" else {}
    return create_engine(store, poolclass=NullPool, connect_args=timeout)


# SQLite: the online backup API, in both directions.


def _sqlite_path(store: URL) -> Path:
    if not store.database or store.database == ":memory:":
        raise BackupRefused(f"The case store at {_shown(store)} lives in memory: no file to copy.")
    return Path(store.database)


@contextmanager
def _sqlite_file(path: Path, mode: str) -> Iterator[sqlite3.Connection]:
    """A connection to the database file at `path`, opened as `mode` asks (ro, rw, rwc)."""
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    with closing(sqlite3.connect(uri, uri=True, timeout=15)) as connection:
        yield connection


def _sqlite_backup(store: URL, part: Path) -> None:
    path = _sqlite_path(store)
    if not path.is_file():
        raise BackupFailed(f"There is no case store at {path}.")
    try:
        with _sqlite_file(path, "rw") as source, _sqlite_file(part, "rw") as copy:
            source.backup(copy)
            # The copy's header says WAL, as the store's does: one self-contained file instead.
            copy.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.Error as problem:
        raise BackupFailed(f"Cannot back up the case store at {path}: {problem}.") from None


def _check_sqlite_backup(source: Path) -> None:
    try:
        with _sqlite_file(source, "ro") as copy:
            tables = {name for (name,) in copy.execute("SELECT name FROM sqlite_master")}
            [verdict] = copy.execute("PRAGMA quick_check(1)").fetchone()
    except sqlite3.DatabaseError as problem:
        raise BackupRefused(
            f"{source} is not a backup of a SQLite case store: {problem}."
        ) from None
    if VERSION_TABLE not in tables:
        raise BackupRefused(
            f"{source} is not a backup of a case store: a SQLite database without {VERSION_TABLE}."
        )
    if verdict != "ok":
        raise BackupRefused(f"{source} is a damaged SQLite backup: {verdict}.")


def _sqlite_restore(source: Path, path: Path) -> None:
    try:
        # Into the store's own file, through SQLite: connections open on it, in WAL mode,
        # read the restored pages as they would any other committed write.
        with _sqlite_file(source, "ro") as copy, _sqlite_file(path, "rwc") as target:
            copy.backup(target)
    except sqlite3.Error as problem:
        raise BackupFailed(f"Cannot restore {source} into {path}: {problem}.") from None


# PostgreSQL: pg_dump and pg_restore, on the store's schema.


def _program(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    # Debian installs each major version's programs there, off PATH: the newest reads them all.
    installed = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    if installed:
        return str(installed[-1])
    raise BackupFailed(
        f"{name} is not installed (neither on PATH nor in /usr/lib/postgresql/*/bin): install "
        "PostgreSQL's client programs of the server's major version (Debian: postgresql-client)."
    )


def _run(command: list[str], store: URL) -> subprocess.CompletedProcess[str]:
    """Run a PostgreSQL program on the store, its password in the environment only."""
    fields = {
        "host": store.host,
        "port": store.port,
        "user": store.username,
        "dbname": store.database,
        **{
            key: value if isinstance(value, str) else value[-1]
            for key, value in store.query.items()
        },
    }
    conninfo = " ".join(f"{key}={_quoted(str(value))}" for key, value in fields.items() if value)
    environment = dict(os.environ)
    environment.setdefault("PGCONNECT_TIMEOUT", "10")
    if store.password is not None:
        environment["PGPASSWORD"] = str(store.password)
    try:
        return subprocess.run(  # noqa: S603  (our arguments, no shell)
            [*command, f"--dbname={conninfo}"],
            env=environment,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError as problem:
        raise BackupFailed(f"Cannot run {command[0]}: {problem.strerror}.") from None


def _quoted(value: str) -> str:
    """`value` as a libpq connection string writes a value: in quotes, escaped."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _pg_dump(store: URL, part: Path) -> None:
    schema, _ = _store_tables(store)
    if schema is None:
        raise BackupFailed(
            f"The case store at {_shown(store)} has no schema (see its search_path)."
        )
    # Only the store's schema (its search_path's first): a database may hold several stores.
    pattern = '"' + schema.replace('"', '""') + '"'
    command = [_program("pg_dump"), "--format=custom", f"--schema={pattern}", f"--file={part}"]
    done = _run(command, store)
    if done.returncode != 0:
        raise BackupFailed(
            f"pg_dump could not back up the case store at {_shown(store)}: "
            f"{_masked(done.stderr, store)}"
        )


def _check_archive(source: Path, store: URL, schema: str | None) -> str:
    """The archive's table of contents, once it is known to be a backup of the store's schema."""
    done = subprocess.run(  # noqa: S603  (our arguments, no shell)
        [_program("pg_restore"), "--list", str(source)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        reason = _masked(done.stderr, store)
        raise BackupRefused(f"{source} is not a backup of a PostgreSQL case store: {reason}.")
    tables = _ARCHIVED_TABLE.findall(done.stdout)
    if VERSION_TABLE not in {name for _, name in tables}:
        raise BackupRefused(
            f"{source} is not a backup of a case store: a pg_dump archive without {VERSION_TABLE}."
        )
    archived = sorted({archived for archived, _ in tables})
    if archived != [schema]:
        # Its tables are named with their schema: they could only go back where they were.
        raise BackupRefused(
            f"{source} is a backup of the schema {', '.join(archived)}; the case store at "
            f"{_shown(store)} is {f'the schema {schema}' if schema else 'in no schema'}: "
            "a backup is restored into its own schema."
        )
    return done.stdout


def _pg_restore(store: URL, source: Path, listing: str, *, emptied: bool) -> None:
    if emptied:
        _drop_tables(store)
    # The schema itself stays as it is (owner, grants): only what it holds is restored.
    entries = "".join(
        f";{line}" if _SCHEMA_ENTRY.match(line) else line
        for line in listing.splitlines(keepends=True)
    )
    with tempfile.NamedTemporaryFile("w", suffix=".list") as chosen:
        chosen.write(entries)
        chosen.flush()
        command = [
            _program("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            f"--use-list={chosen.name}",
            str(source),
        ]
        done = _run(command, store)
    if done.returncode != 0:
        left = "its tables were dropped first, and it is empty" if emptied else "it is unchanged"
        raise BackupFailed(
            f"pg_restore could not restore {source} into the case store at {_shown(store)} "
            f"({_masked(done.stderr, store)}): {left}."
        )


def _drop_tables(store: URL) -> None:
    """Drop every table of the store's schema, so that none but the backup's is left."""
    engine = _engine(store)
    try:
        with engine.begin() as connection:
            tables = MetaData()
            tables.reflect(bind=connection)
            tables.drop_all(bind=connection)
    except SQLAlchemyError as problem:
        reason = _masked(str(getattr(problem, "orig", None) or problem), store)
        raise BackupFailed(f"Cannot empty the case store at {_shown(store)}: {reason}") from None
    finally:
        engine.dispose()
