"""The business against the plan its owner approved, year by year, deviations in words.

Both sides are counted alike: the net cash flow of a year is its revenue, less its
operating costs, less what was repaid to lenders (the plan's debt service); the
cumulative is the running sum of those from year 1, known only while every year
so far is reported. A deviation is named when a figure strays from the plan by more
than the unit's threshold (a share of the planned figure); a repayment short of the
plan is always named.
"""

from dataclasses import dataclass
from enum import StrEnum

from casework.investment_plan.phrases import Phrase, figure, in_english
from casework.language import N_

# A repayment within half a percent of the instalment is on schedule (rounding).
_REPAYMENT_TOLERANCE = 0.005


class RepaymentStatus(StrEnum):
    NONE_DUE = "none_due"
    ON_SCHEDULE = "on_schedule"
    BEHIND = "behind"
    NOT_REPORTED = "not_reported"


@dataclass(frozen=True)
class PlannedYear:
    """One year of the approved plan, in the plan's currency."""

    year: int
    revenue: float
    operating_costs: float
    debt_service: float

    @property
    def net_cash_flow(self) -> float:
        return self.revenue - self.operating_costs - self.debt_service


@dataclass(frozen=True)
class ReportedYear:
    """What the business reported for a plan year, in the plan's currency."""

    year: int
    revenue: float
    operating_costs: float
    repayments_made: float
    confirmed: bool

    @property
    def net_cash_flow(self) -> float:
        return self.revenue - self.operating_costs - self.repayments_made


@dataclass(frozen=True)
class YearComparison:
    """One plan year: planned and actual figures side by side, and what deviates."""

    year: int
    planned: PlannedYear
    actual: ReportedYear | None
    planned_cumulative: float
    actual_cumulative: float | None
    repayment_status: RepaymentStatus
    # Each figure off the plan ("revenue", "operating_costs", "net_cash_flow",
    # "repayments") with its sentence, as words and figures apart.
    flagged: tuple[tuple[str, Phrase], ...]

    @property
    def deviations(self) -> tuple[str, ...]:
        """The sentences naming what is off the plan this year, in English."""
        return tuple(in_english(phrase) for phrase in self.phrases)

    @property
    def phrases(self) -> tuple[Phrase, ...]:
        """What is off the plan this year, for a reader in any language."""
        return tuple(phrase for _, phrase in self.flagged)


def compare(
    planned: list[PlannedYear],
    reported: list[ReportedYear],
    *,
    threshold: float,
    currency: str,
) -> list[YearComparison]:
    """Every plan year compared with its report (if any), deviations past `threshold` named."""
    by_year = {report.year: report for report in reported}
    rows: list[YearComparison] = []
    planned_total = 0.0
    actual_total: float | None = 0.0
    for plan in sorted(planned, key=lambda p: p.year):
        actual = by_year.get(plan.year)
        planned_total += plan.net_cash_flow
        actual_total = (
            actual_total + actual.net_cash_flow
            if actual is not None and actual_total is not None
            else None
        )
        rows.append(
            YearComparison(
                year=plan.year,
                planned=plan,
                actual=actual,
                planned_cumulative=planned_total,
                actual_cumulative=actual_total,
                repayment_status=_repayment_status(plan, actual),
                flagged=tuple(_deviations(plan, actual, threshold, currency)),
            )
        )
    return rows


def _repayment_status(plan: PlannedYear, actual: ReportedYear | None) -> RepaymentStatus:
    if plan.debt_service <= 0:
        return RepaymentStatus.NONE_DUE
    if actual is None:
        return RepaymentStatus.NOT_REPORTED
    if actual.repayments_made >= plan.debt_service * (1 - _REPAYMENT_TOLERANCE):
        return RepaymentStatus.ON_SCHEDULE
    return RepaymentStatus.BEHIND


def _deviations(
    plan: PlannedYear, actual: ReportedYear | None, threshold: float, currency: str
) -> list[tuple[str, Phrase]]:
    if actual is None:
        return []
    year = plan.year
    found = [
        ("revenue", _relative(_REVENUE, plan.revenue, actual.revenue, year, threshold)),
        (
            "operating_costs",
            _relative(_COSTS, plan.operating_costs, actual.operating_costs, year, threshold),
        ),
        (
            "net_cash_flow",
            _relative(_NET, plan.net_cash_flow, actual.net_cash_flow, year, threshold),
        ),
    ]
    if _repayment_status(plan, actual) == RepaymentStatus.BEHIND:
        short = plan.debt_service - actual.repayments_made
        phrase = Phrase(
            text=N_(
                "repayments %(short)s short of plan in year %(year)s (%(made)s of %(due)s repaid)"
            ),
            values={
                "short": figure("money", short, currency),
                "year": figure("number", year),
                "made": figure("amount", actual.repayments_made),
                "due": figure("amount", plan.debt_service),
            },
        )
        found.append(("repayments", phrase))
    return [(name, phrase) for name, phrase in found if phrase is not None]


# Each figure's sentences: above the plan, below it.
_REVENUE = (
    N_("revenue %(share)s above plan in year %(year)s"),
    N_("revenue %(share)s below plan in year %(year)s"),
)
_COSTS = (
    N_("operating costs %(share)s above plan in year %(year)s"),
    N_("operating costs %(share)s below plan in year %(year)s"),
)
_NET = (
    N_("net cash flow %(share)s above plan in year %(year)s"),
    N_("net cash flow %(share)s below plan in year %(year)s"),
)


def _relative(
    texts: tuple[str, str], planned: float, actual: float, year: int, threshold: float
) -> Phrase | None:
    if planned == 0:
        return None
    share = (actual - planned) / abs(planned)
    if abs(share) <= threshold:
        return None
    above, below = texts
    return Phrase(
        text=above if share > 0 else below,
        values={"share": figure("percent", abs(share)), "year": figure("number", year)},
    )
