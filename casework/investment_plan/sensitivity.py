"""What happens to NPV and IRR on total capital when the plan's assumptions go wrong.

Lower revenue means lower prices at the same volumes, so variable costs do not move. Dearer
investment raises every asset's price, replacements and resale values included. A one-year
delay keeps year 0 as it is and moves every later year one year on: the project runs as long as
planned, one year later, and the horizon grows by a year.
"""

from collections.abc import Callable

from pydantic import BaseModel

from casework.investment_plan.amounts import RESULT, money
from casework.investment_plan.measures import internal_rate_of_return, net_present_value
from casework.investment_plan.operations import Operations, project_years
from casework.language import N_


class SensitivityCase(BaseModel):
    """One thing going wrong and what the project is then worth."""

    model_config = RESULT

    case: str
    description: str
    npv: float
    npv_change: float
    irr: float | None
    irr_note: str | None


_CASES: tuple[tuple[str, str, Callable[[Operations], Operations]], ...] = (
    ("revenue_minus_10", N_("Revenue down 10%"), lambda ops: ops.scaled(revenues=0.9)),
    ("revenue_minus_20", N_("Revenue down 20%"), lambda ops: ops.scaled(revenues=0.8)),
    ("operating_costs_plus_10", N_("Operating costs up 10%"), lambda ops: ops.scaled(costs=1.1)),
    ("operating_costs_plus_20", N_("Operating costs up 20%"), lambda ops: ops.scaled(costs=1.2)),
    ("investment_plus_10", N_("Investment costs up 10%"), lambda ops: ops.scaled(investment=1.1)),
    ("investment_plus_20", N_("Investment costs up 20%"), lambda ops: ops.scaled(investment=1.2)),
    ("delay_one_year", N_("Start of operations one year late"), lambda ops: ops.delayed()),
)

CASE_NAMES = tuple(name for name, _, _ in _CASES)


def sensitivity(ops: Operations, discount_rate: float, base_npv: float) -> list[SensitivityCase]:
    """NPV and IRR on total capital under each case, with the NPV's change from the plan's."""
    table = []
    for name, description, change in _CASES:
        flows = project_years(change(ops)).cash_flow
        npv = net_present_value(discount_rate, flows)
        irr, irr_note = internal_rate_of_return(flows)
        table.append(
            SensitivityCase(
                case=name,
                description=description,
                npv=money(npv),
                # From the figures shown, so that the table adds up to the cent.
                npv_change=money(money(npv) - money(base_npv)),
                irr=irr,
                irr_note=irr_note,
            )
        )
    return table
