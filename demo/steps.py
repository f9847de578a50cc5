"""The steps a demo case's story is told in: each one thing an advisor or entrepreneur did.

Plain data; `demo.history` carries each step out through the services, at its time.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

Body = dict[str, Any]


@dataclass(frozen=True)
class Open:
    """The advisor opens the case for the entrepreneur."""

    title: str
    sector: str
    country: str
    summary: str


@dataclass(frozen=True)
class Assess:
    """The advisor records the reception assessment."""

    body: Body


@dataclass(frozen=True)
class Train:
    """A course for the project leader: planned, or completed on the step's day."""

    course: str
    provider: str
    completed: bool = False


@dataclass(frozen=True)
class Move:
    """A transition of the stage table; a reorientation carries its reason and suggestions."""

    transition: str
    reason: str | None = None
    suggestions: tuple[str, ...] = ()
    code: str = "other"


@dataclass(frozen=True)
class SavePlan:
    """The entrepreneur saves a version of their plan, and approves it if `approve`."""

    body: Body
    approve: bool = False


@dataclass(frozen=True)
class Study:
    """The advisor writes the feasibility study."""

    body: Body


@dataclass(frozen=True)
class Refer:
    """A referral to a partner moves on: `draft` makes it, `sent` asks consent and sends it."""

    partner: str
    status: str
    purpose: str = ""
    answer: Body = field(default_factory=dict)  # the rest of the update: note, amounts, ...


@dataclass(frozen=True)
class LogTime:
    """The advisor logs minutes spent on the case."""

    minutes: int
    activity: str


@dataclass(frozen=True)
class FollowUpUntil:
    """The advisor sets the day follow-up ends."""

    until: date


@dataclass(frozen=True)
class CloseMilestones:
    """The milestones due by `until` are recorded done, each a few days after it fell due."""

    until: date
    late_days: int
    leave_open: int = 0  # the last ones left overdue: a risk the sweep flags


@dataclass(frozen=True)
class Report:
    """A plan year's figures, by the entrepreneur (confirmed later) or by the advisor."""

    body: Body
    by_entrepreneur: bool = True


@dataclass(frozen=True)
class Confirm:
    """The advisor confirms the entrepreneur's report of a plan year."""

    period: int


@dataclass(frozen=True)
class Outcome:
    """Staff record what became of a reoriented entrepreneur."""

    outcome: str
    note: str


Action = (
    Open | Assess | Train | Move | SavePlan | Study | Refer | LogTime | FollowUpUntil
    | CloseMilestones | Report | Confirm | Outcome
)  # fmt: skip


@dataclass(frozen=True)
class Step:
    """One action of a story, and when it happened."""

    at: datetime
    action: Action
