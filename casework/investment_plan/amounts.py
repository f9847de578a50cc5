"""The kinds of number a plan is written in: amounts, rates, and the rules each one obeys."""

from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

# Far above any real project in any currency (about 1.5 trillion euros even in Iranian rials),
# and far below where sums of squares of them would overflow a float.
MAX_AMOUNT = 1e15
MAX_HORIZON_YEARS = 30
MAX_LOAN_TERM_YEARS = 50


def _non_negative(value: float) -> float:
    if value < 0:
        raise PydanticCustomError(
            "negative_amount",
            "must be zero or more: negative amounts are not allowed (got {value})",
            {"value": value},
        )
    if value > MAX_AMOUNT:
        raise PydanticCustomError(
            "amount_too_large",
            "must be at most {limit:g}: no project handles amounts this large (got {value})",
            {"value": value, "limit": MAX_AMOUNT},
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


Amount = Annotated[
    float,
    AfterValidator(_non_negative),
    Field(json_schema_extra={"minimum": 0, "maximum": MAX_AMOUNT}),
]
Rate = Annotated[
    float,
    AfterValidator(_fraction),
    Field(json_schema_extra={"minimum": 0, "exclusiveMaximum": 1}),
]

# NaN or infinity in a money field would silently poison every result.
STRICT = ConfigDict(extra="forbid", allow_inf_nan=False)
# A result that is not finite is a bug to surface, never a figure to show.
RESULT = ConfigDict(allow_inf_nan=False)


def raise_all(model: str, errors: list[InitErrorDetails]) -> None:
    """Raise every error at once; inside a validator each keeps its loc under the parent's."""
    if errors:
        raise ValidationError.from_exception_data(model, errors)


def wrong_year_count(
    count: int, horizon: int, loc: tuple[str | int, ...], value: object
) -> InitErrorDetails:
    """The error for a yearly array that does not have one value per year of the horizon."""
    return InitErrorDetails(
        type=PydanticCustomError(
            "wrong_number_of_years",
            "has {count} values but horizon_years is {horizon}: give one value per year",
            {"count": count, "horizon": horizon},
        ),
        loc=loc,
        input=value,
    )


def year_beyond_horizon(
    year: int, horizon: int, loc: tuple[str | int, ...], what: str
) -> InitErrorDetails:
    """The error for something dated after the last year of the plan."""
    return InitErrorDetails(
        type=PydanticCustomError(
            "year_beyond_horizon",
            "is {year} but horizon_years is {horizon}: {what} must sit in a year "
            "from 0 to {horizon}",
            {"year": year, "horizon": horizon, "what": what},
        ),
        loc=loc,
        input=year,
    )


MONEY_DECIMALS = 2
RATE_DECIMALS = 6
YEAR_DECIMALS = 2


def money(value: float) -> float:
    """An amount as shown: to the cent, and never minus zero."""
    return round(value, MONEY_DECIMALS) + 0.0


def ratio(value: float) -> float:
    """A rate or ratio as shown: six decimals."""
    return round(value, RATE_DECIMALS) + 0.0
