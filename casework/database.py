"""The case store's engine and sessions: SQLite by default, PostgreSQL when scaled."""

import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVarTuple

from sqlalchemy import CursorResult, event
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Mapper, object_session
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.sql.selectable import TypedReturnsRows
from sqlmodel import Session, SQLModel, col, create_engine, select

from casework.errors import CaseworkError, Conflict
from casework.models.cases import Case
from casework.settings import get_settings
from casework.unique_violations import translate_unique_violations

STALE_CASE = "The case changed while your request was handled; reload it and try again."


class CaseMovedOn(CaseworkError):
    """The case is no longer at the version a write was asked against (an HTTP If-Match)."""

    def __init__(self, current_version: int) -> None:
        super().__init__(
            f"The case is at version {current_version} now, not at the version this write "
            "was asked against: read it again, then decide."
        )
        self.current_version = current_version


# FastAPI runs sync endpoints on a 40-thread pool; a smaller connection pool
# deadlocks under load (STACK-NOTES), so the pool can always serve every thread.
_POOL_SIZE = 10
_MAX_OVERFLOW = 40

_Row = TypeVarTuple("_Row")


def make_engine(url: str) -> Engine:
    """An engine for `url`, with SQLite tuned for concurrent readers and one writer."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 15},
            pool_size=_POOL_SIZE,
            max_overflow=_MAX_OVERFLOW,
        )
        event.listen(engine, "connect", _tune_sqlite)
    else:
        engine = create_engine(
            url, pool_size=_POOL_SIZE, max_overflow=_MAX_OVERFLOW, pool_pre_ping=True
        )
    translate_unique_violations(engine)
    return engine


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.close()


@lru_cache
def get_engine() -> Engine:
    """The process-wide engine for the configured database."""
    return make_engine(get_settings().database_url)


def create_tables(engine: Engine) -> None:
    """Create every table that does not exist yet, and the default unit, as the migrations do."""
    import casework.models  # noqa: F401  (registers the tables on SQLModel.metadata)
    from casework.models.units import DEFAULT_UNIT_CODE, DEFAULT_UNIT_NAME, Unit

    SQLModel.metadata.create_all(engine)
    with Session(engine) as session:
        if session.exec(select(Unit.id).where(col(Unit.is_default))).first() is None:
            session.add(Unit(code=DEFAULT_UNIT_CODE, name=DEFAULT_UNIT_NAME, is_default=True))
            session.commit()


def dialect_insert(session: Session) -> Any:
    """The INSERT construct of the session's database, with its ON CONFLICT clause (upserts)."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql_insert
    return sqlite_insert


@contextmanager
def open_session(engine: Engine | None = None) -> Iterator[Session]:
    """A session on the case store, closed on exit; the caller commits."""
    with Session(engine or get_engine(), expire_on_commit=False) as session:
        try:
            yield session
        except StaleDataError:
            # Two writers of one case (its version column): the loser is told in casework's
            # own terms, wherever it runs (API, flow, command line).
            raise Conflict(STALE_CASE) from None


def nothing_to_commit(session: Session) -> bool:
    """Whether committing and closing `session` now would send nothing to the database.

    So when no change is pending in the session and its driver connection, if it holds
    one, is in no transaction. SQLite's driver begins one only before a write, so after
    reads alone this is true there; a driver that does not say (PostgreSQL's) is taken
    to be in one.
    """
    if session.new or session.dirty or session.deleted:
        return False
    if not session.in_transaction():
        return True
    driver_connection = session.connection().connection.dbapi_connection
    return getattr(driver_connection, "in_transaction", True) is False


def read_rows(
    session: Session, statement: TypedReturnsRows[*_Row], params: Mapping[str, Any]
) -> CursorResult[*_Row]:
    """Run a SELECT of plain columns on the session's connection, as `session.execute` would.

    For a statement that loads no ORM objects, the ORM's execution layer costs as much as
    the query itself (on SQLite); pending changes are still flushed first, so the rows
    are the same.
    """
    if session.autoflush:
        session.flush()
    return session.connection().execute(statement, params)


@dataclass
class _Expected:
    case_id: uuid.UUID
    version: int
    # A transaction wrote the case from `version` and committed: what follows is free.
    met: bool = False


_expected: ContextVar[_Expected | None] = ContextVar("casework_expected_version", default=None)
_WROTE_EXPECTED = "casework_wrote_expected_version"


def expect_version(case_id: uuid.UUID, version: int) -> None:
    """Let this context write the case only from `version` (else CaseMovedOn), once.

    The context is the caller's and whatever inherits it: its worker threads, and the
    flows it runs in this process, which open sessions of their own. Each write of the
    case is checked against the version its session loaded, which the UPDATE then
    requires of the row: nothing committed in between is written over. Once a
    transaction has written the case from `version` and committed, later writes are
    free (the version has moved: by this context's own hand).
    """
    _expected.set(_Expected(case_id, version))


def expected_version(case_id: uuid.UUID) -> int | None:
    """The version this context may write the case from (`expect_version`), until written."""
    expected = _expected.get()
    if expected is None or expected.met or expected.case_id != case_id:
        return None
    return expected.version


@event.listens_for(Case, "before_update")
def _write_from_expected_version(_mapper: Mapper[Any], _connection: Any, case: Case) -> None:
    expected = _expected.get()
    if expected is None or expected.met or case.id != expected.case_id:
        return
    session = object_session(case)
    if session is None or session.info.get(_WROTE_EXPECTED) is expected:
        return  # written from the expected version earlier in this transaction
    # The version the UPDATE will require of the row: the one this session loaded.
    if case.version != expected.version:
        raise CaseMovedOn(case.version)
    session.info[_WROTE_EXPECTED] = expected


@event.listens_for(OrmSession, "after_commit")
def _expectation_met(session: OrmSession) -> None:
    expected = session.info.pop(_WROTE_EXPECTED, None)
    if expected is not None:
        expected.met = True


@event.listens_for(OrmSession, "after_soft_rollback")
def _expectation_still_open(session: OrmSession, _previous: Any) -> None:
    session.info.pop(_WROTE_EXPECTED, None)
