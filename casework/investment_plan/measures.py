"""What a stream of yearly cash flows is worth: NPV, IRR, MIRR, simple and discounted payback."""

import math
from itertools import pairwise

import numpy_financial as npf
from pydantic import BaseModel

from casework.investment_plan.amounts import RESULT, YEAR_DECIMALS, money, ratio
from casework.language import N_

NO_IRR_NO_OUTLAY = N_(
    "every cash flow is zero or positive, so there is no outlay to earn a return on"
)
NO_IRR_NO_INFLOW = N_("the cash flow never turns positive, so there is no return to measure")
NO_IRR_NO_ROOT = N_("no discount rate brings the net present value to zero for these cash flows")
NO_MIRR = N_("the modified rate of return needs at least one outlay and one inflow")
NO_PAYBACK = N_("the cumulative cash flow never turns positive within the horizon")
NO_PAYBACK_RELAPSE = N_("the cumulative cash flow falls back below zero by the end of the horizon")
NO_DISCOUNTED_PAYBACK = N_(
    "the cumulative discounted cash flow never turns positive within the horizon"
)
NO_DISCOUNTED_PAYBACK_RELAPSE = N_(
    "the cumulative discounted cash flow falls back below zero by the end of the horizon"
)


class Returns(BaseModel):
    """A view's cash flows, years 0..horizon, and what they are worth."""

    model_config = RESULT

    cash_flows: list[float]
    npv: float
    irr: float | None
    irr_note: str | None
    # Results saved before these were computed lack them: None, and no note either.
    mirr: float | None = None
    mirr_note: str | None = None
    payback_years: float | None
    payback_note: str | None
    discounted_payback_years: float | None = None
    discounted_payback_note: str | None = None


class ReturnMeasures(Returns):
    """One view of the project (the owners' here), at its own discount rate."""

    discount_rate: float


def net_present_value(rate: float, flows: list[float]) -> float:
    """The NPV of flows for years 0..n at `rate`, unrounded."""
    return float(npf.npv(rate, flows))


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
    return ratio(rate), None


def modified_rate_of_return(
    flows: list[float], finance_rate: float, reinvestment_rate: float
) -> tuple[float | None, str | None]:
    """The MIRR: outlays financed at one rate, inflows reinvested at another; or None and why."""
    rate = float(npf.mirr(flows, finance_rate, reinvestment_rate))
    if not math.isfinite(rate):
        return None, NO_MIRR
    return ratio(rate), None


def payback_period(
    flows: list[float], notes: tuple[str, str] = (NO_PAYBACK, NO_PAYBACK_RELAPSE)
) -> tuple[float | None, str | None]:
    """Years until the cumulative cash flow is at or above zero for good, or None with why."""
    never, relapse = notes
    cumulative: list[float] = []
    running = 0.0
    for flow in flows:
        running += flow
        cumulative.append(running)
    if cumulative[-1] < 0:
        ever_recovered = any(later >= 0 > earlier for earlier, later in pairwise(cumulative))
        return None, relapse if ever_recovered else never
    # The last year still under water: a later reinvestment can push the total back below zero,
    # and the project has not paid back until it stays above.
    under_water = [year for year, total in enumerate(cumulative) if total < 0]
    if not under_water:
        return 0.0, None
    year = under_water[-1]
    fraction = -cumulative[year] / flows[year + 1]
    return round(year + fraction, YEAR_DECIMALS), None


def discounted_payback_period(flows: list[float], rate: float) -> tuple[float | None, str | None]:
    """Payback counted on cash flows discounted to year 0, or None with why."""
    discounted = [flow / (1 + rate) ** year for year, flow in enumerate(flows)]
    return payback_period(discounted, (NO_DISCOUNTED_PAYBACK, NO_DISCOUNTED_PAYBACK_RELAPSE))


def return_measures(
    flows: list[float], discount_rate: float, finance_rate: float, reinvestment_rate: float
) -> ReturnMeasures:
    """Every measure of one stream of cash flows, rounded as shown."""
    irr, irr_note = internal_rate_of_return(flows)
    mirr, mirr_note = modified_rate_of_return(flows, finance_rate, reinvestment_rate)
    payback, payback_note = payback_period(flows)
    discounted, discounted_note = discounted_payback_period(flows, discount_rate)
    return ReturnMeasures(
        discount_rate=ratio(discount_rate),
        cash_flows=[money(flow) for flow in flows],
        npv=money(net_present_value(discount_rate, flows)),
        irr=irr,
        irr_note=irr_note,
        mirr=mirr,
        mirr_note=mirr_note,
        payback_years=payback,
        payback_note=payback_note,
        discounted_payback_years=discounted,
        discounted_payback_note=discounted_note,
    )
