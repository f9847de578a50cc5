"""The partner directory, and the matches recorded for a case."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, String
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now
from casework.vocabulary import PartnerKind


class Partner(SQLModel, table=True):
    """A technical or financial partner the unit refers projects to."""

    __tablename__ = "partners"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    kind: PartnerKind = Field(sa_type=String(16))
    services: list[str] = Field(default_factory=list, sa_type=JSON)
    sectors: list[str] = Field(default_factory=list, sa_type=JSON)
    countries: list[str] = Field(default_factory=list, sa_type=JSON)
    ticket_min_eur: float | None = None
    ticket_max_eur: float | None = None
    is_example: bool = False
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class PartnerMatch(SQLModel, table=True):
    """A partner ranked for a case when it entered linkage, with the reasons."""

    __tablename__ = "partner_matches"

    id: int | None = Field(default=None, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    partner_id: uuid.UUID = Field(foreign_key="partners.id")
    rank: int
    score: float
    reasons: list[str] = Field(default_factory=list, sa_type=JSON)
    recorded_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
