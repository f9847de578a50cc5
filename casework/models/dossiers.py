"""PDF dossiers kept with the case, each with its sha256."""

import uuid
from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now
from casework.vocabulary import Audience, Stage


class Dossier(SQLModel, table=True):
    """One audience's copy of a dossier rendered at a moment of the case, kept as printed."""

    __tablename__ = "dossiers"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    moment: str = Field(max_length=80)
    stage: Stage = Field(sa_type=String(16))
    audience: Audience = Field(sa_type=String(16))
    sha256: str = Field(max_length=64)
    size_bytes: int
    content: bytes = Field(sa_type=LargeBinary)
    flow_run_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
