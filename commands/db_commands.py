"""`casework db`: the case store's migrations, and its backups.

Exit codes: 0 done, 1 failed (or, for `current`, the store is not at head), 2 refused
before anything changed (a file that is no backup, a store that would be replaced).
"""

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from commands.preflight import PreflightFailed, check_store

db_app = typer.Typer(no_args_is_help=True, help="The case store: migrations and backups.")
console = Console()


def _say(line: str, style: str | None = None) -> None:
    # One line, unwrapped, and read as text: paths and drivers' messages may hold brackets.
    console.print(line, style=style, markup=False, highlight=False, soft_wrap=True)


def _store() -> Engine:
    """The configured store's engine, once it is known to open; else one line and exit 1."""
    from casework.database import get_engine
    from casework.settings import get_settings

    try:
        check_store(get_settings().database_url)
    except PreflightFailed as problem:
        _say(str(problem), "red")
        raise typer.Exit(1) from None
    return get_engine()


def _where(engine: Engine) -> str:
    return f"case store at {engine.url.render_as_string(hide_password=True)}"


def _revision(engine: Engine) -> str:
    from casework.schema_state import schema_revision

    revision = schema_revision(engine)
    return f"migration {revision}" if revision else "no migration revision"


@db_app.command()
def upgrade() -> None:
    """Apply the migrations the case store has not had yet."""
    from casework.migrations import upgrade_database
    from casework.schema_state import outdated_schema, schema_revision, upgradable

    engine = _store()
    if not upgradable(engine):
        _say(outdated_schema(engine) or "", "red")
        raise typer.Exit(1)
    before = schema_revision(engine)
    try:
        upgrade_database(engine)
    except SQLAlchemyError as problem:
        reason = str(getattr(problem, "orig", None) or problem).strip().splitlines()[0]
        _say(f"The upgrade stopped at {_revision(engine)}: {reason}", "red")
        raise typer.Exit(1) from None
    after = schema_revision(engine)
    if before == after:
        _say(f"The {_where(engine)} is at migration {after}, the latest: nothing to apply.")
    else:
        start = f"migration {before}" if before else "nothing (a new store)"
        _say(f"Upgraded the {_where(engine)} from {start} to migration {after}.")


@db_app.command()
def current() -> None:
    """Say which migration the case store is at, and whether it is the latest (else exit 1)."""
    from casework.schema_state import outdated_schema

    engine = _store()
    problem = outdated_schema(engine)
    if problem is not None:
        _say(problem, "yellow")
        raise typer.Exit(1)
    _say(f"The {_where(engine)} is at {_revision(engine)}, the latest.")


@db_app.command("backup")
def backup_store(
    file: Annotated[Path, typer.Argument(help="The backup to write (replaced once done).")],
) -> None:
    """Back the case store up to FILE, while it is in use: a SQLite copy, or a pg_dump archive."""
    from casework.settings import get_settings
    from casework.store_backup import BackupFailed, BackupRefused, backup

    try:
        backup(get_settings().database_url, file)
    except BackupFailed as problem:
        _say(str(problem), "red")
        raise typer.Exit(2 if isinstance(problem, BackupRefused) else 1) from None
    engine = _store()
    size = file.stat().st_size
    shown = f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size / 1024:.0f} kB"
    _say(f"Backed up the {_where(engine)} to {file} ({shown}, {_revision(engine)}).")


@db_app.command("restore")
def restore_store(
    file: Annotated[Path, typer.Argument(help="A backup `casework db backup` wrote.")],
    replace: Annotated[
        bool, typer.Option(help="Replace what the store holds (refused without it).")
    ] = False,
) -> None:
    """Make the case store exactly the backup FILE; a store holding tables needs --replace."""
    from casework.schema_state import outdated_schema
    from casework.settings import get_settings
    from casework.store_backup import BackupFailed, BackupRefused, restore

    try:
        restore(get_settings().database_url, file, replace=replace)
    except BackupFailed as problem:
        _say(str(problem), "red")
        raise typer.Exit(2 if isinstance(problem, BackupRefused) else 1) from None
    engine = _store()
    _say(f"Restored {file} into the {_where(engine)} ({_revision(engine)}).")
    if (advice := outdated_schema(engine)) is not None:
        _say(advice, "yellow")
