"""What a partner's referral dossier shows: the view its kind of partner needs, nothing more.

A technical partner reads the project, the assessment's public part and the
feasibility study; a financial partner the project, the investment plan (its
financing, repayment schedules, DSCR and sensitivity) and the lines asked of
them; a partner of both kinds reads both. No partner reads the staff's notes
(marked internal, left out by `copy_for`), other partners' answers or the
entrepreneur's personal data: this context has no place for them.
"""

from dataclasses import dataclass
from datetime import datetime

from casework.dossier.context import AssessmentSummary, CaseSummary, FeasibilitySummary
from casework.dossier.plan_context import PlanSummary
from casework.vocabulary import PartnerKind


@dataclass(frozen=True, slots=True)
class RequestedLine:
    """A line of the plan's financing the referral asks the partner for."""

    source: str
    amount: float
    amount_eur: float


@dataclass(frozen=True, slots=True)
class PartnerDossierContext:
    """Everything one partner's copy shows, gathered when the referral is sent."""

    generated_at: datetime
    moment: str
    partner_name: str
    partner_kind: str
    purpose: str
    case: CaseSummary
    project_leader: str
    assessment: AssessmentSummary | None
    feasibility: FeasibilitySummary | None
    plan: PlanSummary | None
    requested_lines: list[RequestedLine]


def technical_view(kind: PartnerKind) -> bool:
    """Whether a partner of `kind` reads the assessment and the feasibility study."""
    return kind in (PartnerKind.TECHNICAL, PartnerKind.BOTH)


def financial_view(kind: PartnerKind) -> bool:
    """Whether a partner of `kind` reads the investment plan and its financing."""
    return kind in (PartnerKind.FINANCIAL, PartnerKind.BOTH)
