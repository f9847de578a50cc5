"""The yearly cash-flow table: the project on total capital, then the owners after financing.

On total capital, taxes are charged on EBIT, as if the project had no debt. On equity, taxes are
charged on profit after interest (interest is deductible), loans come in and are served, grants
come in, and whatever a loan still owes at the end of the horizon is paid off then, since the
assets are counted as sold and the working capital as recovered in that year too.
"""

from dataclasses import dataclass
from itertools import accumulate

from pydantic import BaseModel

from casework.investment_plan.amounts import RESULT, money, ratio
from casework.investment_plan.lines import GRANT_SOURCES, FinancingLine
from casework.investment_plan.loans import Loan
from casework.investment_plan.operations import ProjectYears
from casework.language import N_

# Below half a cent there is nothing to cover: a ratio against it would be noise or infinite.
NOTHING = 0.005

NO_DEBT_SERVICE_THIS_YEAR = N_("no interest or principal falls due this year")


@dataclass(frozen=True, slots=True)
class FinancedYears:
    """The project's rows plus financing and the owners' cash flow, unrounded; index = year."""

    project: ProjectYears
    interest: list[float]
    principal: list[float]
    drawdown: list[float]
    grants: list[float]
    debt_settled: list[float]
    profit_before_tax: list[float]
    taxes: list[float]
    equity_flow: list[float]
    dscr: list[float | None]

    def debt_service(self, year: int) -> float:
        """Interest and principal due in `year` by the schedules (not the final pay-off)."""
        return self.interest[year] + self.principal[year]


def financed_years(
    project: ProjectYears, loans: list[Loan], financing: list[FinancingLine], tax_rate: float
) -> FinancedYears:
    """Add loans, grants and the taxes after interest to the project's yearly rows."""
    horizon = len(project.cash_flow) - 1
    years = range(horizon + 1)
    interest = [0.0] * (horizon + 1)
    principal = [0.0] * (horizon + 1)
    drawdown = [0.0] * (horizon + 1)
    settled = [0.0] * (horizon + 1)
    for loan in loans:
        drawdown[loan.line.disbursed_in] += loan.line.amount
        for year, due, paid in zip(loan.years, loan.interest, loan.principal, strict=True):
            if year <= horizon:
                interest[year] += due
                principal[year] += paid
        settled[horizon] += loan.balance_after(horizon)
    grants = [0.0] * (horizon + 1)
    for line in financing:
        if line.source in GRANT_SOURCES:
            grants[line.disbursed_in] += line.amount
    profit = [project.ebit[t] - interest[t] for t in years]
    taxes = [tax_rate * max(0.0, value) for value in profit]
    equity = [
        project.cash_flow[t]
        + project.taxes_on_ebit[t]
        - taxes[t]
        + drawdown[t]
        + grants[t]
        - interest[t]
        - principal[t]
        - settled[t]
        for t in years
    ]
    dscr: list[float | None] = []
    for t in years:
        service = interest[t] + principal[t]
        # Cash from operations after the taxes actually due, against what the lenders are owed.
        dscr.append((project.ebitda[t] - taxes[t]) / service if service >= NOTHING else None)
    return FinancedYears(
        project=project,
        interest=interest,
        principal=principal,
        drawdown=drawdown,
        grants=grants,
        debt_settled=settled,
        profit_before_tax=profit,
        taxes=taxes,
        equity_flow=equity,
        dscr=dscr,
    )


class CashFlowYear(BaseModel):
    """One year of the cash-flow plan, in the plan's currency."""

    model_config = RESULT

    year: int
    revenues: float
    operating_costs: float
    ebitda: float
    depreciation: float
    ebit: float
    interest: float
    profit_before_tax: float
    taxes_on_ebit: float
    taxes: float
    net_profit: float
    investments: float
    replacements: float
    salvage_value: float
    working_capital_change: float
    cash_flow_total_capital: float
    cumulative_cash_flow: float
    debt_drawdown: float
    grants: float
    debt_service: float
    debt_settled: float
    cash_flow_equity: float
    cumulative_cash_flow_equity: float
    dscr: float | None
    dscr_note: str | None


def cash_flow_table(years: FinancedYears) -> list[CashFlowYear]:
    """The rounded yearly table, year 0..horizon."""
    project = years.project
    cumulative = list(accumulate(project.cash_flow))
    cumulative_equity = list(accumulate(years.equity_flow))
    return [
        CashFlowYear(
            year=t,
            revenues=money(project.revenues[t]),
            operating_costs=money(project.operating_costs[t]),
            ebitda=money(project.ebitda[t]),
            depreciation=money(project.depreciation[t]),
            ebit=money(project.ebit[t]),
            interest=money(years.interest[t]),
            profit_before_tax=money(years.profit_before_tax[t]),
            taxes_on_ebit=money(project.taxes_on_ebit[t]),
            taxes=money(years.taxes[t]),
            net_profit=money(years.profit_before_tax[t] - years.taxes[t]),
            investments=money(project.investments[t]),
            replacements=money(project.replacements[t]),
            salvage_value=money(project.salvage[t]),
            working_capital_change=money(project.working_capital_change[t]),
            cash_flow_total_capital=money(project.cash_flow[t]),
            cumulative_cash_flow=money(cumulative[t]),
            debt_drawdown=money(years.drawdown[t]),
            grants=money(years.grants[t]),
            debt_service=money(years.debt_service(t)),
            debt_settled=money(years.debt_settled[t]),
            cash_flow_equity=money(years.equity_flow[t]),
            cumulative_cash_flow_equity=money(cumulative_equity[t]),
            dscr=None if (dscr := years.dscr[t]) is None else ratio(dscr),
            dscr_note=NO_DEBT_SERVICE_THIS_YEAR if years.dscr[t] is None else None,
        )
        for t in range(len(project.cash_flow))
    ]
