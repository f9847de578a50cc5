"""What a case dossier shows, as plain values the template can print without a database.

A field staff wrote for staff is declared with `field(metadata=INTERNAL)`: it
reaches the unit's copy only (see casework.dossier.audience).
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from casework.dossier.audience import INTERNAL
from casework.dossier.plan_context import PlanSummary
from casework.investment_plan.phrases import Phrase


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
    notes: str | None = field(metadata=INTERNAL)
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
    # Written by staff for staff; older kept copies have none.
    internal_note: str | None = field(default=None, metadata=INTERNAL)


@dataclass(frozen=True, slots=True)
class MilestoneLine:
    """A follow-up milestone, done or still due."""

    title: str
    due_date: date
    done_on: date | None
    note: str


@dataclass(frozen=True, slots=True)
class PlanVsActualYear:
    """One plan year: the planned figures beside the reported ones (None: not reported)."""

    year: int
    planned_revenue: float
    actual_revenue: float | None
    planned_costs: float
    actual_costs: float | None
    planned_net: float
    actual_net: float | None
    actual_cumulative: float | None
    repayment_status: str
    confirmed: bool | None


@dataclass(frozen=True, slots=True)
class PlanVsActualSection:
    """The business against its approved plan, year by year, and what deviates."""

    currency: str
    plan_start_on: date | None
    years: list[PlanVsActualYear]
    deviations: list[str]  # in English, as the API gives them
    # The same as words and figures apart, printed in the dossier's language; copies kept
    # before have none and print `deviations`.
    deviation_phrases: list[Phrase] | None = None


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
class GuideSummary:
    """A country guide on the case, printed whole; its sources as text, never fetched."""

    topic: str
    title: str
    text: str
    sources: list[str]
    language: str
    checked_on: date
    is_example: bool


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
    # Copies kept before follow-up was compared with the plan have none.
    plan_vs_actual: PlanVsActualSection | None = None
    # The country guides on the case; copies kept before guides existed have none.
    guides: list[GuideSummary] = field(default_factory=list)
