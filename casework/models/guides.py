"""Country guides, and the guides a case's entrepreneur is pointed to."""

import uuid
from datetime import date, datetime

from sqlalchemy import JSON, Index, String, Text
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now
from casework.vocabulary import GuideAttachment, GuideTopic


class CountryGuide(SQLModel, table=True):
    """What a person should know before investing in a country (and, optionally, a sector):
    one topic, in one language, as a manager last checked it. Retired, never deleted."""

    __tablename__ = "country_guides"
    # The guides of a country: what opening a case in it reads.
    __table_args__ = (Index("ix_country_guides_country_active", "country", "active"),)

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    country: str = Field(max_length=2)
    # Null: every sector of the country.
    sector: str | None = Field(default=None, sa_type=String(32))
    topic: GuideTopic = Field(sa_type=String(32))
    title: str = Field(max_length=200)
    text: str = Field(sa_type=Text)
    # Where the guide's facts come from: http(s) addresses, printed, never fetched.
    sources: list[str] = Field(default_factory=list, sa_type=JSON)
    # ISO 639-1.
    language: str = Field(max_length=2)
    checked_on: date
    checked_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    # Null: shared by the programme; else the unit's own, seen only by that unit.
    unit_id: uuid.UUID | None = Field(default=None, foreign_key="units.id")
    active: bool = True
    is_example: bool = False
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)

    def serves_unit(self, unit_id: uuid.UUID | None) -> bool:
        """Whether unit `unit_id`'s people see it: shared, or that unit's own."""
        return self.unit_id is None or self.unit_id == unit_id


class CaseGuide(SQLModel, table=True):
    """A guide on a case: attached because it applies, or chosen by an advisor; an advisor's
    removal is kept, so that the guide does not come back by itself."""

    __tablename__ = "case_guides"

    case_id: uuid.UUID = Field(foreign_key="cases.id", primary_key=True)
    guide_id: uuid.UUID = Field(foreign_key="country_guides.id", primary_key=True)
    attached: GuideAttachment = Field(sa_type=String(16))
    attached_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    attached_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    # The advisor's words on adding or removing it (an erasure clears them).
    note: str | None = Field(default=None, sa_type=Text)
    removed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    removed_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
