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

from casework.number_style import format_amount, format_money, format_percent

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
    # "repayments") with its sentence.
    flagged: tuple[tuple[str, str], ...]

    @property
    def deviations(self) -> tuple[str, ...]:
        """The sentences naming what is off the plan this year."""
        return tuple(sentence for _, sentence in self.flagged)


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
) -> list[tuple[str, str]]:
    if actual is None:
        return []
    year = plan.year
    found = [
        ("revenue", _relative("revenue", plan.revenue, actual.revenue, year, threshold)),
        (
            "operating_costs",
            _relative(
                "operating costs", plan.operating_costs, actual.operating_costs, year, threshold
            ),
        ),
        (
            "net_cash_flow",
            _relative("net cash flow", plan.net_cash_flow, actual.net_cash_flow, year, threshold),
        ),
    ]
    if _repayment_status(plan, actual) == RepaymentStatus.BEHIND:
        short = plan.debt_service - actual.repayments_made
        sentence = (
            f"repayments {format_money(short, currency)} short of plan in year {year} "
            f"({format_amount(actual.repayments_made)} of {format_amount(plan.debt_service)} "
            "repaid)"
        )
        found.append(("repayments", sentence))
    return [(figure, sentence) for figure, sentence in found if sentence]


def _relative(name: str, planned: float, actual: float, year: int, threshold: float) -> str:
    if planned == 0:
        return ""
    share = (actual - planned) / abs(planned)
    if abs(share) <= threshold:
        return ""
    direction = "above" if share > 0 else "below"
    return f"{name} {format_percent(abs(share))} {direction} plan in year {year}"
