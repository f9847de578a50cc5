"""Column types shared by the tables."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite drops the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("casework stores timezone-aware timestamps only")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_PAST_MOMENT: ContextVar[datetime | None] = ContextVar("casework_past_moment", default=None)


def utc_now() -> datetime:
    """Now, in UTC; or, while a past history is being written, the moment it tells of."""
    return _PAST_MOMENT.get() or datetime.now(UTC)


@contextmanager
def written_at(moment: datetime) -> Iterator[None]:
    """Write what happens inside the block as having happened at `moment` (a past one).

    For loading a case's history (the demo unit's stories): the timeline is append-only,
    so its events must be written at their time, not moved there afterwards.
    """
    if moment.tzinfo is None:
        raise ValueError("a moment of the past must be timezone-aware")
    token = _PAST_MOMENT.set(moment.astimezone(UTC))
    try:
        yield
    finally:
        _PAST_MOMENT.reset(token)
