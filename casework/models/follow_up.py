"""Technical follow-up: milestones, and the advisor time each case costs."""

import uuid
from datetime import date, datetime

from sqlalchemy import Index, String, Text, text
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now
from casework.vocabulary import MilestoneKind, Role


class Milestone(SQLModel, table=True):
    """A follow-up milestone with its due date and, later, what actually happened."""

    __tablename__ = "milestones"
    # A milestone drawn from the plan is set once: its key is unique within the case.
    __table_args__ = (
        Index(
            "uq_milestones_plan_key",
            "case_id",
            "plan_key",
            unique=True,
            sqlite_where=text("plan_key IS NOT NULL"),
            postgresql_where=text("plan_key IS NOT NULL"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    title: str = Field(max_length=200)
    due_date: date
    done_on: date | None = None
    note: str = Field(default="", sa_type=Text)
    kind: MilestoneKind = Field(default=MilestoneKind.MANUAL, sa_type=String(24))
    # For a milestone drawn from the plan: its key ("instalment:1:2"), the plan year it
    # belongs to, and for an instalment the amount due, in the plan's currency.
    plan_key: str | None = Field(default=None, max_length=40)
    period: int | None = None
    amount_due: float | None = None
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


class FollowUpReport(SQLModel, table=True):
    """What the business did in one plan year, as reported; confirmed by an advisor."""

    __tablename__ = "follow_up_reports"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    # The plan year reported on (1 = the first year of operations).
    period: int
    visit_date: date | None = None
    revenue: float
    operating_costs: float
    repayments_made: float = 0.0
    jobs_created_women: int = 0
    jobs_created_men: int = 0
    jobs_kept_women: int = 0
    jobs_kept_men: int = 0
    notes: str = Field(default="", sa_type=Text)
    reported_by: uuid.UUID = Field(foreign_key="users.id")
    reporter_role: Role = Field(sa_type=String(16))
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    confirmed_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    confirmed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
