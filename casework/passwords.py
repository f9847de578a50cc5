"""Passwords: argon2 hashes (pwdlib's recommended settings) and the policy a new one meets."""

import gzip
from functools import cache, lru_cache
from pathlib import Path

from pwdlib import PasswordHash

MIN_PASSWORD_LENGTH = 10
MIN_DISTINCT_CHARACTERS = 5
# The 20,000 most common passwords, lowercased (see password_lists/NOTICE).
_COMMON_PASSWORDS = Path(__file__).parent / "password_lists" / "common-passwords.txt.gz"


@lru_cache
def _hasher() -> PasswordHash:
    return PasswordHash.recommended()


def hash_password(password: str) -> str:
    """An argon2 hash of `password`."""
    return _hasher().hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    """Whether `password` matches `password_hash`."""
    return _hasher().verify(password, password_hash)


@cache
def _common_passwords() -> frozenset[str]:
    with gzip.open(_COMMON_PASSWORDS, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines)


def password_problem(password: str, *, email: str = "", full_name: str = "") -> str | None:
    """Why `password` may not be chosen, in words; None when it may.

    The length is checked where the field is declared (MIN_PASSWORD_LENGTH). A password
    on the list of common ones, one made of a few characters repeated, and one that holds
    the account's email name or a part of the person's name are refused: they are the
    first an attacker tries.
    """
    folded = password.strip().casefold()
    if folded in _common_passwords():
        return "This password is among the most common ones; choose another."
    if len(set(folded)) < MIN_DISTINCT_CHARACTERS:
        return f"Use at least {MIN_DISTINCT_CHARACTERS} different characters."
    email_name = email.split("@")[0].casefold()
    names = [part for part in full_name.casefold().split() if len(part) >= 4]
    if (len(email_name) >= 4 and email_name in folded) or any(p in folded for p in names):
        return "The password must not contain your name or your email address."
    return None
