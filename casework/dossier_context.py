"""What a case dossier shows, as plain values the template can print without a database."""

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """The case itself: reference, project, where it stands."""

    reference: str
    title: str
    sector: str
    country: str  # ISO 3166-1 alpha-2
    country_name: str
    summary: str
    stage: str
    status: str
    advisor_name: str | None
    opened_on: date
    stage_entered_on: date


@dataclass(frozen=True, slots=True)
class EntrepreneurSummary:
    """The project leader; residence and origin are optional, sensitive data."""

    full_name: str
    email: str
    gender: str | None
    country_of_residence: str | None
    country_of_origin: str | None
    diaspora: bool | None


@dataclass(frozen=True, slots=True)
class AssessmentSummary:
    """The reception-stage evaluation: three abilities scored 0 to 5, and the decision."""

    technical: int
    financial: int
    motivation: int
    training_required: bool
    training_completed: bool
    decision: str
    notes: str
    assessed_by: str
    assessed_on: date


@dataclass(frozen=True, slots=True)
class FeasibilitySectionLine:
    """One chapter of the feasibility study."""

    key: str
    title: str
    status: str
    text: str


@dataclass(frozen=True, slots=True)
class FeasibilitySummary:
    """The feasibility study: its chapters and its conclusion."""

    conclusion: str
    sections: list[FeasibilitySectionLine]


@dataclass(frozen=True, slots=True)
class InvestmentRow:
    """One investment of the plan, in the plan's currency."""

    label: str
    year: int
    amount: float
    useful_life_years: int | None
    salvage_value: float


@dataclass(frozen=True, slots=True)
class FinancingRow:
    """One source of financing; loans carry their rate, term and grace period."""

    source: str
    amount: float
    interest_rate: float | None
    term_years: int | None
    grace_years: int | None


@dataclass(frozen=True, slots=True)
class PlanFigures:
    """The computed results of an investment plan."""

    cash_flows: list[float]  # year 0..horizon
    npv: float
    irr: float | None
    irr_note: str | None
    payback_years: float | None
    payback_note: str | None
    total_investment: float
    total_financing: float
    funding_gap: float
    external_financing_eur: float
    funding_band: str


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
    revenues: list[float]  # revenues[t-1] belongs to year t
    operating_costs: list[float]
    financing: list[FinancingRow]
    results: PlanFigures


@dataclass(frozen=True, slots=True)
class PartnerMatchLine:
    """A partner ranked for this case, with the reasons it fits."""

    partner_name: str
    kind: str
    score: float
    reasons: list[str]


@dataclass(frozen=True, slots=True)
class ReferralLine:
    """A referral of the case to a partner and where it stands."""

    partner_name: str
    purpose: str
    status: str
    updated_on: date
    note: str


@dataclass(frozen=True, slots=True)
class MilestoneLine:
    """A follow-up milestone, done or still due."""

    title: str
    due_date: date
    done_on: date | None
    note: str


@dataclass(frozen=True, slots=True)
class TimelineLine:
    """One public event in the case's history."""

    at: datetime
    kind: str
    summary: str


@dataclass(frozen=True, slots=True)
class ReorientationSummary:
    """Why a case was reoriented and what the entrepreneur might do instead."""

    reason: str
    suggestions: list[str]


@dataclass(frozen=True, slots=True)
class DossierContext:
    """Everything one case dossier shows, gathered at one moment."""

    generated_at: datetime
    moment: str
    case: CaseSummary
    entrepreneur: EntrepreneurSummary
    assessment: AssessmentSummary | None
    feasibility: FeasibilitySummary | None
    plan: PlanSummary | None
    partner_matches: list[PartnerMatchLine]
    referrals: list[ReferralLine]
    milestones: list[MilestoneLine]
    timeline: list[TimelineLine]
    reorientation: ReorientationSummary | None
