"""Failed sign-ins, counted in the store so that every API process sees the same count."""

from sqlmodel import Field, SQLModel


class SignInFailures(SQLModel, table=True):
    """Failed sign-ins for one account or one address, within a window of time."""

    __tablename__ = "sign_in_failures"

    # A hash of "account:<email>" or "address:<ip>": the store keeps no tried emails.
    key: str = Field(primary_key=True, max_length=64)
    failures: int = 0
    window_started: int = Field(description="Unix time (s) of the window's first failure.")
