"""The entrepreneur's consent to share their dossier with one partner."""

import uuid
from datetime import datetime

from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now


class Consent(SQLModel, table=True):
    """Consent given by the entrepreneur for one partner; withdrawn, it is kept as history."""

    __tablename__ = "consents"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    partner_id: uuid.UUID = Field(foreign_key="partners.id")
    given_by: uuid.UUID = Field(foreign_key="users.id")
    given_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
