"""The follow-up milestones an approved plan sets: start, each instalment due, each review.

Year 1 of the plan begins on its `start_date` (or the day the case entered follow-up);
plan year N ends the day before the N-th anniversary of that day. A loan's instalment
for year N falls due on the last day of year N, and so does that year's review. Only
the milestones that fall within the follow-up period are set; extending the period
sets those it now reaches. Each milestone has a key, so that setting them again never
doubles one.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from casework.vocabulary import MilestoneKind


@dataclass(frozen=True)
class LoanDue:
    """A loan of the plan: its financing line, its name, and its payment for each plan year."""

    financing_line: int
    name: str
    payments: tuple[tuple[int, float], ...]


@dataclass(frozen=True)
class PlannedMilestone:
    """A milestone drawn from the plan."""

    key: str
    kind: MilestoneKind
    title: str
    due_date: date
    period: int
    amount_due: float | None = None


def year_end(start: date, year: int) -> date:
    """The last day of plan year `year` (1-based) for a plan starting on `start`."""
    return _anniversary(start, year) - timedelta(days=1)


def _anniversary(start: date, years: int) -> date:
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February, in a year without one: the year turns on 1 March
        return date(start.year + years, 3, 1)


def plan_milestones(
    start: date, horizon_years: int, loans: list[LoanDue], until: date, currency: str
) -> list[PlannedMilestone]:
    """The plan's milestones due on or before `until`, by due date."""
    found = [
        PlannedMilestone(
            "start",
            MilestoneKind.START_OF_OPERATIONS,
            "Start of operations",
            start,
            1,
        )
    ]
    for loan in loans:
        for year, payment in loan.payments:
            if payment > 0:
                found.append(
                    PlannedMilestone(
                        f"instalment:{loan.financing_line}:{year}",
                        MilestoneKind.INSTALMENT,
                        f"{loan.name}: instalment of year {year}, {round(payment):,} {currency}",
                        year_end(start, year),
                        year,
                        amount_due=payment,
                    )
                )
    for year in range(1, horizon_years + 1):
        found.append(
            PlannedMilestone(
                f"review:{year}",
                MilestoneKind.YEARLY_REVIEW,
                f"Review of year {year}: revenue, costs, jobs and repayments against the plan",
                year_end(start, year),
                year,
            )
        )
    due = [milestone for milestone in found if milestone.due_date <= until]
    return sorted(due, key=lambda m: (m.due_date, m.kind != MilestoneKind.INSTALMENT, m.key))
