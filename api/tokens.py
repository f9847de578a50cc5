"""Signed bearer tokens (HS256 JWT) carrying the user's id."""

import secrets
import uuid
from datetime import timedelta
from functools import lru_cache

import jwt

from casework.models.columns import utc_now
from casework.settings import get_settings

_ALGORITHM = "HS256"


@lru_cache
def _secret() -> str:
    configured = get_settings().secret_key
    # No default secret: without one, each process draws its own, and tokens die on restart.
    return configured.get_secret_value() if configured else secrets.token_urlsafe(48)


def issue_token(user_id: uuid.UUID) -> str:
    """A bearer token for `user_id`, valid for the configured minutes."""
    now = utc_now()
    claims = {
        "sub": str(user_id),
        "iat": now,
        "exp": now + timedelta(minutes=get_settings().token_minutes),
    }
    return jwt.encode(claims, _secret(), algorithm=_ALGORITHM)


def read_token(token: str) -> uuid.UUID | None:
    """The user id in a valid, unexpired token; None otherwise."""
    try:
        claims = jwt.decode(token, _secret(), algorithms=[_ALGORITHM], options={"require": ["exp"]})
        return uuid.UUID(claims["sub"])
    except (jwt.PyJWTError, KeyError, ValueError):
        return None
