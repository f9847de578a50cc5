"""Throttling sign-in: after too many failures, per account and per address, a pause.

The counts live in the case store, updated by one atomic upsert each, so that
several API processes share them and two failures at once are both counted.
A pause is answered before the password is checked, so guessing on cannot tell
a right password from a wrong one until the pause is over.
"""

import hashlib
import math
from dataclasses import dataclass

from sqlalchemy import case, delete
from sqlmodel import Session, col, select

from casework.database import dialect_insert
from casework.models import SignInFailures
from casework.models.columns import utc_now
from casework.settings import get_settings


@dataclass(frozen=True)
class Attempt:
    """Who is trying to sign in, and from where."""

    email: str
    address: str

    @property
    def account_key(self) -> str:
        """The account's counter."""
        return _key("account", self.email.strip().lower())

    def limits(self) -> dict[str, int]:
        """Each counter this attempt adds to, with the failures it may reach before a pause."""
        settings = get_settings()
        return {
            self.account_key: settings.sign_in_account_limit,
            _key("address", self.address): settings.sign_in_address_limit,
        }


def _key(kind: str, value: str) -> str:
    return hashlib.sha256(f"{kind}:{value}".encode(errors="replace")).hexdigest()


def _window_seconds() -> int:
    return get_settings().sign_in_window_minutes * 60


def seconds_to_wait(attempt: Attempt, *, session: Session) -> int:
    """How long `attempt` must wait before it may try (0: it may try now)."""
    limits = attempt.limits()
    rows = session.exec(select(SignInFailures).where(col(SignInFailures.key).in_(limits))).all()
    now = utc_now().timestamp()
    waits = [
        row.window_started + _window_seconds() - now
        for row in rows
        if row.failures >= limits[row.key]
    ]
    return max(0, math.ceil(max(waits, default=0)))


def record_failure(attempt: Attempt, *, session: Session) -> None:
    """Count a failed sign-in against the account and the address (a window past is restarted)."""
    now = math.floor(utc_now().timestamp())
    table = SignInFailures.__table__  # type: ignore[attr-defined]
    expired = table.c.window_started <= now - _window_seconds()
    for key in attempt.limits():
        session.execute(
            dialect_insert(session)(table)
            .values(key=key, failures=1, window_started=now)
            .on_conflict_do_update(
                index_elements=[table.c.key],
                set_={
                    "failures": case((expired, 1), else_=table.c.failures + 1),
                    "window_started": case((expired, now), else_=table.c.window_started),
                },
            )
        )


def record_success(attempt: Attempt, *, session: Session) -> None:
    """Forget the account's failures (the address's stay: one good account must not reset it)."""
    session.execute(delete(SignInFailures).where(col(SignInFailures.key) == attempt.account_key))
