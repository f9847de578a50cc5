"""Reorientation followed: the managers' catalogue of activities, and what became of a case."""

import uuid
from datetime import date, datetime

from sqlalchemy import String, Text
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now
from casework.vocabulary import ActivityKind, ReorientationOutcomeKind


class ReorientationActivity(SQLModel, table=True):
    """Something a reoriented entrepreneur can be pointed to: a training, a programme, ..."""

    __tablename__ = "reorientation_activities"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    title: str = Field(max_length=200, unique=True)
    kind: ActivityKind = Field(sa_type=String(24))
    description: str = Field(default="", sa_type=Text)
    # Never deleted (cases name them): a retired activity is no longer offered.
    active: bool = True
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class ReorientationOutcome(SQLModel, table=True):
    """What became of a reoriented entrepreneur, as staff learnt it (several over time)."""

    __tablename__ = "reorientation_outcomes"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    outcome: ReorientationOutcomeKind = Field(sa_type=String(32))
    activity_id: uuid.UUID | None = Field(default=None, foreign_key="reorientation_activities.id")
    new_case_id: uuid.UUID | None = Field(default=None, foreign_key="cases.id")
    observed_on: date
    note: str = Field(default="", sa_type=Text)
    recorded_by: uuid.UUID = Field(foreign_key="users.id")
    recorded_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
