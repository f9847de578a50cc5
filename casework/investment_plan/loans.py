"""Loan repayment schedules: grace years of interest only, then annuity or linear repayment.

Grace years sit inside the term: a 5-year loan with 1 grace year pays interest only in its first
year and repays the principal over the 4 years after. Payments fall at the end of each year,
starting the year after the money comes in.
"""

from dataclasses import dataclass

import numpy_financial as npf
from pydantic import BaseModel

from casework.investment_plan.amounts import RESULT, money, ratio
from casework.investment_plan.lines import FinancingLine, Repayment
from casework.vocabulary import FinancingSource

NEGLIGIBLE_RATE = 1e-9


@dataclass(frozen=True, slots=True)
class Loan:
    """A loan's schedule, unrounded: one entry per year of the term, in `years`."""

    line: FinancingLine
    years: list[int]
    opening: list[float]
    interest: list[float]
    principal: list[float]
    closing: list[float]

    def balance_after(self, year: int) -> float:
        """What is still owed at the end of `year`."""
        if year < self.line.disbursed_in:
            return 0.0
        owed = self.line.amount
        for when, left in zip(self.years, self.closing, strict=True):
            if when <= year:
                owed = left
        return owed


def repayment_years(line: FinancingLine) -> int:
    """How many years repay principal; one, after the grace, when the grace fills the term."""
    term = line.term_years or 1
    return max(1, term - line.grace_years)


def schedule(line: FinancingLine) -> Loan:
    """The year-by-year schedule of a loan line (its interest rate and term are set)."""
    amount = line.amount
    rate = line.interest_rate or 0.0
    grace = line.grace_years
    count = repayment_years(line)
    # At (next to) no interest an annuity is equal slices of principal; numpy-financial would
    # divide by a rate too small to tell (1 + rate) ** n from 1.
    annuity = line.repayment is Repayment.ANNUITY and rate > NEGLIGIBLE_RATE
    # numpy-financial signs money paid out as negative; the table shows it as positive.
    instalment = float(-npf.pmt(rate, count, amount)) if annuity else 0.0
    opening: list[float] = []
    interest: list[float] = []
    principal: list[float] = []
    closing: list[float] = []
    balance = amount
    for index in range(grace + count):
        opening.append(balance)
        interest.append(balance * rate)
        if index < grace:
            paid = 0.0
        elif index == grace + count - 1:
            # The last payment takes whatever is left, so the loan ends at exactly zero.
            paid = balance
        else:
            paid = instalment - balance * rate if annuity else amount / count
        principal.append(paid)
        balance -= paid
        closing.append(balance)
    first = line.disbursed_in + 1
    return Loan(
        line=line,
        years=list(range(first, first + len(principal))),
        opening=opening,
        interest=interest,
        principal=principal,
        closing=closing,
    )


class LoanYear(BaseModel):
    """One year of a repayment schedule."""

    model_config = RESULT

    year: int
    opening_balance: float
    interest: float
    principal: float
    payment: float
    closing_balance: float


class LoanSchedule(BaseModel):
    """A loan line and how it is repaid, year by year, to the end of its term."""

    model_config = RESULT

    financing_line: int
    source: FinancingSource
    label: str | None
    amount: float
    disbursement_year: int
    interest_rate: float
    term_years: int
    grace_years: int
    repayment: Repayment
    years: list[LoanYear]
    total_interest: float
    balance_at_horizon: float


def schedule_table(loan: Loan, index: int, horizon: int) -> LoanSchedule:
    """The rounded schedule of a loan, as shown to the entrepreneur and the lender."""
    line = loan.line
    return LoanSchedule(
        financing_line=index,
        source=line.source,
        label=line.label,
        amount=money(line.amount),
        disbursement_year=line.disbursed_in,
        interest_rate=ratio(line.interest_rate or 0.0),
        term_years=line.term_years or 1,
        grace_years=line.grace_years,
        repayment=line.repayment,
        years=[
            LoanYear(
                year=year,
                opening_balance=money(opening),
                interest=money(interest),
                principal=money(principal),
                payment=money(interest + principal),
                closing_balance=money(closing),
            )
            for year, opening, interest, principal, closing in zip(
                loan.years, loan.opening, loan.interest, loan.principal, loan.closing, strict=True
            )
        ],
        total_interest=money(sum(loan.interest)),
        balance_at_horizon=money(loan.balance_after(horizon)),
    )
