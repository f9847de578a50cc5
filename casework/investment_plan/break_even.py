"""Break-even in a typical year: the sales at which profit before tax is nil.

The typical year is the first year of full operation: the first year in which revenue reaches
its highest level over the horizon. Fixed costs are the fixed operating costs, depreciation and
interest of that year; variable costs keep their share of revenue; the product mix is that year's.
"""

from pydantic import BaseModel

from casework.investment_plan.amounts import RESULT, money, ratio
from casework.investment_plan.cash_flows import NOTHING, FinancedYears
from casework.investment_plan.operations import Operations
from casework.investment_plan.plan import InvestmentPlan
from casework.language import N_

NO_REVENUE = N_("the plan has no revenue in any year, so no level of sales can be measured")
COSTS_NOT_SPLIT = N_(
    "the operating costs are given as yearly totals, so fixed and variable costs cannot be told "
    "apart; a plan that splits its costs into variable and fixed ones has a break-even point"
)
NO_MARGIN = N_(
    "variable costs take all of the revenue, so selling more never covers the fixed costs"
)
NO_PRICES = N_("revenues are given as yearly totals, without prices and volumes to count units in")


class UnitsAtBreakEven(BaseModel):
    """How much of one product must sell to break even, at the typical year's mix."""

    model_config = RESULT

    label: str
    unit: str
    volume: float


class BreakEven(BaseModel):
    """The break-even point of the typical year, or None and why it cannot be found."""

    model_config = RESULT

    year: int | None
    revenue: float | None
    share_of_revenue: float | None
    fixed_costs: float | None
    variable_costs: float | None
    units: list[UnitsAtBreakEven] | None
    note: str | None
    units_note: str | None


def typical_year(revenues: tuple[float, ...]) -> int | None:
    """The first year whose revenue is the highest of the horizon; None without revenue."""
    best = max(revenues[1:])
    if best < NOTHING:
        return None
    return revenues.index(best, 1)


def break_even(plan: InvestmentPlan, ops: Operations, years: FinancedYears) -> BreakEven:
    """The sales, in money and in units where prices are given, that make profit before tax nil."""
    year = typical_year(ops.revenues)
    if year is None:
        return _none(None, NO_REVENUE)
    if ops.fixed_costs is None:
        return _none(year, COSTS_NOT_SPLIT)
    revenue = ops.revenues[year]
    variable = ops.operating_costs[year] - ops.fixed_costs[year]
    fixed = ops.fixed_costs[year] + years.project.depreciation[year] + years.interest[year]
    margin = revenue - variable
    if margin < NOTHING:
        return _none(year, NO_MARGIN, fixed=fixed, variable=variable)
    share = fixed / margin
    units = None
    if plan.revenue_lines is not None:
        units = [
            UnitsAtBreakEven(
                label=line.label, unit=line.unit, volume=money(line.volumes[year - 1] * share)
            )
            for line in plan.revenue_lines
        ]
    return BreakEven(
        year=year,
        revenue=money(revenue * share),
        share_of_revenue=ratio(share),
        fixed_costs=money(fixed),
        variable_costs=money(variable),
        units=units,
        note=None,
        units_note=None if units is not None else NO_PRICES,
    )


def _none(
    year: int | None, note: str, *, fixed: float | None = None, variable: float | None = None
) -> BreakEven:
    return BreakEven(
        year=year,
        revenue=None,
        share_of_revenue=None,
        fixed_costs=None if fixed is None else money(fixed),
        variable_costs=None if variable is None else money(variable),
        units=None,
        note=note,
        units_note=note,
    )
