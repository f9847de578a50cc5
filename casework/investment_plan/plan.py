"""The investment plan an entrepreneur submits: a validated JSON body, nothing computed yet."""

from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError
from pydantic_extra_types.currency_code import ISO4217

from casework.vocabulary import FinancingSource

MAX_HORIZON_YEARS = 30


def _non_negative(value: float) -> float:
    if value < 0:
        raise PydanticCustomError(
            "negative_amount",
            "must be zero or more: negative amounts are not allowed (got {value})",
            {"value": value},
        )
    return value


def _fraction(value: float) -> float:
    # People often type 10 for 10%; the message says how to write a rate.
    if not 0 <= value < 1:
        raise PydanticCustomError(
            "rate_out_of_range",
            "must be a fraction from 0 up to but not including 1, e.g. 0.10 for 10% (got {value})",
            {"value": value},
        )
    return value


Amount = Annotated[float, AfterValidator(_non_negative), Field(json_schema_extra={"minimum": 0})]
Rate = Annotated[
    float,
    AfterValidator(_fraction),
    Field(json_schema_extra={"minimum": 0, "exclusiveMaximum": 1}),
]

# NaN or infinity in a money field would silently poison every result.
_STRICT = ConfigDict(extra="forbid", allow_inf_nan=False)


class InvestmentLine(BaseModel):
    """One asset bought in a given year of the plan."""

    model_config = _STRICT

    label: str = Field(min_length=1, max_length=200)
    year: int = Field(ge=0, description="0 = before operations start; at most horizon_years.")
    amount: Amount
    useful_life_years: int | None = Field(
        default=None, ge=1, description="Straight-line depreciation period; none = not depreciated."
    )
    # Declared after `amount` so the validator below can read it.
    salvage_value: Amount = 0.0

    @field_validator("salvage_value")
    @classmethod
    def _salvage_not_above_amount(cls, value: float, info: ValidationInfo) -> float:
        amount = info.data.get("amount")
        if amount is not None and value > amount:
            raise PydanticCustomError(
                "salvage_above_amount",
                "must not be above the amount paid ({amount}): an asset cannot resell for more "
                "than it cost in this plan",
                {"amount": amount},
            )
        return value


class FinancingLine(BaseModel):
    """One source of money put into the project."""

    model_config = _STRICT

    source: FinancingSource
    amount: Amount
    interest_rate: Rate | None = None
    term_years: int | None = Field(
        default=None, ge=1, description="A loan term is at least a year."
    )
    grace_years: int = Field(default=0, ge=0)


class InvestmentPlan(BaseModel):
    """The investment plan body: assets, yearly revenues and costs, and how it is financed."""

    model_config = _STRICT

    currency: ISO4217
    eur_rate: float = Field(gt=0, description="Units of `currency` that make one euro.")
    # Declared before the yearly arrays: their validators read it from info.data.
    horizon_years: int = Field(ge=1, le=MAX_HORIZON_YEARS)
    discount_rate: Rate
    tax_rate: Rate = 0.0
    investments: list[InvestmentLine] = Field(default_factory=list)
    revenues: list[Amount]
    operating_costs: list[Amount]
    financing: list[FinancingLine] = Field(default_factory=list)

    @field_validator("revenues", "operating_costs")
    @classmethod
    def _one_value_per_year(cls, values: list[float], info: ValidationInfo) -> list[float]:
        horizon = info.data.get("horizon_years")
        # A bad horizon already has its own error; a length check against it would only add noise.
        if horizon is not None and len(values) != horizon:
            raise PydanticCustomError(
                "wrong_number_of_years",
                "has {count} values but horizon_years is {horizon}: give one value per year",
                {"count": len(values), "horizon": horizon},
            )
        return values

    @field_validator("investments")
    @classmethod
    def _years_within_horizon(
        cls, lines: list[InvestmentLine], info: ValidationInfo
    ) -> list[InvestmentLine]:
        horizon = info.data.get("horizon_years")
        if horizon is None:
            return lines
        errors = [
            InitErrorDetails(
                type=PydanticCustomError(
                    "year_beyond_horizon",
                    "is {year} but horizon_years is {horizon}: an investment must sit in a year "
                    "from 0 to {horizon}",
                    {"year": line.year, "horizon": horizon},
                ),
                loc=(index, "year"),
                input=line.year,
            )
            for index, line in enumerate(lines)
            if line.year > horizon
        ]
        if errors:
            # A ValidationError raised here keeps each error's own loc under ("investments", ...).
            raise ValidationError.from_exception_data(cls.__name__, errors)
        return lines
