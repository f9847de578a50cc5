"""Accounts: registration, staff accounts, sign-in, passwords and the entrepreneur's profile."""

import math
import uuid
from functools import lru_cache

from pydantic import BaseModel, ConfigDict, EmailStr, Field
from pydantic_extra_types.country import CountryAlpha2
from sqlmodel import Session, col, func, select

from casework.actors import Actor
from casework.errors import Conflict, Forbidden, InvalidInput, NotFound
from casework.models import EntrepreneurProfile, User
from casework.models.columns import utc_now
from casework.passwords import (
    MIN_PASSWORD_LENGTH,
    hash_password,
    password_problem,
    verify_password,
)
from casework.services.unit_membership import (
    account_in_reach,
    accounts_seen_by,
    unit_after_change,
    unit_for_new_account,
)
from casework.sign_in_throttle import Attempt, record_failure, record_success, seconds_to_wait
from casework.vocabulary import Gender, Language, Role

STAFF_ROLES = frozenset({Role.ADVISOR, Role.MANAGER})


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


_PASSWORD_RULES = (
    f"At least {MIN_PASSWORD_LENGTH} characters, not one of the most common passwords, "
    "and not holding the person's name or email address."
)


class AccountInput(BaseModel):
    """A new account's sign-in and name."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    email: EmailStr
    password: str = Field(
        min_length=MIN_PASSWORD_LENGTH, max_length=200, description=_PASSWORD_RULES
    )
    full_name: str = Field(min_length=2, max_length=200)


class RegistrationInput(AccountInput):
    """Self-registration of an entrepreneur, with an optional profile and unit."""

    profile: ProfileInput | None = None
    unit: str | None = Field(
        default=None,
        max_length=32,
        description="The code of the unit they come to (GET /units); none: the default unit",
    )


class StaffAccountInput(AccountInput):
    """An account a manager creates, with its role and unit."""

    role: Role
    unit: str | None = Field(
        default=None,
        max_length=32,
        description="The unit's code; none: a unit's manager's own unit, else the default "
        "unit, but a manager created with none by a programme manager is the programme's",
    )


def create_user(
    data: AccountInput, role: Role, *, session: Session, creator: Actor | None = None
) -> User:
    """Create an account in its unit (see `unit_for_new_account`); emails are unique
    (compared case-insensitively)."""
    _require_good_password(data.password, email=data.email, full_name=data.full_name)
    code = data.unit if isinstance(data, RegistrationInput | StaffAccountInput) else None
    unit = unit_for_new_account(code, role, creator, session=session)
    user = User(
        email=data.email.lower(),
        full_name=data.full_name,
        role=role,
        unit_id=unit.id if unit else None,
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


def _require_good_password(
    password: str, *, email: str, full_name: str, field: str = "password"
) -> None:
    problem = password_problem(password, email=email, full_name=full_name)
    if problem:
        raise InvalidInput(field, problem)


class PasswordChange(BaseModel):
    """The caller's current password, and the new one."""

    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(max_length=200)
    new_password: str = Field(
        min_length=MIN_PASSWORD_LENGTH, max_length=200, description=_PASSWORD_RULES
    )


def change_password(user: User, data: PasswordChange, *, session: Session) -> None:
    """Replace the caller's password and end every token issued to them before."""
    if not verify_password(data.current_password, user.password_hash):
        raise InvalidInput("current_password", "This is not your current password.")
    if data.new_password == data.current_password:
        raise InvalidInput("new_password", "The new password is the same as the current one.")
    _require_good_password(
        data.new_password, email=user.email, full_name=user.full_name, field="new_password"
    )
    user.password_hash = hash_password(data.new_password)
    revoke_tokens(user, session=session)


def revoke_tokens(user: User, *, session: Session) -> None:
    """End every token issued to `user` so far (signing out everywhere)."""
    user.token_generation += 1
    session.add(user)


