"""What the entrepreneur tells the unit at intake: why, with what, and what they intend.

Nothing here is a condition of support: no gate, match or score reads these tables
(tests/integration/test_intake_never_weighs.py proves it).
"""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String, Text
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now
from casework.vocabulary import Mobility, ProjectReason, ResidenceStatus


class CaseIntake(SQLModel, table=True):
    """The intake of one case, every answer optional."""

    __tablename__ = "case_intakes"

    case_id: uuid.UUID = Field(foreign_key="cases.id", primary_key=True)
    sector_experience_years: int | None = None
    sector_experience: str | None = Field(default=None, sa_type=Text)
    own_contribution_eur: float | None = None
    skills_from_abroad: str | None = Field(default=None, sa_type=Text)
    # {"family": str | None, "diaspora_associations": [str], "partners_in_contact": [str]}
    networks: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    # Sensitive: the person, the case's advisor and managers read them; never a partner.
    mobility: Mobility | None = Field(default=None, sa_type=String(16))
    residence_status: ResidenceStatus | None = Field(default=None, sa_type=String(24))
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    updated_by_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")


class CaseIntakeReason(SQLModel, table=True):
    """One reason behind the project, a row each, so that the portfolio counts them in SQL."""

    __tablename__ = "case_intake_reasons"

    case_id: uuid.UUID = Field(foreign_key="cases.id", primary_key=True)
    reason: ProjectReason = Field(sa_type=String(32), primary_key=True)
