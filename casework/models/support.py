"""What reception and support produce: the assessment, the feasibility study, the plan."""

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now
from casework.vocabulary import (
    AssessmentDecision,
    FeasibilityConclusion,
    FundingBand,
    Role,
    TrainingStatus,
)


class Assessment(SQLModel, table=True):
    """The advisor's evaluation of the project leader at reception."""

    __tablename__ = "assessments"

    case_id: uuid.UUID = Field(foreign_key="cases.id", primary_key=True)
    technical: int
    financial: int
    motivation: int
    training_required: bool
    training_completed: bool = False
    criteria: dict[str, int] = Field(default_factory=dict, sa_type=JSON)
    decision: AssessmentDecision = Field(sa_type=String(16))
    notes: str = Field(default="", sa_type=Text)
    assessed_by: uuid.UUID = Field(foreign_key="users.id")
    assessed_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class FeasibilityStudy(SQLModel, table=True):
    """The feasibility study: one text and status per section, and a conclusion."""

    __tablename__ = "feasibility_studies"

    case_id: uuid.UUID = Field(foreign_key="cases.id", primary_key=True)
    sections: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    conclusion: FeasibilityConclusion = Field(sa_type=String(16))
    updated_by: uuid.UUID = Field(foreign_key="users.id")
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class InvestmentPlanVersion(SQLModel, table=True):
    """One immutable save of the investment plan, with its results and approval."""

    __tablename__ = "investment_plan_versions"
    __table_args__ = (UniqueConstraint("case_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    # No index of its own: the unique (case_id, version) index serves lookups by case.
    case_id: uuid.UUID = Field(foreign_key="cases.id")
    version: int
    body: dict[str, Any] = Field(sa_type=JSON)
    results: dict[str, Any] = Field(sa_type=JSON)
    author_id: uuid.UUID = Field(foreign_key="users.id")
    author_role: Role = Field(sa_type=String(16))
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    advisor_share: float = 0.0
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    results_frozen_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The figures the portfolio counts, kept beside the results as they were saved, so that
    # reports aggregate them in SQL without reading any JSON.
    funding_band: FundingBand | None = Field(default=None, sa_type=String(8), index=True)
    investment_eur: float | None = Field(default=None, index=True)
    external_financing_eur: float | None = Field(default=None, index=True)


class TrainingEnrolment(SQLModel, table=True):
    """A course the project leader follows; required ones hold the case in reception."""

    __tablename__ = "training_enrolments"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    course: str = Field(max_length=200)
    provider: str = Field(max_length=200)
    required: bool = True
    status: TrainingStatus = Field(sa_type=String(16))
    completed_on: date | None = None
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
