"""Accounts and the entrepreneur's profile."""

import uuid
from datetime import datetime

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from casework.models.columns import UTCDateTime, utc_now
from casework.vocabulary import Gender, Language, Role


class User(SQLModel, table=True):
    """Anyone who signs in: entrepreneur, advisor or manager."""

    __tablename__ = "users"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)
    full_name: str = Field(max_length=200)
    role: Role = Field(sa_type=String(16), index=True)
    # Entrepreneurs and advisors always belong to a unit; a manager with none is the
    # programme's, who reads every unit.
    unit_id: uuid.UUID | None = Field(default=None, foreign_key="units.id", index=True)
    password_hash: str
    is_active: bool = True
    # Tokens carry the generation they were issued in; signing out, a password change and
    # deactivation move it on, and the tokens of earlier generations are refused.
    token_generation: int = 0
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)


class EntrepreneurProfile(SQLModel, table=True):
    """What the entrepreneur chose to tell about themself; every field is optional."""

    __tablename__ = "entrepreneur_profiles"

    user_id: uuid.UUID = Field(foreign_key="users.id", primary_key=True)
    gender: Gender | None = Field(default=None, sa_type=String(16))
    country_of_residence: str | None = Field(default=None, max_length=2)
    country_of_origin: str | None = Field(default=None, max_length=2)
    diaspora: bool | None = None
    # The language their dossiers are printed in unless they ask for another; None: the unit's.
    preferred_language: Language | None = Field(default=None, sa_type=String(2))
    updated_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
