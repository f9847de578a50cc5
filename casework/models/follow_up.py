"""Technical follow-up: milestones, and the advisor time each case costs."""

import uuid
from datetime import date, datetime

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now


class Milestone(SQLModel, table=True):
    """A follow-up milestone with its due date and, later, what actually happened."""

    __tablename__ = "milestones"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    title: str = Field(max_length=200)
    due_date: date
    done_on: date | None = None
    note: str = Field(default="", sa_type=Text)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class TimeLog(SQLModel, table=True):
    """Minutes an advisor spent on a case, for the cost-of-support report."""

    __tablename__ = "time_logs"

    id: int | None = Field(default=None, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    advisor_id: uuid.UUID = Field(foreign_key="users.id")
    minutes: int
    activity: str = Field(default="", max_length=200)
    logged_on: date
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
