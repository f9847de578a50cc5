"""What the dossier's investment-plan section shows, as plain values the template prints."""

from dataclasses import dataclass, field
from datetime import date


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
class LoanYearRow:
    """One year of a repayment schedule."""

    year: int
    opening_balance: float
    interest: float
    principal: float
    payment: float
    closing_balance: float


@dataclass(frozen=True, slots=True)
class LoanScheduleSummary:
    """A loan and how it is repaid, year by year, to the end of its term."""

    source: str
    label: str | None
    amount: float
    disbursement_year: int
    interest_rate: float
    term_years: int
    grace_years: int
    repayment: str
    years: list[LoanYearRow]
    total_interest: float
    balance_at_horizon: float


@dataclass(frozen=True, slots=True)
class CashFlowRow:
    """One year of the cash-flow plan: the project on total capital, then the owners' view."""

    year: int
    revenues: float
    operating_costs: float
    ebitda: float
    depreciation: float
    taxes_on_ebit: float
    investments: float
    replacements: float
    working_capital_change: float  # negative: cash tied up
    salvage_value: float
    cash_flow_total_capital: float
    cumulative_cash_flow: float
    debt_drawdown: float
    grants: float
    interest: float
    taxes: float  # due on profit after interest
    debt_service: float
    debt_settled: float
    cash_flow_equity: float
    cumulative_cash_flow_equity: float
    dscr: float | None


@dataclass(frozen=True, slots=True)
class ReturnFigures:
    """What one stream of cash flows is worth; a None figure has a note saying why."""

    npv: float
    irr: float | None
    irr_note: str | None
    payback_years: float | None
    payback_note: str | None
    # Absent from results saved before they were computed: None, and no note either.
    mirr: float | None = None
    mirr_note: str | None = None
    discounted_payback_years: float | None = None
    discounted_payback_note: str | None = None
    discount_rate: float | None = None


@dataclass(frozen=True, slots=True)
class BreakEvenUnits:
    """How much of one product must sell to break even."""

    label: str
    unit: str
    volume: float


@dataclass(frozen=True, slots=True)
class BreakEvenSummary:
    """The break-even point of the typical year, or why there is none."""

    year: int | None
    revenue: float | None
    share_of_revenue: float | None
    note: str | None
    units: list[BreakEvenUnits] | None
    units_note: str | None


@dataclass(frozen=True, slots=True)
class UseRow:
    """One thing the money is needed for."""

    label: str
    year: int
    amount: float


@dataclass(frozen=True, slots=True)
class SourcesAndUsesSummary:
    """What the money is needed for against where it comes from."""

    uses: list[UseRow]
    total_sources: float
    total_uses: float
    sources_minus_uses: float
    own_contribution: float
    own_share: float | None  # of the uses
    own_share_note: str | None


@dataclass(frozen=True, slots=True)
class SensitivityRow:
    """One thing going wrong and what the project is then worth on total capital."""

    description: str
    npv: float
    npv_change: float
    irr: float | None
    irr_note: str | None


@dataclass(frozen=True, slots=True)
class PlanFigures:
    """The computed results of a plan; tables missing from older saved results are empty."""

    cash_flows: list[float]  # on total capital, year 0..horizon
    total: ReturnFigures  # on total capital
    total_investment: float
    total_financing: float
    funding_gap: float
    external_financing_eur: float
    funding_band: str
    equity: ReturnFigures | None = None
    min_dscr: float | None = None
    min_dscr_year: int | None = None
    dscr_note: str | None = None
    break_even: BreakEvenSummary | None = None
    sources_and_uses: SourcesAndUsesSummary | None = None
    cash_flow_table: list[CashFlowRow] = field(default_factory=list)
    loans: list[LoanScheduleSummary] = field(default_factory=list)
    sensitivity: list[SensitivityRow] = field(default_factory=list)
    warnings: list[str] | None = None  # None: not computed when the version was saved


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
    results: PlanFigures
