"""The dossier's investment-plan section: the plan's inputs as plain values, and its results."""

from dataclasses import dataclass
from datetime import date

from casework.investment_plan import PlanResults


@dataclass(frozen=True, slots=True)
class InvestmentRow:
    """One investment of the plan, in the plan's currency."""

    label: str
    year: int
    amount: float
    useful_life_years: int | None = None
    salvage_value: float = 0.0
    replace_at_end_of_life: bool = False


@dataclass(frozen=True, slots=True)
class RevenueLineRow:
    """One product or service sold: a unit price times a volume in each year 1..horizon."""

    label: str
    unit: str
    unit_price: float
    volumes: list[float]


@dataclass(frozen=True, slots=True)
class FinancingRow:
    """One source of financing and its share of all sources; loans carry their terms."""

    source: str
    amount: float
    share: float | None = None  # None when the plan has no financing at all
    label: str | None = None
    year: int | None = None  # None: year 0
    interest_rate: float | None = None
    term_years: int | None = None
    grace_years: int | None = None
    repayment: str | None = None


@dataclass(frozen=True, slots=True)
class PlanSummary:
    """The current investment plan version, its inputs and its results."""

    version: int
    currency: str
    eur_rate: float
    horizon_years: int
    discount_rate: float
    tax_rate: float
    approved: bool
    approved_on: date | None
    investments: list[InvestmentRow]
    revenue_lines: list[RevenueLineRow]  # empty when revenues are given as yearly totals
    revenues: list[float]  # yearly totals: revenues[t-1] belongs to year t
    operating_costs: list[float]
    financing: list[FinancingRow]
    # Read from the version as every reader reads it; older versions lack the later tables.
    results: PlanResults
