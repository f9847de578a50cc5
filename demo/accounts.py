"""The demo accounts' passwords: drawn once, when the demo is first loaded, and kept in a file.

Re-keying the accounts at every start locked out whoever was already signed in to
a running instance, so the passwords live as long as the store, in a file only the
user can read. It sits beside a SQLite store, so a store and its passwords travel
together; a server database has no folder of its own, so its file goes in the
current folder, beside `.prefect/`.
"""

import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from casework.models.columns import utc_now

FILE_NAME = ".casework-demo-accounts.txt"


@dataclass(frozen=True)
class DemoPerson:
    """A demo account and the password made for it when the demo was loaded."""

    email: str
    role: str
    full_name: str
    password: str


def draw_password() -> str:
    """A fresh random password for a demo account."""
    return secrets.token_urlsafe(12)


def demo_accounts_path(database_url: str) -> Path:
    """Where the demo passwords of the store at `database_url` are kept."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        return Path(url.database).absolute().parent / FILE_NAME
    return Path.cwd() / FILE_NAME


def in_reading_order(people: list[DemoPerson]) -> list[DemoPerson]:
    """Managers, then advisors, then entrepreneurs; by email within a role."""
    return sorted(people, key=lambda p: (p.role != "manager", p.role != "advisor", p.email))


def write_demo_accounts(path: Path, people: list[DemoPerson], *, database_url: str) -> None:
    """Write the accounts to `path`, readable and writable by the user only (mode 0600)."""
    store = make_url(database_url).render_as_string(hide_password=True)
    rows = [(p.role, p.email, p.password) for p in in_reading_order(people)]
    widths = [max(len(row[i]) for row in [("role", "email", "password"), *rows]) for i in range(3)]
    lines = [
        f"# casework demo accounts, made {utc_now():%Y-%m-%d %H:%M} UTC for {store}",
        "# They stay valid as long as that store; keep this file to yourself.",
        *(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            for row in [("role", "email", "password"), *rows]
        ),
    ]
    # Created 0600 (never readable by others, not even for an instant), and forced to
    # 0600 if an older file was there with looser rights.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        os.fchmod(file.fileno(), 0o600)
        file.write("\n".join(lines) + "\n")
