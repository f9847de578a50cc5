"""The lines of a plan: assets bought, products sold, costs borne, and money put in."""

from enum import StrEnum
from typing import Self

from pydantic import (
    BaseModel,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from casework.investment_plan.amounts import (
    MAX_LOAN_TERM_YEARS,
    STRICT,
    Amount,
    Rate,
    raise_all,
)
from casework.vocabulary import FinancingSource

# The sources that are lent and must be paid back with interest.
LOAN_SOURCES = frozenset(
    {
        FinancingSource.MICROCREDIT,
        FinancingSource.MESO_CREDIT,
        FinancingSource.BANK_LOAN,
        FinancingSource.PARTNER_LOAN,
    }
)
# Money given to the project for good: it lowers what the owners put in.
GRANT_SOURCES = frozenset({FinancingSource.GRANT, FinancingSource.MATCHING_FUND})
# Money from the entrepreneur's own circle; everything else has to be found outside it.
OWN_CIRCLE_SOURCES = frozenset({FinancingSource.OWN_FUNDS, FinancingSource.FAMILY_AND_DIASPORA})


class Repayment(StrEnum):
    """How a loan's principal is paid back after its grace years."""

    ANNUITY = "annuity"  # equal payments of interest plus principal
    LINEAR = "linear"  # equal slices of principal, interest on what is left


class InvestmentLine(BaseModel):
    """One asset bought in a given year of the plan."""

    model_config = STRICT

    label: str = Field(min_length=1, max_length=200)
    year: int = Field(ge=0, description="0 = before operations start; at most horizon_years.")
    amount: Amount
    useful_life_years: int | None = Field(
        default=None, ge=1, description="Straight-line depreciation period; none = not depreciated."
    )
    # Declared after `amount` so the validator below can read it.
    salvage_value: Amount = Field(
        default=0.0,
        description="What the asset resells for at the end of its life, or of the horizon.",
    )
    replace_at_end_of_life: bool = Field(
        default=False,
        description="Buy the asset again, at the same amount, each time its useful life ends "
        "before the last year of the horizon.",
    )

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

    @model_validator(mode="after")
    def _replacement_needs_a_life(self) -> Self:
        if self.replace_at_end_of_life and self.useful_life_years is None:
            raise_all(
                type(self).__name__,
                [
                    InitErrorDetails(
                        type=PydanticCustomError(
                            "replacement_without_life",
                            "needs useful_life_years: an asset is replaced when its useful "
                            "life ends, so say how many years it lasts",
                        ),
                        loc=("replace_at_end_of_life",),
                        input=True,
                    )
                ],
            )
        return self


class RevenueLine(BaseModel):
    """One product or service sold: a unit price times a volume in each year."""

    model_config = STRICT

    label: str = Field(min_length=1, max_length=200)
    unit: str = Field(default="unit", min_length=1, max_length=50, description="e.g. kg, crate.")
    unit_price: Amount
    volumes: list[Amount] = Field(description="Units sold in each year 1..horizon_years.")


class VariableCostLine(BaseModel):
    """One cost that grows with output: a cost per unit times a volume in each year."""

    model_config = STRICT

    label: str = Field(min_length=1, max_length=200)
    unit_cost: Amount
    volumes: list[Amount] = Field(description="Units consumed in each year 1..horizon_years.")


class FixedCostLine(BaseModel):
    """One cost borne whatever the output (rent, salaries, insurance): an amount per year."""

    model_config = STRICT

    label: str = Field(min_length=1, max_length=200)
    amounts: list[Amount] = Field(description="The cost in each year 1..horizon_years.")


class FinancingLine(BaseModel):
    """One source of money put into the project."""

    model_config = STRICT

    source: FinancingSource
    amount: Amount
    label: str | None = Field(default=None, min_length=1, max_length=200)
    year: int | None = Field(
        default=None, ge=0, description="When the money comes in; none = year 0."
    )
    interest_rate: Rate | None = None
    term_years: int | None = Field(
        default=None,
        ge=1,
        le=MAX_LOAN_TERM_YEARS,
        description="Years from disbursement to the last repayment, grace years included.",
    )
    grace_years: int = Field(
        default=0,
        ge=0,
        le=MAX_LOAN_TERM_YEARS,
        description="The first years of the term, when only interest is paid.",
    )
    repayment: Repayment = Repayment.ANNUITY

    @property
    def is_loan(self) -> bool:
        """Whether this money is lent, to be repaid with interest."""
        return self.source in LOAN_SOURCES

    @property
    def disbursed_in(self) -> int:
        """The year the money comes in."""
        return 0 if self.year is None else self.year

    @property
    def name(self) -> str:
        """How a person refers to this line."""
        return self.label or self.source.value.replace("_", " ")

    @property
    def is_scheduled_loan(self) -> bool:
        """A loan whose rate and term are known, so that its repayments can be scheduled."""
        return self.is_loan and self.interest_rate is not None and self.term_years is not None
        missing = [
            (field, example)
            for field, example in (
                ("interest_rate", "its yearly interest rate, e.g. 0.09 for 9%"),
                ("term_years", "how many years it runs, grace years included"),
            )
            if getattr(self, field) is None
        ]
        raise_all(
            type(self).__name__,
            [
                InitErrorDetails(
                    type=PydanticCustomError(
                        "loan_term_missing",
                        "is required for a {source}: a loan needs {example}",
                        {"source": self.source.value, "example": example},
                    ),
                    loc=(field,),
                    input=None,
                )
                for field, example in missing
            ],
        )
        return self
