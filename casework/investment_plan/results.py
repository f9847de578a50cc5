"""What an investment plan works out to: one pure entry point, `evaluate`, and its results.

Money is in the plan's currency unless a name ends in `_eur`, rounded to the cent; rates and
ratios carry six decimals. A figure that cannot exist is None, next to a `_note` saying why.
"""

from casework.investment_plan.amounts import money, ratio
from casework.investment_plan.break_even import BreakEven, break_even
from casework.investment_plan.cash_flows import CashFlowYear, cash_flow_table, financed_years
from casework.investment_plan.financing import (
    SourcesAndUses,
    external_financing_eur,
    funding_band,
    funding_of,
    sources_and_uses,
)
from casework.investment_plan.loans import LoanSchedule, schedule, schedule_table
from casework.investment_plan.measures import (
    ReturnMeasures,
    Returns,
    discounted_payback_period,
    internal_rate_of_return,
    modified_rate_of_return,
    net_present_value,
    payback_period,
    return_measures,
)
from casework.investment_plan.operations import operations_of, project_years
from casework.investment_plan.phrases import Phrase, in_english
from casework.investment_plan.plan import InvestmentPlan
from casework.investment_plan.policy import PlanPolicy
from casework.investment_plan.sensitivity import SensitivityCase, sensitivity
from casework.investment_plan.warnings import lender_warnings
from casework.language import N_
from casework.vocabulary import FundingBand

NO_DEBT_SERVICE = N_("no interest or principal falls due within the horizon")


class PlanResults(Returns):
    """The figures computed from an investment plan; money in the plan's currency unless `_eur`.

    Its own `cash_flows`, `npv`, `irr`, ... are on total capital: the project's cash
    flow before any financing. This is also how a plan version keeps its results, as JSON.
    """

    # Results saved before the lender's figures were computed hold only the total-capital
    # returns and the funding figures: the rest reads as None or empty, and is left out.
    # Fields keep their order: it is the order of the keys the store and the API show.
    equity: ReturnMeasures | None = None  # the owners' view: after loans, grants and taxes
    cash_flow_table: list[CashFlowYear] = []
    loans: list[LoanSchedule] = []
    min_dscr: float | None = None
    min_dscr_year: int | None = None
    dscr_note: str | None = None
    break_even: BreakEven | None = None
    total_investment: float
    total_financing: float
    funding_gap: float
    sources_and_uses: SourcesAndUses | None = None
    external_financing_eur: float
    funding_band: FundingBand
    sensitivity: list[SensitivityCase] = []
    warnings: list[str] | None = None  # None: not computed when the version was saved
    # The same warnings as words and figures apart, for a dossier in another language;
    # None for results saved before (their dossiers print `warnings` as they are).
    warning_phrases: list[Phrase] | None = None

    @property
    def total_capital(self) -> Returns:
        """The total-capital view, shaped as the owners' view is."""
        return self


def evaluate(plan: InvestmentPlan, policy: PlanPolicy) -> PlanResults:
    """Compute the results of a validated plan; pure, no I/O."""
    ops = operations_of(plan)
    project = project_years(ops)
    numbered_loans = [
        (index, schedule(line))
        for index, line in enumerate(plan.financing)
        if line.is_scheduled_loan
    ]
    loans = [loan for _, loan in numbered_loans]
    years = financed_years(project, loans, plan.financing, plan.tax_rate)
    funding = funding_of(plan)
    flows = project.cash_flow
    rate = plan.discount_rate
    finance_rate = rate if plan.finance_rate is None else plan.finance_rate
    reinvestment_rate = rate if plan.reinvestment_rate is None else plan.reinvestment_rate
    equity_rate = rate if plan.equity_discount_rate is None else plan.equity_discount_rate
    npv = net_present_value(rate, flows)
    irr, irr_note = internal_rate_of_return(flows)
    mirr, mirr_note = modified_rate_of_return(flows, finance_rate, reinvestment_rate)
    payback, payback_note = payback_period(flows)
    discounted, discounted_note = discounted_payback_period(flows, rate)
    covered = [(dscr, year) for year, dscr in enumerate(years.dscr) if dscr is not None]
    worst = min(covered) if covered else None
    external_eur = external_financing_eur(funding, plan.eur_rate)
    warnings = lender_warnings(plan, policy, years, funding, numbered_loans, npv=npv, irr=irr)
    return PlanResults(
        cash_flows=[money(flow) for flow in flows],
        npv=money(npv),
        irr=irr,
        irr_note=irr_note,
        mirr=mirr,
        mirr_note=mirr_note,
        payback_years=payback,
        payback_note=payback_note,
        discounted_payback_years=discounted,
        discounted_payback_note=discounted_note,
        equity=return_measures(
            years.equity_flow,
            equity_rate,
            # Unless given, each view finances and reinvests at its own discount rate.
            equity_rate if plan.finance_rate is None else plan.finance_rate,
            equity_rate if plan.reinvestment_rate is None else plan.reinvestment_rate,
        ),
        cash_flow_table=cash_flow_table(years),
        loans=[schedule_table(loan, index, plan.horizon_years) for index, loan in numbered_loans],
        min_dscr=None if worst is None else ratio(worst[0]),
        min_dscr_year=None if worst is None else worst[1],
        dscr_note=NO_DEBT_SERVICE if worst is None else None,
        break_even=break_even(plan, ops, years),
        total_investment=money(funding.total_investment),
        total_financing=money(funding.total_sources),
        funding_gap=money(funding.gap),
        sources_and_uses=sources_and_uses(plan, funding),
        external_financing_eur=external_eur,
        # Banded on the rounded figure so the band always agrees with the amount shown.
        funding_band=funding_band(external_eur, policy),
        sensitivity=sensitivity(ops, rate, npv),
        warnings=[in_english(phrase) for phrase in warnings],
        warning_phrases=warnings,
    )
