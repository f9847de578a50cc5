"""What an investment plan works out to: cash flows, NPV, IRR, payback and funding band."""

import math
from dataclasses import dataclass
from itertools import pairwise

import numpy_financial as npf
from pydantic import BaseModel

from casework.investment_plan.plan import InvestmentPlan
from casework.vocabulary import FinancingSource, FundingBand

MONEY_DECIMALS = 2
RATE_DECIMALS = 6
YEAR_DECIMALS = 2

# Money from the entrepreneur's own circle; everything else has to be found outside it.
OWN_CIRCLE_SOURCES = frozenset({FinancingSource.OWN_FUNDS, FinancingSource.FAMILY_AND_DIASPORA})

NO_IRR_NO_OUTLAY = "every cash flow is zero or positive, so there is no outlay to earn a return on"
NO_IRR_NO_INFLOW = "the cash flow never turns positive, so there is no return to measure"
NO_IRR_NO_ROOT = "no discount rate brings the net present value to zero for these cash flows"
NO_PAYBACK = "the cumulative cash flow never turns positive within the horizon"
NO_PAYBACK_RELAPSE = "the cumulative cash flow falls back below zero by the end of the horizon"


@dataclass(frozen=True)
class BandThresholds:
    """Upper bounds, in EUR of external financing, of the micro and meso funding bands."""

    micro_max_eur: float
    meso_max_eur: float


class PlanResults(BaseModel):
    """The figures computed from an investment plan; money in the plan's currency unless `_eur`."""

    cash_flows: list[float]
    npv: float
    irr: float | None
    irr_note: str | None
    payback_years: float | None
    payback_note: str | None
    total_investment: float
    total_financing: float
    funding_gap: float
    external_financing_eur: float
    funding_band: FundingBand


def evaluate(plan: InvestmentPlan, thresholds: BandThresholds) -> PlanResults:
    """Compute the results of a validated plan; pure, no I/O."""
    flows = cash_flows(plan)
    irr, irr_note = internal_rate_of_return(flows)
    payback, payback_note = payback_period(flows)
    total_investment = sum(line.amount for line in plan.investments)
    total_financing = sum(line.amount for line in plan.financing)
    gap = max(0.0, total_investment - total_financing)
    outside = sum(line.amount for line in plan.financing if line.source not in OWN_CIRCLE_SOURCES)
    external_eur = _money((outside + gap) / plan.eur_rate)
    return PlanResults(
        cash_flows=[_money(flow) for flow in flows],
        npv=_money(float(npf.npv(plan.discount_rate, flows))),
        irr=irr,
        irr_note=irr_note,
        payback_years=payback,
        payback_note=payback_note,
        total_investment=_money(total_investment),
        total_financing=_money(total_financing),
        funding_gap=_money(gap),
        external_financing_eur=external_eur,
        # Banded on the rounded figure so the band always agrees with the amount shown.
        funding_band=funding_band(external_eur, thresholds),
    )


def cash_flows(plan: InvestmentPlan) -> list[float]:
    """Unrounded project cash flow for years 0..horizon (financing is not a project flow)."""
    horizon = plan.horizon_years
    depreciation = yearly_depreciation(plan)
    flows = [0.0] * (horizon + 1)
    for line in plan.investments:
        flows[line.year] -= line.amount
    for year in range(1, horizon + 1):
        operating = plan.revenues[year - 1] - plan.operating_costs[year - 1]
        taxes = plan.tax_rate * max(0.0, operating - depreciation[year])
        flows[year] += operating - taxes
    flows[horizon] += sum(line.salvage_value for line in plan.investments)
    return flows


def yearly_depreciation(plan: InvestmentPlan) -> list[float]:
    """Straight-line depreciation deductible in each year 0..horizon."""
    horizon = plan.horizon_years
    depreciation = [0.0] * (horizon + 1)
    for line in plan.investments:
        if line.useful_life_years is None:
            continue
        annual = (line.amount - line.salvage_value) / line.useful_life_years
        # An asset starts wearing out the year after it is bought; later years fall off the plan.
        last = min(line.year + line.useful_life_years, horizon)
        for year in range(line.year + 1, last + 1):
            depreciation[year] += annual
    return depreciation


def internal_rate_of_return(flows: list[float]) -> tuple[float | None, str | None]:
    """The IRR, or None with the reason none exists."""
    if all(flow >= 0 for flow in flows):
        return None, NO_IRR_NO_OUTLAY
    if all(flow <= 0 for flow in flows):
        return None, NO_IRR_NO_INFLOW
    rate = float(npf.irr(flows))
    # numpy-financial answers nan when it finds no root; never report a number it did not find.
    if not math.isfinite(rate):
        return None, NO_IRR_NO_ROOT
    return round(rate, RATE_DECIMALS), None


def payback_period(flows: list[float]) -> tuple[float | None, str | None]:
    """Years until the cumulative cash flow is at or above zero for good, or None with why."""
    cumulative: list[float] = []
    running = 0.0
    for flow in flows:
        running += flow
        cumulative.append(running)
    if cumulative[-1] < 0:
        ever_recovered = any(later >= 0 > earlier for earlier, later in pairwise(cumulative))
        return None, NO_PAYBACK_RELAPSE if ever_recovered else NO_PAYBACK
    # The last year still under water: a later reinvestment can push the total back below zero,
    # and the project has not paid back until it stays above.
    under_water = [year for year, total in enumerate(cumulative) if total < 0]
    if not under_water:
        return 0.0, None
    year = under_water[-1]
    fraction = -cumulative[year] / flows[year + 1]
    return round(year + fraction, YEAR_DECIMALS), None


def funding_band(external_financing_eur: float, thresholds: BandThresholds) -> FundingBand:
    """The band an amount of external financing (EUR) falls in; each bound is inclusive."""
    if external_financing_eur <= thresholds.micro_max_eur:
        return FundingBand.MICRO
    if external_financing_eur <= thresholds.meso_max_eur:
        return FundingBand.MESO
    return FundingBand.SME


def _money(value: float) -> float:
    return round(value, MONEY_DECIMALS)
