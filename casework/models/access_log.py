"""Who read which person's data, when, through which route: append-only, never switched off."""

import uuid
from datetime import datetime

from sqlalchemy import JSON, Index
from sqlmodel import Field, SQLModel

from casework.models.append_only import append_only
from casework.models.columns import UTCDateTime, utc_now


class AccessLog(SQLModel, table=True):
    """One read of a person's data."""

    __tablename__ = "access_log"
    __table_args__ = (
        Index("ix_access_log_case_at", "case_id", "at"),
        Index("ix_access_log_reader_at", "reader_id", "at"),
        Index("ix_access_log_subject_at", "subject_id", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    reader_id: uuid.UUID = Field(foreign_key="users.id")
    # Whose data was read; the case it was read through, if any (a profile has none).
    subject_id: uuid.UUID = Field(foreign_key="users.id")
    case_id: uuid.UUID | None = Field(default=None, foreign_key="cases.id")
    # The route, as declared ("GET /cases/{case_id}/dossier.pdf"): no ids, no query.
    route: str = Field(max_length=120)
    fields: list[str] = Field(default_factory=list, sa_type=JSON)


append_only(SQLModel.metadata.tables[AccessLog.__tablename__])
