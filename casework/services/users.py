"""Accounts: registration, staff creation, sign-in and the entrepreneur's profile."""

from functools import lru_cache

from pydantic import BaseModel, ConfigDict, EmailStr, Field
from pydantic_extra_types.country import CountryAlpha2
from sqlmodel import Session, select

from casework.errors import Forbidden, NotFound
from casework.models import EntrepreneurProfile, User
from casework.models.columns import utc_now
from casework.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from casework.vocabulary import Gender, Language, Role


class ProfileInput(BaseModel):
    """What an entrepreneur may tell about themself; all optional, residence is sensitive."""

    model_config = ConfigDict(extra="forbid")

    gender: Gender | None = None
    country_of_residence: CountryAlpha2 | None = None
    country_of_origin: CountryAlpha2 | None = None
    diaspora: bool | None = Field(
        default=None, description="true: lives abroad (diaspora); false: local entrepreneur"
    )
    preferred_language: Language | None = Field(
        default=None,
        description="The language of their dossiers (en, fr); none: the unit's language",
    )


class AccountInput(BaseModel):
    """A new account's sign-in and name."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    email: EmailStr
    password: str = Field(min_length=MIN_PASSWORD_LENGTH, max_length=200)
    full_name: str = Field(min_length=2, max_length=200)


class RegistrationInput(AccountInput):
    """Self-registration of an entrepreneur, with an optional profile."""

    profile: ProfileInput | None = None


class StaffAccountInput(AccountInput):
    """An account a manager creates, with its role."""

    role: Role


def create_user(data: AccountInput, role: Role, *, session: Session) -> User:
    """Create an account; emails are unique (compared case-insensitively)."""
    user = User(
        email=data.email.lower(),
        full_name=data.full_name,
        role=role,
        password_hash=hash_password(data.password),
    )
    session.add(user)
    session.flush()
    if role == Role.ENTREPRENEUR:
        profile = data.profile if isinstance(data, RegistrationInput) else None
        save_profile(user, profile or ProfileInput(), session=session)
    return user


def save_profile(user: User, data: ProfileInput, *, session: Session) -> EntrepreneurProfile:
    """Replace the entrepreneur's profile with `data`."""
    profile = session.get(EntrepreneurProfile, user.id) or EntrepreneurProfile(user_id=user.id)
    for name, value in data.model_dump(mode="json").items():
        setattr(profile, name, value)
    profile.updated_at = utc_now()
    session.add(profile)
    return profile


def own_profile(user: User, *, session: Session) -> EntrepreneurProfile:
    """The signed-in entrepreneur's own profile."""
    if user.role != Role.ENTREPRENEUR:
        raise Forbidden("Only entrepreneurs have a profile.")
    profile = session.get(EntrepreneurProfile, user.id)
    if profile is None:
        raise NotFound("No profile yet.")
    return profile


def update_own_profile(user: User, data: ProfileInput, *, session: Session) -> EntrepreneurProfile:
    """Replace the signed-in entrepreneur's own profile."""
    if user.role != Role.ENTREPRENEUR:
        raise Forbidden("Only entrepreneurs have a profile.")
    return save_profile(user, data, session=session)


@lru_cache
def _decoy_hash() -> str:
    return hash_password("decoy password for unknown accounts")


def authenticate(email: str, password: str, *, session: Session) -> User | None:
    """The active user with these credentials, or None (same work whether the email exists)."""
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        verify_password(password, _decoy_hash())
        return None
    if not verify_password(password, user.password_hash) or not user.is_active:
        return None
    return user
