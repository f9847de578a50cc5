"""Signed bearer tokens (HS256 JWT) carrying the user's id and token generation."""

import secrets
import uuid
from dataclasses import dataclass
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


def signing_key() -> bytes:
    """The key tokens are signed with, for what else must be signed alike (the console's forms)."""
    return _secret().encode()


@dataclass(frozen=True)
class TokenClaims:
    """Whose token it is, and the generation of that account's tokens it was issued in."""

    user_id: uuid.UUID
    generation: int


def issue_token(user_id: uuid.UUID, generation: int) -> str:
    """A bearer token for `user_id`'s current `generation`, valid for the configured minutes."""
    now = utc_now()
    claims = {
        "sub": str(user_id),
        "gen": generation,
        "iat": now,
        "exp": now + timedelta(minutes=get_settings().token_minutes),
    }
    return jwt.encode(claims, _secret(), algorithm=_ALGORITHM)


def read_token(token: str) -> TokenClaims | None:
    """The claims of a valid, unexpired token; None otherwise."""
    try:
        claims = jwt.decode(
            token, _secret(), algorithms=[_ALGORITHM], options={"require": ["exp", "sub", "gen"]}
        )
        generation = claims["gen"]
        if not isinstance(generation, int) or isinstance(generation, bool):
            return None
        return TokenClaims(uuid.UUID(claims["sub"]), generation)
    except (jwt.PyJWTError, KeyError, ValueError, TypeError):
        return None
