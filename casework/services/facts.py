"""Gathering the facts the stage gates look at, in one statement of small columns.

The gates read them at every move and the status view at every read, so they cost
one statement: outer joins to the assessment, the study and the latest plan version,
and three counts. No plan body or results is loaded: the one figure the gates need
from the results is read by the database from the stored JSON.
"""

import uuid
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, select
from sqlalchemy.sql.elements import BindParameter, ColumnElement
from sqlalchemy.sql.selectable import ScalarSelect
from sqlmodel import Session, col

from casework.database import read_rows
from casework.models import (
    Assessment,
    Case,
    FeasibilityStudy,
    InvestmentPlanVersion,
    Milestone,
    Referral,
    TrainingEnrolment,
)
from casework.settings import get_settings
from casework.stages import CaseFacts
from casework.vocabulary import (
    AssessmentDecision,
    CaseStatus,
    FeasibilityConclusion,
    ReferralStatus,
    Stage,
    TrainingStatus,
)

# Where the approved plan says how much outside money it needs (a field of PlanResults).
EXTERNAL_FINANCING_KEY = "external_financing_eur"


def gather_facts(case: Case, *, session: Session, today: date) -> CaseFacts:
    """Everything the gates need to know about `case`, read from the store in one statement."""
    row = read_rows(session, _facts_query(), {"case_id": case.id}).one()
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


# Built once, on first use, with the case id as a parameter: building it cost ten times
# what running it does.
def _count(*conditions: ColumnElement[bool]) -> ScalarSelect[int]:
    # correlate(None): each count reads its own table, never a row of the outer query.
    return select(func.count()).where(*conditions).correlate(None).scalar_subquery()


@cache
def _facts_query() -> Select[*tuple[Any, ...]]:
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
