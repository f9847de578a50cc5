"""The programme's reception units: staff and cases belong to one; one unit is the default."""

import uuid
from datetime import datetime

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now

DEFAULT_UNIT_CODE = "main"
DEFAULT_UNIT_NAME = "Reception unit"

_DEFAULT = text("is_default")


class Unit(SQLModel, table=True):
    """A reception unit of the programme (one per host country or region, say)."""

    __tablename__ = "units"
    # At most one default, checked by the database; the services never leave none.
    __table_args__ = (
        Index(
            "uq_units_one_default",
            "is_default",
            unique=True,
            sqlite_where=_DEFAULT,
            postgresql_where=_DEFAULT,
        ),
    )

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=200)
    # The unit of an entrepreneur who picks none, and of an advisor created without one.
    is_default: bool = False
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
