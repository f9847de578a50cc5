"""Tasks: what waits on whom, opened and closed as the facts behind them change."""

import uuid
from datetime import date, datetime

from sqlalchemy import Index, String, Text, text
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now
from casework.vocabulary import Role, TaskKind

_OPEN = text("closed_at IS NULL")
_OPEN_CASELESS = text("closed_at IS NULL AND case_id IS NULL")


class Task(SQLModel, table=True):
    """One thing someone must do, about a case or about none; kept once closed, as history."""

    __tablename__ = "tasks"
    # One open task per fact: its case, its kind and its subject.
    __table_args__ = (
        Index(
            "uq_tasks_open_fact",
            "case_id",
            "kind",
            "subject",
            unique=True,
            sqlite_where=_OPEN,
            postgresql_where=_OPEN,
        ),
        # A task about no case (a stale country guide) is one open task per subject too.
        Index(
            "uq_tasks_open_caseless_fact",
            "kind",
            "subject",
            unique=True,
            sqlite_where=_OPEN_CASELESS,
            postgresql_where=_OPEN_CASELESS,
        ),
        Index("ix_tasks_for_role_closed_at", "for_role", "closed_at"),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    kind: TaskKind = Field(sa_type=String(40))
    case_id: uuid.UUID | None = Field(default=None, foreign_key="cases.id", index=True)
    # A task about no case: the unit whose managers act on it (null: the programme's).
    unit_id: uuid.UUID | None = Field(default=None, foreign_key="units.id")
    # What the task is about within its case and kind: a partner's, a referral's id...
    subject: str = Field(default="", max_length=80)
    # Who acts: the case's advisor (or any advisor while it has none), the entrepreneur,
    # or a manager.
    for_role: Role = Field(sa_type=String(16))
    summary: str = Field(sa_type=Text)
    due_on: date | None = None
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
