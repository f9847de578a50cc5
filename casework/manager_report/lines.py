"""The rows of the managers' report: each table's lines, as the template prints them.

Plain data read from a `Portfolio` (`casework.manager_report.view`); every figure is
already counted there, and the template only formats and lays them out.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Count:
    """A name and how many: a status, a sector, a funding band."""

    name: str
    cases: int


@dataclass(frozen=True, slots=True)
class StageLine:
    """One stage of the pipeline: cases standing there, still open, and those that reached it."""

    stage: str
    now: int
    open: int
    reached: int
    # Of the cases that reached this stage, those that passed its gate to the next (None: last).
    passed: int | None
    passed_share: float | None


@dataclass(frozen=True, slots=True)
class TimeLine:
    """Days from entering a stage to entering the next."""

    stage: str
    cases: int
    median_days: float | None
    p90_days: float | None


@dataclass(frozen=True, slots=True)
class GroupLine:
    """The entrepreneurs of one gender or origin, and what became of their cases."""

    group: str
    cases: int
    open: int
    completed: int
    reoriented: int
    withdrawn: int
    businesses_started: int
    jobs_created: int
    requested_eur: float
    obtained_eur: float
    # Cases that reached each stage of the path, in the pipeline's order.
    reached: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class BandLine:
    """One funding band: its cases, and over those whose plan invests, hours against money."""

    band: str
    cases: int
    investing_cases: int
    median_advisor_hours: float | None
    median_investment_eur: float | None
    advisor_hours_per_10k_eur: float | None


@dataclass(frozen=True, slots=True)
class HoursLine:
    """Advisor time logged while cases stood at one stage."""

    stage: str
    cases: int
    hours: float
    hours_per_case: float | None


@dataclass(frozen=True, slots=True)
class CostlyCase:
    """A case whose support cost passed the flagged share of its investment."""

    reference: str
    advisor_hours: float
    investment_eur: float
    cost_share: float


@dataclass(frozen=True, slots=True)
class SupportCost:
    """Advisor time in all, and its cost against the projects' investment."""

    hourly_cost_eur: float
    flag_share: float
    cases_with_time: int
    advisor_hours: float
    median_hours_per_case: float | None
    p90_hours_per_case: float | None
    investing_cases: int
    cost_eur: float
    investment_eur: float
    cost_share: float | None
    over_share_cases: int
    by_stage: tuple[HoursLine, ...]
    by_band: tuple[BandLine, ...]
    costliest: tuple[CostlyCase, ...]


@dataclass(frozen=True, slots=True)
class MoneyLine:
    """External financing asked of partners and obtained, for one partner or one source."""

    name: str
    referrals: int
    accepted: int
    requested_eur: float
    obtained_eur: float

    @property
    def obtained_share(self) -> float | None:
        """What was obtained as a share of what was asked."""
        return self.obtained_eur / self.requested_eur if self.requested_eur else None


@dataclass(frozen=True, slots=True)
class Money:
    """Financing asked and obtained: in all, per partner and per financing source."""

    total: MoneyLine
    by_partner: tuple[MoneyLine, ...]
    by_source: tuple[MoneyLine, ...]


@dataclass(frozen=True, slots=True)
class Outcomes:
    """What the businesses did: started, jobs created, revenue against the plan."""

    businesses_started: int
    reports_confirmed: int
    reports_awaiting: int
    jobs_women: int
    jobs_men: int
    jobs_total: int
    revenue_cases: int
    planned_revenue_eur: float
    actual_revenue_eur: float
    actual_to_planned: float | None


@dataclass(frozen=True, slots=True)
class PartnerLine:
    """Referrals one partner received, its answers and how fast it first responded."""

    name: str
    kind: str
    sent: int
    answered: int
    accepted: int
    declined: int
    acceptance_rate: float | None
    median_response_days: float | None


@dataclass(frozen=True, slots=True)
class Reorientation:
    """Cases reoriented from one stage for one reason."""

    stage: str
    reason: str
    cases: int
