"""Where the case store stands among the migrations: at head, behind, or ahead of this code."""

from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

import casework.migrations

UPGRADE = "run `casework db upgrade`"


def _scripts() -> ScriptDirectory:
    # The directory `alembic_config` names; read without an engine, which it would need.
    return ScriptDirectory(str(Path(casework.migrations.__file__).parent))


def schema_revision(engine: Engine) -> str | None:
    """The store's Alembic revision (None: the store was never migrated)."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    """The latest revision this casework's migrations know."""
    head = _scripts().get_current_head()
    assert head is not None, "casework/migrations has no revision"
    return head


def upgradable(engine: Engine) -> bool:
    """Whether the migrations can bring the store to head: it is empty, behind or at head."""
    revision = schema_revision(engine)
    if revision is None:
        return not inspect(engine).get_table_names()
    return _known(revision)


def _known(revision: str) -> bool:
    try:
        return _scripts().get_revision(revision) is not None
    except CommandError:
        return False


def outdated_schema(engine: Engine) -> str | None:
    """None when the store is at head, else one line saying where it is and what to do."""
    revision = schema_revision(engine)
    head = head_revision()
    if revision == head:
        return None
    store = f"The case store at {engine.url.render_as_string(hide_password=True)}"
    if revision is None:
        if not inspect(engine).get_table_names():
            return f"{store} has no tables yet: {UPGRADE}."
        return (
            f"{store} has tables but no migration revision (it was not made by casework's "
            "migrations): restore a backup into an empty store, or start a new one."
        )
    if not _known(revision):
        return (
            f"{store} is at migration {revision}, newer than this casework (head is {head}): "
            "upgrade casework."
        )
    return f"{store} is at migration {revision} (head is {head}): {UPGRADE}."