class StaffAccountUpdate(BaseModel):
    """What a manager may change on an account: the name, a staff role, whether it is active."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    full_name: str | None = Field(default=None, min_length=2, max_length=200)
    role: Role | None = Field(
        default=None, description="advisor or manager; an entrepreneur's account keeps its role"
    )
    is_active: bool | None = Field(
        default=None,
        description="false: the person can no longer sign in and their tokens end; "
        "accounts are never deleted (their history stays)",
    )
    unit: str | None = Field(
        default=None,
        max_length=32,
        description="The unit's code they move to; null: none, a programme manager "
        "(the programme's managers only)",
    )


def list_users(
    manager: Actor,
    *,
    session: Session,
    role: Role | None,
    active: bool | None,
    limit: int,
    offset: int,
    unit: str | None = None,
) -> tuple[list[User], int]:
    """The accounts `manager` runs (a unit's manager: their unit's), by name; and how many
    match in all; `unit` keeps one unit's."""
    query = select(User).where(*accounts_seen_by(manager, unit, session=session))
    if role is not None:
        query = query.where(User.role == role)
    if active is not None:
        query = query.where(User.is_active == active)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    page = query.order_by(col(User.full_name), col(User.email)).limit(limit).offset(offset)
    return list(session.exec(page)), total


def update_account(
    manager: Actor, user_id: uuid.UUID, data: StaffAccountUpdate, *, session: Session
) -> User:
    """Apply a manager's change to an account (takes effect at the account's next request)."""
    user = account_in_reach(user_id, manager, session=session)
    changes = data.model_dump(exclude_unset=True)
    for name, value in changes.items():
        # A null unit is a request: no unit, a programme manager.
        if value is None and name != "unit":
            raise InvalidInput(name, "Leave the field out to keep its value; it cannot be null.")
    role = changes.get("role")
    changes_role = role is not None and role != user.role
    if changes_role and not {Role(user.role), role} <= STAFF_ROLES:
        raise InvalidInput(
            "role",
            "Only staff roles change (advisor, manager): an entrepreneur's account stays "
            "theirs, and a staff member who registers as an entrepreneur has a second one.",
        )
    unit_id = unit_after_change(user, changes, role or Role(user.role), manager, session=session)
    changes_unit = unit_id != user.unit_id
    deactivates = changes.get("is_active") is False
    if user.id == manager.id and (changes_role or changes_unit or deactivates):
        raise Conflict(
            "You cannot change your own role or unit or deactivate your own account: another "
            "manager can, so the unit always keeps one."
        )
    if "full_name" in changes:
        user.full_name = changes["full_name"]
    if role is not None:
        user.role = role
    user.unit_id = unit_id
    if "is_active" in changes and changes["is_active"] != user.is_active:
        user.is_active = changes["is_active"]
        if not user.is_active:
            user.token_generation += 1  # reactivating later does not revive the old tokens
    session.add(user)
    session.flush()
    return user


@lru_cache
def _decoy_hash() -> str:
    return hash_password("decoy password for unknown accounts")


class SignInPaused(Exception):
    """Too many failed sign-ins: no password is checked until `wait` seconds have passed."""

    def __init__(self, wait: int) -> None:
        minutes = math.ceil(wait / 60)
        super().__init__(f"Too many failed sign-ins: try again in {minutes} minute(s).")
        self.wait = wait


def check_sign_in(attempt: Attempt, password: str, *, session: Session) -> User | None:
    """The user `attempt` names, if `password` is theirs; None after counting the failure (the
    caller answers rather than raises, so that the count is committed). SignInPaused, before
    any password is checked, while the account or the address is paused."""
    wait = seconds_to_wait(attempt, session=session)
    if wait:
        raise SignInPaused(wait)
    user = authenticate(attempt.email, password, session=session)
    if user is None:
        record_failure(attempt, session=session)
    else:
        record_success(attempt, session=session)
    return user


def authenticate(email: str, password: str, *, session: Session) -> User | None:
    """The active user with these credentials, or None (same work whether the email exists)."""
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        verify_password(password, _decoy_hash())
        return None
    if not verify_password(password, user.password_hash) or not user.is_active:
        return None
    return user
