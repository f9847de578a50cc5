"""The questions a lender would raise on reading the plan, in plain sentences.

A warning never refuses a plan: a plan can be valid and still weak, and the entrepreneur owns it.
Each is a `Phrase`: its words and its figures apart, so a dossier prints it in its language.
"""

from itertools import pairwise

from casework.investment_plan.cash_flows import NOTHING, FinancedYears
from casework.investment_plan.financing import Funding
from casework.investment_plan.loans import Loan
from casework.investment_plan.phrases import Figure, Phrase, figure
from casework.investment_plan.plan import InvestmentPlan
from casework.investment_plan.policy import PlanPolicy
from casework.language import N_


def lender_warnings(
    plan: InvestmentPlan,
    policy: PlanPolicy,
    years: FinancedYears,
    funding: Funding,
    loans: list[tuple[int, Loan]],
    *,
    npv: float,
    irr: float | None,
) -> list[Phrase]:
    """Every warning that applies to the plan, most serious first; `npv`, `irr` on total capital."""
    currency = plan.currency
    found: list[Phrase] = []
    if funding.gap >= NOTHING:
        found.append(
            _said(
                N_(
                    "The financing (%(sources)s) falls short of what is needed (%(uses)s for "
                    "investments and initial working capital) by %(gap)s: this gap has to be "
                    "found before the project can start."
                ),
                sources=figure("money", funding.total_sources, currency),
                uses=figure("money", funding.total_uses, currency),
                gap=figure("money", funding.gap, currency),
            )
        )
    found.extend(_return_warnings(plan, npv, irr))
    revenues = years.project.revenues
    if max(revenues) < NOTHING:
        found.append(
            _said(
                N_(
                    "The plan shows no revenue in any year: the project would earn nothing to "
                    "repay a loan or reward its owners."
                )
            )
        )
    below = [
        (t, dscr)
        for t, dscr in enumerate(years.dscr)
        if dscr is not None and dscr < policy.min_dscr
    ]
    if below:
        worst_year, worst = min(below, key=lambda pair: pair[1])
        found.append(
            _said(
                N_(
                    "Cash from operations covers the debt service less than %(minimum)s times "
                    "in %(years)s (lowest: %(worst)s in year %(worst_year)s); lenders usually "
                    "ask for at least %(minimum)s."
                ),
                minimum=figure("ratio", policy.min_dscr),
                years=figure("years", [float(t) for t, _ in below]),
                worst=figure("ratio", worst),
                worst_year=figure("number", worst_year),
            )
        )
    negative = [t for t in range(1, len(years.equity_flow)) if years.equity_flow[t] <= -NOTHING]
    if negative:
        found.append(
            _said(
                N_(
                    "The owners' cash flow is negative in %(years)s (%(amounts)s): they would "
                    "have to put in more money then, on top of their initial contribution."
                ),
                years=figure("years", [float(t) for t in negative]),
                amounts=figure("money_list", [years.equity_flow[t] for t in negative], currency),
            )
        )
    share = funding.own_share
    if share is not None and share < policy.min_own_share:
        found.append(
            _said(
                N_(
                    "The entrepreneur's own circle (own funds, family and diaspora) brings "
                    "%(share)s of the money needed, below the %(minimum)s lenders usually expect."
                ),
                share=figure("percent", share),
                minimum=figure("percent", policy.min_own_share),
            )
        )
    fast = [
        (t, later / earlier - 1)
        for t, (earlier, later) in enumerate(pairwise(revenues[1:]), start=1)
        if earlier >= NOTHING and later / earlier - 1 > policy.max_revenue_growth
    ]
    if fast:
        found.append(
            _said(
                N_(
                    "Revenue grows faster than the %(limit)s a year a lender finds plausible: "
                    "%(steps)s."
                ),
                limit=figure("percent", policy.max_revenue_growth),
                steps=figure("growth_steps", [v for t, g in fast for v in (float(t), g)]),
            )
        )
    found.extend(_loan_warnings(plan, loans, currency))
    if _sign_changes(years.project.cash_flow) > 1:
        found.append(
            _said(
                N_(
                    "The cash flow on total capital changes sign more than once, so more than "
                    "one internal rate of return may exist; the one closest to zero is shown."
                )
            )
        )
    return found


def _said(text: str, **values: Figure) -> Phrase:
    return Phrase(text=text, values=values)


