"""Referrals: a case sent to a partner, and where that stands."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text
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
    # Written by staff for staff: never answered to the entrepreneur, never in a dossier.
    internal_note: str = Field(default="", sa_type=Text)
    # What the advisor must look at (consent withdrawn after sending, a record to complete).
    flags: list[str] = Field(default_factory=list, sa_type=JSON)
    dossier_id: uuid.UUID | None = Field(default=None, foreign_key="dossiers.id")
    created_by: uuid.UUID = Field(foreign_key="users.id")
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    # Response times: when it left, and when the partner first acknowledged or answered.
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    acknowledged_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    answered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # The plan's financing lines asked for, by their index in the plan's `financing`.
    financing_lines: list[int] = Field(default_factory=list, sa_type=JSON)
    amount_offered: float | None = None
    decline_reason: str | None = Field(default=None, sa_type=Text)
    # The outcome on completion: {amount_granted, instrument, terms} or {services_delivered}.
    outcome: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    # What the portfolio counts, kept in EUR by `casework.services.case_figures`: the
    # financing lines asked for, what was obtained (offered on acceptance, granted on
    # completion), and the financing source of the largest line asked for.
    requested_eur: float | None = None
    obtained_eur: float | None = None
    source: str | None = Field(default=None, max_length=24)
