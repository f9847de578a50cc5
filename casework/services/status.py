"""The entrepreneur's view of a case: where it stands, what comes next, what happened.

Every party to a case reads this view, often and at once, so it costs two small
statements once the case is known: one for the gate facts, one for the public
timeline. Neither loads a plan version's body or results: the one figure the gates
need from the results is read by the database from the stored JSON.
"""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, select
from sqlalchemy.sql.elements import BindParameter, ColumnElement
from sqlalchemy.sql.selectable import ScalarSelect
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
    rows = session.execute(_timeline_query(), {"case_id": case.id}).all()
    return CaseStatusView(
        reference=case.reference,
        stage=case.stage,
        status=case.status,
        next_steps=next_steps(facts),
        timeline=[PublicEvent(at, kind, summary) for at, kind, summary in rows],
    )


def status_facts(case: Case, *, session: Session, today: date) -> CaseFacts:
    """The facts `gather_facts` gives, read in one statement of small columns."""
    row = session.execute(_facts_query(), {"case_id": case.id}).one()
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


# The statements are built once, on first use, with the case id as a parameter: building
# them cost ten times what running them does.
@cache
def _timeline_query() -> Select[datetime, str, str]:
    query = select(col(CaseEvent.at), col(CaseEvent.kind), col(CaseEvent.summary))
    query = query.where(col(CaseEvent.case_id) == bindparam("case_id"))
    return query.order_by(col(CaseEvent.at), col(CaseEvent.id))


def _count(*conditions: ColumnElement[bool]) -> ScalarSelect[int]:
    # correlate(None): each count reads its own table, never a row of the outer query.
    return select(func.count()).where(*conditions).correlate(None).scalar_subquery()


@cache
def _facts_query() -> Select[Any]:
    case_id: BindParameter[uuid.UUID] = bindparam("case_id")
    plan = InvestmentPlanVersion
    # The latest version by a subquery of its own, not correlated with the joined plan row.
    latest_version = (
        select(func.max(plan.version)).where(col(plan.case_id) == case_id).correlate(None)
    ).scalar_subquery()
    return (
        select(
            col(Assessment.decision),
            col(Assessment.training_required),
            col(Assessment.training_completed),
            col(FeasibilityStudy.conclusion),
            col(plan.version),
            col(plan.approved_at),
            col(plan.advisor_share),
            col(plan.results)[EXTERNAL_FINANCING_KEY].as_float(),
            _count(
                col(Referral.case_id) == case_id,
                col(Referral.status).in_([ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED]),
            ),
            _count(col(Milestone.case_id) == case_id, col(Milestone.done_on).is_(None)),
            _count(
                col(TrainingEnrolment.case_id) == case_id,
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
        .where(col(Case.id) == case_id)
    )