def _return_warnings(plan: InvestmentPlan, npv: float, irr: float | None) -> list[Phrase]:
    # Either can come alone when the cash flows change sign more than once.
    negative = npv <= -NOTHING
    short = irr is not None and irr < plan.discount_rate
    rate = figure("percent", plan.discount_rate)
    value = figure("money", npv, plan.currency)
    if negative and short:
        assert irr is not None
        return [
            _said(
                N_(
                    "At the discount rate of %(rate)s, the net present value on total capital "
                    "is negative (%(npv)s) and the internal rate of return (%(irr)s) falls "
                    "short of it: the project earns less than the money put into it costs."
                ),
                rate=rate,
                npv=value,
                irr=figure("percent", irr),
            )
        ]
    if negative:
        return [
            _said(
                N_(
                    "At the discount rate of %(rate)s, the net present value on total capital "
                    "is negative (%(npv)s): the project earns less than the money put into it "
                    "costs."
                ),
                rate=rate,
                npv=value,
            )
        ]
    if short:
        assert irr is not None
        return [
            _said(
                N_(
                    "At the discount rate of %(rate)s, the internal rate of return on total "
                    "capital (%(irr)s) falls short of it: the project earns less than the "
                    "money put into it costs."
                ),
                rate=rate,
                irr=figure("percent", irr),
            )
        ]
    return []


def _loan_warnings(
    plan: InvestmentPlan, loans: list[tuple[int, Loan]], currency: str
) -> list[Phrase]:
    found = []
    for index, loan in loans:
        line = loan.line
        term = line.term_years or 1
        name = figure("text", line.name)
        number = figure("number", index)
        if line.grace_years >= term:
            found.append(
                _said(
                    N_(
                        "The %(line)s (financing line %(index)s) has %(grace)s grace years for "
                        "a %(term)s-year term, so no principal falls due within the term; the "
                        "schedule repays it all in year %(last)s."
                    ),
                    line=name,
                    index=number,
                    grace=figure("number", line.grace_years),
                    term=figure("number", term),
                    last=figure("number", loan.years[-1]),
                )
            )
        owed = loan.balance_after(plan.horizon_years)
        if owed >= NOTHING and line.amount >= NOTHING and line.disbursed_in < plan.horizon_years:
            found.append(
                _said(
                    N_(
                        "The %(line)s (financing line %(index)s) still owes %(owed)s at the end "
                        "of the horizon; the owners' cash flow pays it off in year %(year)s."
                    ),
                    line=name,
                    index=number,
                    owed=figure("money", owed, currency),
                    year=figure("number", plan.horizon_years),
                )
            )
    for index, line in enumerate(plan.financing):
        has_terms = line.interest_rate is not None or line.term_years is not None
        name = figure("text", line.name)
        number = figure("number", index)
        if line.is_loan and not line.is_scheduled_loan:
            found.append(_missing_terms(line.interest_rate is not None, has_terms, name, number))
        if not line.is_loan and (has_terms or line.grace_years > 0):
            found.append(
                _said(
                    N_(
                        "Financing line %(index)s (%(line)s) carries loan terms; they are "
                        "ignored, because a %(source)s is not repaid."
                    ),
                    index=number,
                    line=name,
                    source=figure("label", line.source.value),
                )
            )
    return found


def _missing_terms(has_rate: bool, has_terms: bool, name: Figure, number: Figure) -> Phrase:
    if has_rate:
        text = N_(
            "The %(line)s (financing line %(index)s) has no term: it is left out of the "
            "repayment schedules, the owners' cash flow and the DSCR; give both to see what "
            "it costs."
        )
    elif has_terms:
        text = N_(
            "The %(line)s (financing line %(index)s) has no interest rate: it is left out of "
            "the repayment schedules, the owners' cash flow and the DSCR; give both to see "
            "what it costs."
        )
    else:
        text = N_(
            "The %(line)s (financing line %(index)s) has no interest rate or term: it is left "
            "out of the repayment schedules, the owners' cash flow and the DSCR; give both to "
            "see what it costs."
        )
    return _said(text, line=name, index=number)


def _sign_changes(flows: list[float]) -> int:
    signs = [flow > 0 for flow in flows if abs(flow) >= NOTHING]
    return sum(1 for earlier, later in pairwise(signs) if earlier != later)
