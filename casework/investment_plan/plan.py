"""The investment plan an entrepreneur submits: a validated JSON body, nothing computed yet."""

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Self

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError
from pydantic_extra_types.currency_code import ISO4217

from casework.investment_plan.amounts import (
    MAX_HORIZON_YEARS,
    STRICT,
    Amount,
    Rate,
    raise_all,
    wrong_year_count,
    year_beyond_horizon,
)
from casework.investment_plan.examples import design_example
from casework.investment_plan.lines import (
    FinancingLine,
    FixedCostLine,
    InvestmentLine,
    RevenueLine,
    VariableCostLine,
)


class ResidualValue(StrEnum):
    """What the assets still held are worth at the end of the horizon."""

    SALVAGE_VALUE = "salvage_value"  # the resale value the entrepreneur declared
    BOOK_VALUE = "book_value"  # the cost not yet depreciated (COMFAR's residual value)


class InvestmentPlan(BaseModel):
    """The investment plan body: assets, yearly revenues and costs, and how it is financed."""

    model_config = ConfigDict(**STRICT, json_schema_extra={"examples": [design_example()]})

    currency: ISO4217
    eur_rate: float = Field(
        ge=0.0001, le=1e9, description="Units of `currency` that make one euro."
    )
    # Declared before the yearly arrays: their validators read it from info.data.
    horizon_years: int = Field(ge=1, le=MAX_HORIZON_YEARS)
    start_date: date | None = Field(
        default=None,
        description="The day year 1 begins; none: the day the case enters follow-up.",
    )
    discount_rate: Rate
    equity_discount_rate: Rate | None = Field(
        default=None, description="The owners' required return; none = discount_rate."
    )
    finance_rate: Rate | None = Field(
        default=None,
        description="MIRR: the cost of financing the outlays; none = each view's discount rate.",
    )
    reinvestment_rate: Rate | None = Field(
        default=None,
        description="MIRR: what inflows earn when reinvested; none = each view's discount rate.",
    )
    tax_rate: Rate = 0.0
    residual_value: ResidualValue = ResidualValue.SALVAGE_VALUE
    investments: list[InvestmentLine] = Field(default_factory=list)
    revenues: list[Amount] | None = Field(
        default=None, description="Yearly revenue totals, years 1..horizon; or revenue_lines."
    )
    revenue_lines: list[RevenueLine] | None = Field(
        default=None, description="Price × volume per product; or revenues."
    )
    operating_costs: list[Amount] | None = Field(
        default=None,
        description="Yearly operating cost totals, years 1..horizon; or the two kinds of cost "
        "lines (needed for break-even).",
    )
    variable_cost_lines: list[VariableCostLine] | None = None
    fixed_cost_lines: list[FixedCostLine] | None = None
    working_capital: list[Amount] | None = Field(
        default=None,
        description="Working capital (stock, credit to customers, cash float) needed during each "
        "year 1..horizon. Each level is put in place by the end of the year before; the whole "
        "level comes back at the end of the horizon.",
    )
    financing: list[FinancingLine] = Field(default_factory=list)

    @field_validator("revenues", "operating_costs", "working_capital")
    @classmethod
    def _one_value_per_year(
        cls, values: list[float] | None, info: ValidationInfo
    ) -> list[float] | None:
        horizon = info.data.get("horizon_years")
        # A bad horizon already has its own error; a length check against it would only add noise.
        if values is not None and horizon is not None and len(values) != horizon:
            raise_all(cls.__name__, [wrong_year_count(len(values), horizon, (), values)])
        return values

    @field_validator("revenue_lines", "variable_cost_lines", "fixed_cost_lines")
    @classmethod
    def _each_line_has_one_value_per_year(
        cls,
        lines: Sequence[RevenueLine | VariableCostLine | FixedCostLine] | None,
        info: ValidationInfo,
    ) -> Sequence[RevenueLine | VariableCostLine | FixedCostLine] | None:
        horizon = info.data.get("horizon_years")
        if lines is None or horizon is None:
            return lines
        errors = []
        for index, line in enumerate(lines):
            field, values = _yearly_values(line)
            if len(values) != horizon:
                errors.append(wrong_year_count(len(values), horizon, (index, field), values))
        raise_all(cls.__name__, errors)
        return lines

    @field_validator("investments")
    @classmethod
    def _investment_years_within_horizon(
        cls, lines: list[InvestmentLine], info: ValidationInfo
    ) -> list[InvestmentLine]:
        horizon = info.data.get("horizon_years")
        if horizon is not None:
            raise_all(
                cls.__name__,
                [
                    year_beyond_horizon(line.year, horizon, (index, "year"), "an investment")
                    for index, line in enumerate(lines)
                    if line.year > horizon
                ],
            )
        return lines

    @field_validator("financing")
    @classmethod
    def _financing_years_within_horizon(
        cls, lines: list[FinancingLine], info: ValidationInfo
    ) -> list[FinancingLine]:
        horizon = info.data.get("horizon_years")
        if horizon is not None:
            raise_all(
                cls.__name__,
                [
                    year_beyond_horizon(line.year, horizon, (index, "year"), "money put in")
                    for index, line in enumerate(lines)
                    if line.year is not None and line.year > horizon
                ],
            )
        return lines

    @model_validator(mode="after")
    def _one_way_per_side(self) -> Self:
        errors = []
        if self.revenues is not None and self.revenue_lines is not None:
            errors.append(_both("revenue_lines", "revenues", "the yearly revenue"))
        if self.revenues is None and self.revenue_lines is None:
            errors.append(_neither("revenues", "revenue_lines", "the yearly revenue"))
        cost_lines = [
            name
            for name in ("variable_cost_lines", "fixed_cost_lines")
            if getattr(self, name) is not None
        ]
        if self.operating_costs is not None:
            errors.extend(_both(name, "operating_costs", "the costs") for name in cost_lines)
        elif not cost_lines:
            errors.append(
                _neither("operating_costs", "variable_cost_lines or fixed_cost_lines", "the costs")
            )
        raise_all(type(self).__name__, errors)
        return self

    @property
    def costs_are_split(self) -> bool:
        """Whether the costs say which are fixed and which vary with output."""
        return self.operating_costs is None


def _yearly_values(
    line: RevenueLine | VariableCostLine | FixedCostLine,
) -> tuple[str, list[float]]:
    if isinstance(line, FixedCostLine):
        return "amounts", line.amounts
    return "volumes", line.volumes


def _both(given: str, other: str, what: str) -> InitErrorDetails:
    return InitErrorDetails(
        type=PydanticCustomError(
            "two_ways_for_one_side",
            "cannot be given together with {other}: give {what} one way only, as yearly totals "
            "or as lines",
            {"other": other, "what": what},
        ),
        loc=(given,),
        input="given",
    )


def _neither(field: str, alternative: str, what: str) -> InitErrorDetails:
    return InitErrorDetails(
        type=PydanticCustomError(
            "missing",
            "is required: give {what} as yearly totals ({field}) or as lines ({alternative})",
            {"what": what, "field": field, "alternative": alternative},
        ),
        loc=(field,),
        input=None,
    )
