"""Backdating a demo case's history: the services write "now", the story says when.

The services take no clock: every row they write is stamped with the moment it was
written. A demo case is written in steps, each step being something that happened on
a day of the case's story; `StoryClock` notes, before each step, the moment the step
began and the day it stands for. `backdate` then moves every timestamp the steps wrote
(on the case and on each row that belongs to it) to the story's time of its step, in
one statement per table. Rows written earlier hold past times already, and are left
as they are: a story's times all lie before the load began.
"""

import uuid
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Column, Table, Update, bindparam, select, update
from sqlmodel import Session, SQLModel

from casework.models import Case
from casework.models.columns import UTCDateTime, utc_now


@dataclass
class StoryClock:
    """When each step of a case's story began to be written, and the time it stands for."""

    began: list[datetime] = field(default_factory=list)
    story: list[datetime] = field(default_factory=list)

    def step(self, at: datetime) -> None:
        """The step written next happened at `at` (a past time)."""
        self.began.append(utc_now())
        self.story.append(at)

    def backdate(self, case_id: uuid.UUID, *, session: Session) -> None:
        """Move the timestamps the steps so far wrote to their story times; forget the steps."""
        if not self.began:
            return
        session.flush()
        connection = session.connection()
        for table, key, columns in _timed_tables():
            (primary,) = table.primary_key.columns
            rows = connection.execute(select(primary, *columns).where(key == case_id)).all()
            moved = []
            for row, *written in rows:
                times = [self._when(value) for value in written]
                if times != written:
                    new = {f"new_{c.name}": t for c, t in zip(columns, times, strict=True)}
                    moved.append({"row": row, **new})
            if moved:
                connection.execute(_moving(table, primary, tuple(columns)), moved)
        # The loaded rows would otherwise keep the times of writing, and services read them.
        session.expire_all()
        self.began.clear()
        self.story.clear()

    def _when(self, written: datetime | None) -> datetime | None:
        """The story time of a timestamp: that of the last step begun before it was written."""
        step = bisect_right(self.began, written) if written is not None else 0
        return self.story[step - 1] if step else written


@cache
def _moving(table: Table, primary: Column[Any], columns: tuple[Column[Any], ...]) -> Update:
    """The UPDATE of one row's timestamps, by its key (one statement, run for many rows)."""
    values = {c.name: bindparam(f"new_{c.name}", type_=c.type) for c in columns}
    return update(table).where(primary == bindparam("row")).values(values)


@cache
def _timed_tables() -> list[tuple[Table, Column[Any], list[Column[Any]]]]:
    """Each table of a case's record with timestamps: its case key, and its timestamp columns."""
    found = []
    for table in SQLModel.metadata.sorted_tables:
        key = table.c.get("case_id") if table.name != Case.__tablename__ else table.c.id
        columns = [column for column in table.c if isinstance(column.type, UTCDateTime)]
        if key is not None and columns:
            found.append((table, key, columns))
    return found
