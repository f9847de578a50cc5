"""The partner directory, and the matches recorded for a case."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, String, Text
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now
from casework.vocabulary import PartnerKind


class Partner(SQLModel, table=True):
    """A technical or financial partner the unit refers projects to; retired, never deleted."""

    __tablename__ = "partners"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    kind: PartnerKind = Field(sa_type=String(16))
    # Matching understands the PartnerService values; any other service is kept as written.
    services: list[str] = Field(default_factory=list, sa_type=JSON)
    sectors: list[str] = Field(default_factory=list, sa_type=JSON)
    countries: list[str] = Field(default_factory=list, sa_type=JSON)
    ticket_min_eur: float | None = None
    ticket_max_eur: float | None = None
    languages: list[str] = Field(default_factory=list, sa_type=JSON)
    description: str = Field(default="", sa_type=Text)
    contact_name: str | None = Field(default=None, max_length=200)
    contact_email: str | None = Field(default=None, max_length=320)
    contact_phone: str | None = Field(default=None, max_length=40)
    website: str | None = Field(default=None, max_length=2083)
    active: bool = True
    # Null: shared by the programme; else the unit's own, seen only by that unit.
    unit_id: uuid.UUID | None = Field(default=None, foreign_key="units.id")
    is_example: bool = False
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)

    def serves_unit(self, unit_id: uuid.UUID | None) -> bool:
        """Whether unit `unit_id`'s staff and cases see it: shared, or that unit's own."""
        return self.unit_id is None or self.unit_id == unit_id


class PartnerMatch(SQLModel, table=True):
    """A partner ranked for a case when it entered linkage, with the reasons for and against."""

    __tablename__ = "partner_matches"

    id: int | None = Field(default=None, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    partner_id: uuid.UUID = Field(foreign_key="partners.id")
    rank: int
    score: float
    # Every reason, those for first; `reasons_against` says which of them count against.
    reasons: list[str] = Field(default_factory=list, sa_type=JSON)
    reasons_against: list[str] = Field(default_factory=list, sa_type=JSON)
    recorded_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)

    @property
    def reasons_for(self) -> list[str]:
        """The reasons this partner fits the case."""
        against = set(self.reasons_against)
        return [r for r in self.reasons if r not in against]
