"""What the portfolio counts of each case, one row per case, kept true as the case changes.

The managers' report aggregates a whole unit at once (100,000 cases and more), so the
figures it groups and ranks are kept here, beside the case, rather than gathered from
its plan versions, timeline, time logs and reports at every read. The row is rewritten
in the transaction that changes what it is drawn from (`casework.services.case_figures`):
it is a view kept by the database, never a second truth to edit.
"""

import uuid
from datetime import date, datetime

from sqlalchemy import Index, String
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime

# The percentiles count each value per gender and origin: read in index order, unsorted.
_COUNTED = (
    *(
        Index(f"ix_case_figures_days_{stage}", f"days_{stage}", "gender", "origin")
        for stage in ("reception", "support", "linkage", "follow_up")
    ),
    Index("ix_case_figures_minutes", "minutes", "band", "gender", "origin", "investment_eur"),
    Index("ix_case_figures_band_investment", "band", "investment_eur"),
)


class CaseFigures(SQLModel, table=True):
    __tablename__ = "case_figures"
    __table_args__ = _COUNTED

    case_id: uuid.UUID = Field(foreign_key="cases.id", primary_key=True)
    # The case's own columns, as the report filters and groups by them.
    stage: str = Field(sa_type=String(16))
    status: str = Field(sa_type=String(16))
    sector: str = Field(sa_type=String(32))
    country: str = Field(max_length=2)
    advisor_id: uuid.UUID | None = None
    unit_id: uuid.UUID | None = None
    opened_on: date
    reorientation_code: str | None = Field(default=None, max_length=40)
    # Who is served: the entrepreneur's gender, diaspora or local, and country of origin.
    gender: str = Field(sa_type=String(16))
    origin: str = Field(sa_type=String(8))
    origin_country: str | None = Field(default=None, max_length=2)
    # The current plan version's figures.
    band: str | None = Field(default=None, sa_type=String(8))
    investment_eur: float | None = None
    external_financing_eur: float | None = None
    # Advisor minutes logged, in all and by the stage the case stood at that day.
    minutes: int = 0
    minutes_reception: int = 0
    minutes_support: int = 0
    minutes_linkage: int = 0
    minutes_follow_up: int = 0
    # When the case first stood at each stage (null: never), from its timeline.
    entered_reception_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    entered_support_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    entered_linkage_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    entered_follow_up_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    entered_completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Days from entering a stage to entering the next, to one decimal (null: not passed).
    days_reception: float | None = None
    days_support: float | None = None
    days_linkage: float | None = None
    days_follow_up: float | None = None
    # Follow-up as confirmed by an advisor: one standing report per plan year.
    reports_confirmed: int = 0
    reports_awaiting: int = 0
    jobs_created_women: int = 0
    jobs_created_men: int = 0
    revenue_eur: float | None = None
    planned_revenue_eur: float | None = None
