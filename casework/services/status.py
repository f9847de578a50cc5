"""The entrepreneur's view of a case: where it stands, what comes next, what happened.

Every party to a case reads this view, often and at once, so it costs two small
statements once the case is known: one for the gate facts, one for the public
timeline. Neither loads a plan version's body or results: the one figure the gates
need from the results is read by the database from the stored JSON.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from casework.models import (
    Assessment,
    Case,
    CaseEvent,
    FeasibilityStudy,
    InvestmentPlanVersion,
    Milestone,
    Referral,
    TrainingEnrolment,
)
from casework.services.cases import today
from casework.settings import get_settings
from casework.stages import CaseFacts, next_steps
from casework.vocabulary import (
    AssessmentDecision,
    CaseStatus,
    FeasibilityConclusion,
    ReferralStatus,
    Stage,
    TrainingStatus,
)

# Where the approved plan says how much outside money it needs (gather_facts reads the same key).
EXTERNAL_FINANCING_KEY = "external_financing_eur"


@dataclass(frozen=True)
class PublicEvent:
    """A timeline line anyone on the case may read."""

    at: datetime
    kind: str
    summary: str


@dataclass(frozen=True)
class CaseStatusView:
    """Reference, stage, status, the next steps and the public timeline."""

    reference: str
    stage: str
    status: str
    next_steps: list[str]
    timeline: list[PublicEvent]


def status_view(case: Case, *, session: Session) -> CaseStatusView:
    """The case as its entrepreneur follows it, with no internal detail."""
    facts = status_facts(case, session=session, today=today())
    events = select(col(CaseEvent.at), col(CaseEvent.kind), col(CaseEvent.summary)).where(
        col(CaseEvent.case_id) == case.id
    )
    rows = session.execute(events.order_by(col(CaseEvent.at), col(CaseEvent.id))).all()
    return CaseStatusView(
        reference=case.reference,
        stage=case.stage,
        status=case.status,
        next_steps=next_steps(facts),
        timeline=[PublicEvent(at, kind, summary) for at, kind, summary in rows],
    )


def _count(*conditions: ColumnElement[bool]) -> ColumnElement[int]:
    # correlate(None): each count reads its own table, never a row of the outer query.
    return select(func.count()).where(*conditions).correlate(None).scalar_subquery()


def status_facts(case: Case, *, session: Session, today: date) -> CaseFacts:
    """The facts `gather_facts` gives, read in one statement of small columns."""
    # The latest version by a subquery of its own, not correlated with the joined plan row.
    latest_version = (
        select(func.max(InvestmentPlanVersion.version))
        .where(col(InvestmentPlanVersion.case_id) == case.id)
        .correlate(None)
        .scalar_subquery()
    )
    plan = InvestmentPlanVersion
    financing = col(plan.results)[EXTERNAL_FINANCING_KEY].as_float()
    query = (
        select(
            col(Assessment.decision),
            col(Assessment.training_required),
            col(Assessment.training_completed),
            col(FeasibilityStudy.conclusion),
            col(plan.version),
            col(plan.approved_at),
            col(plan.advisor_share),
            financing,
            _count(
                col(Referral.case_id) == case.id,
                col(Referral.status).in_([ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED]),
            ),
            _count(col(Milestone.case_id) == case.id, col(Milestone.done_on).is_(None)),
            _count(
                col(TrainingEnrolment.case_id) == case.id,
                col(TrainingEnrolment.required).is_(True),
                col(TrainingEnrolment.status).not_in([TrainingStatus.COMPLETED]),
            ),
        )
        .select_from(Case)
        .outerjoin(Assessment, col(Assessment.case_id) == col(Case.id))
        .outerjoin(FeasibilityStudy, col(FeasibilityStudy.case_id) == col(Case.id))
        .outerjoin(
            plan, and_(col(plan.case_id) == col(Case.id), col(plan.version) == latest_version)
        )
        .where(col(Case.id) == case.id)
    )
    row = session.execute(query).one()
    (decision, training_required, training_completed, conclusion) = row[:4]
    (version, approved_at, advisor_share, external_financing) = row[4:8]
    accepted, open_milestones, trainings_open = row[8:]
    approved = version is not None and approved_at is not None
    return CaseFacts(
        stage=Stage(case.stage),
        status=CaseStatus(case.status),
        today=today,
        assessment_decision=AssessmentDecision(decision) if decision is not None else None,
        training_required=bool(training_required),
        training_completed=bool(training_completed),
        required_trainings_open=trainings_open,
        feasibility_conclusion=(
            FeasibilityConclusion(conclusion) if conclusion is not None else None
        ),
        plan_version=version,
        plan_approved=approved,
        plan_advisor_share=advisor_share if version is not None else 0.0,
        supplant_threshold=get_settings().supplant_threshold,
        accepted_referrals=accepted,
        self_financed=approved and external_financing == 0,
        open_milestones=open_milestones,
        follow_up_until=case.follow_up_until,
    )
