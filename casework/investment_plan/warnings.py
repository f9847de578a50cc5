"""The questions a lender would raise on reading the plan, in plain sentences.

A warning never refuses a plan: a plan can be valid and still weak, and the entrepreneur owns it.
"""

from itertools import pairwise

from casework.investment_plan.cash_flows import NOTHING, FinancedYears
from casework.investment_plan.financing import Funding
from casework.investment_plan.loans import Loan
from casework.investment_plan.plan import InvestmentPlan
from casework.investment_plan.policy import PlanPolicy
from casework.number_style import format_money, format_percent, format_ratio


def lender_warnings(
    plan: InvestmentPlan,
    policy: PlanPolicy,
    years: FinancedYears,
    funding: Funding,
    loans: list[tuple[int, Loan]],
    *,
    npv: float,
    irr: float | None,
) -> list[str]:
    """Every warning that applies to the plan, most serious first; `npv`, `irr` on total capital."""
    currency = plan.currency
    found: list[str] = []
    if funding.gap >= NOTHING:
        found.append(
            f"The financing ({format_money(funding.total_sources, currency)}) falls short of what "
            f"is needed ({format_money(funding.total_uses, currency)} for investments and initial "
            f"working capital) by {format_money(funding.gap, currency)}: this gap has to be found "
            "before the project can start."
        )
    found.extend(_return_warnings(plan, npv, irr))
    revenues = years.project.revenues
    if max(revenues) < NOTHING:
        found.append(
            "The plan shows no revenue in any year: the project would earn nothing to repay a "
            "loan or reward its owners."
        )
    below = [
        (t, dscr)
        for t, dscr in enumerate(years.dscr)
        if dscr is not None and dscr < policy.min_dscr
    ]
    if below:
        worst_year, worst = min(below, key=lambda pair: pair[1])
        found.append(
            f"Cash from operations covers the debt service less than "
            f"{format_ratio(policy.min_dscr)} times in {_years([t for t, _ in below])} (lowest: "
            f"{format_ratio(worst)} in year {worst_year}); lenders usually ask for at least "
            f"{format_ratio(policy.min_dscr)}."
        )
    negative = [t for t in range(1, len(years.equity_flow)) if years.equity_flow[t] <= -NOTHING]
    if negative:
        amounts = ", ".join(format_money(years.equity_flow[t], currency) for t in negative)
        found.append(
            f"The owners' cash flow is negative in {_years(negative)} ({amounts}): they would "
            "have to put in more money then, on top of their initial contribution."
        )
    share = funding.own_share
    if share is not None and share < policy.min_own_share:
        found.append(
            f"The entrepreneur's own circle (own funds, family and diaspora) brings "
            f"{format_percent(share)} of the money needed, below the "
            f"{format_percent(policy.min_own_share)} lenders usually expect."
        )
    fast = [
        (t, later / earlier - 1)
        for t, (earlier, later) in enumerate(pairwise(revenues[1:]), start=1)
        if earlier >= NOTHING and later / earlier - 1 > policy.max_revenue_growth
    ]
    if fast:
        steps = ", ".join(
            f"+{format_percent(growth)} from year {t} to year {t + 1}" for t, growth in fast
        )
        found.append(
            f"Revenue grows faster than the {format_percent(policy.max_revenue_growth)} a year a "
            f"lender finds plausible: {steps}."
        )
    found.extend(_loan_warnings(plan, loans, currency))
    if _sign_changes(years.project.cash_flow) > 1:
        found.append(
            "The cash flow on total capital changes sign more than once, so more than one "
            "internal rate of return may exist; the one closest to zero is shown."
        )
    return found


def _return_warnings(plan: InvestmentPlan, npv: float, irr: float | None) -> list[str]:
    # Either can come alone when the cash flows change sign more than once.
    facts = []
    if npv <= -NOTHING:
        facts.append(
            f"the net present value on total capital is negative "
            f"({format_money(npv, plan.currency)})"
        )
    if irr is not None and irr < plan.discount_rate:
        view = "" if facts else " on total capital"
        facts.append(f"the internal rate of return{view} ({format_percent(irr)}) falls short of it")
    if not facts:
        return []
    return [
        f"At the discount rate of {format_percent(plan.discount_rate)}, {' and '.join(facts)}: "
        "the project earns less than the money put into it costs."
    ]


def _loan_warnings(plan: InvestmentPlan, loans: list[tuple[int, Loan]], currency: str) -> list[str]:
    found = []
    for index, loan in loans:
        line = loan.line
        term = line.term_years or 1
        if line.grace_years >= term:
            found.append(
                f"The {line.name} (financing line {index}) has {line.grace_years} grace years "
                f"for a {term}-year term, so no principal falls due within the term; the "
                f"schedule repays it all in year {loan.years[-1]}."
            )
        owed = loan.balance_after(plan.horizon_years)
        if owed >= NOTHING and line.amount >= NOTHING and line.disbursed_in < plan.horizon_years:
            found.append(
                f"The {line.name} (financing line {index}) still owes "
                f"{format_money(owed, currency)} "
                f"at the end of the horizon; the owners' cash flow pays it off in year "
                f"{plan.horizon_years}."
            )
    for index, line in enumerate(plan.financing):
        has_terms = line.interest_rate is not None or line.term_years is not None
        if line.is_loan and not line.is_scheduled_loan:
            found.append(
                f"The {line.name} (financing line {index}) has no "
                f"{'term' if line.interest_rate is not None else 'interest rate'}"
                f"{'' if has_terms else ' or term'}: it is left out of the repayment "
                "schedules, the owners' cash flow and the DSCR; give both to see what it costs."
            )
        if not line.is_loan and (has_terms or line.grace_years > 0):
            found.append(
                f"Financing line {index} ({line.name}) carries loan terms; they are ignored, "
                f"because a {line.source.value.replace('_', ' ')} is not repaid."
            )
    return found


def _sign_changes(flows: list[float]) -> int:
    signs = [flow > 0 for flow in flows if abs(flow) >= NOTHING]
    return sum(1 for earlier, later in pairwise(signs) if earlier != later)


def _years(years: list[int]) -> str:
    if len(years) == 1:
        return f"year {years[0]}"
    return "years " + ", ".join(str(t) for t in years[:-1]) + f" and {years[-1]}"
