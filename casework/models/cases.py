"""Cases, their references and their append-only timeline."""

import uuid
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import JSON, Index, String, Text
from sqlalchemy.orm import declared_attr, object_session
from sqlmodel import Field, Relationship, Session, SQLModel

from casework.models.append_only import append_only
from casework.models.columns import UTCDateTime, utc_now
from casework.models.pending_moves import MoveUnderWay, move_under_way
from casework.vocabulary import CaseStatus, Sector, Stage


class Case(SQLModel, table=True):
    """One entrepreneur's project on its way through the four stages."""

    __tablename__ = "cases"

    # Optimistic locking: every UPDATE checks the version it read, so two writers
    # can never both move the same case (the loser gets StaleDataError).
    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805  (a class-level directive)
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    reference: str = Field(max_length=20, unique=True, index=True)
    title: str = Field(max_length=200)
    sector: Sector = Field(sa_type=String(32), index=True)
    country: str = Field(max_length=2)
    summary: str = Field(sa_type=Text)
    stage: Stage = Field(sa_type=String(16), index=True)
    status: CaseStatus = Field(sa_type=String(16), index=True)
    entrepreneur_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    advisor_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", index=True)
    # The entrepreneur's unit when the case was opened: its staff are the ones who see it.
    unit_id: uuid.UUID = Field(foreign_key="units.id", index=True)
    version: int = 1
    project_leader_supplanted: bool = False
    follow_up_until: date | None = None
    # The day year 1 of the approved plan began: the plan's start date, or the day the
    # case entered follow-up. Plan years, instalments and reviews count from it.
    plan_start_on: date | None = None
    # The plan's financing lines the advisor recorded as financed outside the unit, by
    # their index in the plan's `financing` (as text): {"1": {"note", "by", "at"}}.
    financed_outside: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    reorientation_reason: str | None = Field(default=None, sa_type=Text)
    reorientation_suggestions: list[str] = Field(default_factory=list, sa_type=JSON)
    reorientation_code: str | None = Field(default=None, max_length=40)
    # Activities of the managers' catalogue suggested at reorientation (their ids, as text).
    reorientation_activity_ids: list[str] = Field(default_factory=list, sa_type=JSON)
    # The earlier case of the same entrepreneur this one comes back from, if any.
    previous_case_id: uuid.UUID | None = Field(default=None, foreign_key="cases.id")
    # Indexed: staff lists sort every case by it, newest first.
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime, index=True)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    stage_entered_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)

    @property
    def pending_transition(self) -> MoveUnderWay | None:
        """Scaled mode: the move asked for whose run has not committed yet (read at each call)."""
        session = object_session(self)
        if session is None or self.id is None:
            return None
        return move_under_way(self.id, self.version, session=cast(Session, session))


class ReferenceCounter(SQLModel, table=True):
    """The last reference number handed out in a year (one row per year)."""

    __tablename__ = "reference_counters"

    year: int = Field(primary_key=True)
    last_number: int = 0


class CaseEvent(SQLModel, table=True):
    """One line of a case's timeline: public summary for everyone, detail for staff."""

    __tablename__ = "case_events"
    # A case's timeline, and when it first stood at each stage, read from the index alone.
    __table_args__ = (Index("ix_case_events_case_stage_at", "case_id", "stage", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id")
    at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    kind: str = Field(max_length=40)
    # The stage the case stood at once the event happened: time in stage is read from it.
    stage: Stage | None = Field(default=None, sa_type=String(16), index=True)
    # The public sentence, with a `{name}` in place of each text a person wrote (kept in
    # `case_event_texts`, which an erasure clears): the event itself holds none.
    summary: str = Field(sa_type=Text)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    # Written with the event; read by case (`services/timeline.py`), never one by one.
    texts: list["CaseEventText"] = Relationship(sa_relationship_kwargs={"lazy": "raise"})


class CaseEventText(SQLModel, table=True):
    """A text a person wrote that an event of the timeline shows: erasure clears it."""

    __tablename__ = "case_event_texts"

    id: int | None = Field(default=None, primary_key=True)
    event_id: int | None = Field(default=None, foreign_key="case_events.id", index=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    name: str = Field(max_length=40)
    text: str = Field(sa_type=Text)


# No path rewrites or deletes what happened, and the database refuses it even for a bug.
append_only(SQLModel.metadata.tables[CaseEvent.__tablename__])
