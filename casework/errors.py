"""What can go wrong in a case operation, in terms the API turns into HTTP answers."""

from dataclasses import dataclass, field


class CaseworkError(Exception):
    """Base of every refusal casework makes."""


class NotFound(CaseworkError):
    """The thing does not exist, or the caller may not know that it does."""


class Gone(CaseworkError):
    """The thing existed and its record stays, but its content was erased for good."""


class Forbidden(CaseworkError):
    """The caller knows the thing but may not do this with it."""


class Conflict(CaseworkError):
    """The request clashes with the current state (a duplicate, a stale version).

    `field` names the input that clashes, where one does (an email already taken).
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotReady(Conflict):
    """The thing exists but is not ready yet; `retry_after` says when to ask again, if known."""

    def __init__(self, message: str, *, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass
class GateClosed(CaseworkError):
    """A stage gate is closed; `unmet` lists why, in sentences."""

    unmet: list[str] = field(default_factory=list)


@dataclass
class InvalidInput(CaseworkError):
    """A value is valid in shape but breaks a rule; `field` names it, in the body or the query."""

    field: str
    reason: str
    location: str = "body"

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}"
