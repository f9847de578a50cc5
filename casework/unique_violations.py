"""Every unique violation in the store, on SQLite and PostgreSQL, as a Conflict naming the field.

One engine-level hook (`handle_error`) replaces the driver's error, so no service
checks before it inserts: two requests racing for one email, partner name or
plan version both reach the database, and the loser is told which field clashed.
"""

import re
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.engine.interfaces import ExceptionContext
from sqlalchemy.event import listen

from casework.errors import Conflict

# table, its unique columns → the field a person typed, and what to tell them.
_KNOWN: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {
    ("users", ("email",)): ("email", "An account with this email already exists."),
    ("partners", ("name",)): ("name", "A partner with this name is already in the directory."),
    ("units", ("code",)): ("code", "A unit with this code already exists."),
    ("reorientation_activities", ("title",)): (
        "title",
        "An activity with this title is already in the catalogue.",
    ),
    ("units", ("is_default",)): (
        "is_default",
        "Another unit was made the default at the same moment; reload the units and try again.",
    ),
    ("investment_plan_versions", ("case_id", "version")): (
        "version",
        "Another version of the plan was saved at the same moment; reload it and try again.",
    ),
}

_SQLITE = re.compile(r"UNIQUE constraint failed: (?P<columns>[\w.]+(?:, [\w.]+)*)")
_POSTGRES_KEY = re.compile(r"Key \((?P<columns>[^)]*)\)=")


def _unique_columns(error: BaseException) -> tuple[str, tuple[str, ...]] | None:
    """The table and columns of a unique violation, or None for any other error."""
    sqlite = _SQLITE.search(str(error))
    if sqlite and type(error).__name__ == "IntegrityError":
        pairs = [name.split(".", 1) for name in sqlite["columns"].split(", ")]
        return pairs[0][0], tuple(column for _table, column in pairs)
    diagnostic = getattr(error, "diag", None)
    if getattr(error, "sqlstate", None) == "23505" and diagnostic is not None:
        columns = _POSTGRES_KEY.search(diagnostic.message_detail or "")
        names = tuple(c.strip() for c in columns["columns"].split(",")) if columns else ()
        return diagnostic.table_name or "", names
    return None


def conflict_for(error: BaseException) -> Conflict | None:
    """The Conflict a person should see for a driver error, if it is a unique violation."""
    found = _unique_columns(error)
    if found is None:
        return None
    table, columns = found
    field, message = _KNOWN.get(
        (table, columns),
        (columns[-1] if columns else "", "This record was created meanwhile; reload and retry."),
    )
    return Conflict(message, field=field or None)


def _translate(context: ExceptionContext) -> Any:
    conflict = conflict_for(context.original_exception)
    if conflict is not None:
        raise conflict from context.sqlalchemy_exception
    return None


def translate_unique_violations(engine: Engine) -> None:
    """Make every unique violation on `engine` raise a Conflict naming the field."""
    listen(engine, "handle_error", _translate)
