"""Referrals: a case sent to a partner, and where that stands."""

import uuid
from datetime import datetime

from sqlalchemy import String, Text
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now
from casework.vocabulary import ReferralStatus


class Referral(SQLModel, table=True):
    """A case sent to a partner, and where that stands."""

    __tablename__ = "referrals"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    partner_id: uuid.UUID = Field(foreign_key="partners.id")
    purpose: str = Field(sa_type=Text)
    status: ReferralStatus = Field(sa_type=String(16))
    note: str = Field(default="", sa_type=Text)
    dossier_id: uuid.UUID | None = Field(default=None, foreign_key="dossiers.id")
    created_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
