"""PDF dossiers kept with the case: the data of a moment, then its print and sha256."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, LargeBinary, String, Text
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now
from casework.vocabulary import Audience, DossierStatus, Language, Stage


class Dossier(SQLModel, table=True):
    """One audience's copy of a dossier of a moment of the case, kept as printed (PDF/A-3b).

    `data` is what the copy prints, captured in the transaction that made the moment
    (already without the fields its audience may not read); the PDF is printed from it
    afterwards, so a change to the case since does not reach the copy. The PDF is the
    archival variant, carrying `data` as its attachment ``dossier.json``.
    """

    __tablename__ = "dossiers"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    moment: str = Field(max_length=80)
    stage: Stage = Field(sa_type=String(16))
    audience: Audience = Field(sa_type=String(16))
    # The language the copy is printed in: its entrepreneur's, or the unit's, at the moment.
    language: Language = Field(default=Language.EN, sa_type=String(2))
    status: DossierStatus = Field(default=DossierStatus.PENDING, sa_type=String(8), index=True)
    data: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    sha256: str | None = Field(default=None, max_length=64)
    size_bytes: int | None = None
    content: bytes | None = Field(default=None, sa_type=LargeBinary)
    failure: str | None = Field(default=None, sa_type=Text)
    flow_run_id: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    rendered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
