"""A person's request to be forgotten, and the manager's decision on it."""

import uuid
from datetime import datetime

from sqlalchemy import Index, String, Text, text
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now
from casework.vocabulary import ErasureStatus


class ErasureRequest(SQLModel, table=True):
    """Asked by the person; confirmed (and carried out) or declined by a manager."""

    __tablename__ = "erasure_requests"
    # One open request a person: asking again finds the one already waiting.
    __table_args__ = (
        Index(
            "ux_erasure_requests_open",
            "person_id",
            unique=True,
            sqlite_where=text("status = 'requested'"),
            postgresql_where=text("status = 'requested'"),
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    person_id: uuid.UUID = Field(foreign_key="users.id", index=True)
    status: ErasureStatus = Field(default=ErasureStatus.REQUESTED, sa_type=String(10))
    requested_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    decided_by: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Why a manager declined it (a case still open is not a reason: it is a gate).
    reason: str | None = Field(default=None, sa_type=Text)
