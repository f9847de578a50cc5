"""Gathering the facts the stage gates look at, in one statement of small columns.

The gates read them at every move and the status view at every read, so they cost
one statement: outer joins to the assessment, the study and the latest plan version,
and three counts. No plan body or results is loaded: the figures the gates need from
them (external financing, the financing lines, the currency) are read by the database
from the stored JSON. A case in linkage whose plan needs outside money costs one more:
the accepted referrals' lines and offers, to say which lines remain uncovered.
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
from casework.financing_coverage import Cover, external, financing_gaps, plan_lines
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
    accepted, open_milestones, trainings_open, financing, currency = row[8:]
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
        financing_gaps=_financing_gaps(case, financing or [], currency, session=session),
    )


def _financing_gaps(
    case: Case, financing: list[dict[str, Any]], currency: str | None, *, session: Session
) -> tuple[str, ...]:
    """The plan's external lines not yet covered; asked of the store only while in linkage."""
    if case.stage != Stage.LINKAGE:
        return ()
    lines = plan_lines(financing)
    if not external(lines):
        return ()
    covers = [
        Cover(tuple(asked or ()), offered)
        for asked, offered in read_rows(session, _covers_query(), {"case_id": case.id})
    ]
    outside = [int(index) for index in case.financed_outside]
    return tuple(financing_gaps(lines, covers, outside, currency or ""))


# Built once, on first use, with the case id as a parameter: building it cost ten times
# what running it does.
def _count(*conditions: ColumnElement[bool]) -> ScalarSelect[int]:
    # correlate(None): each count reads its own table, never a row of the outer query.
    return select(func.count()).where(*conditions).correlate(None).scalar_subquery()


@cache
def _covers_query() -> Select[Any, Any]:
    return select(col(Referral.financing_lines), col(Referral.amount_offered)).where(
        col(Referral.case_id) == bindparam("case_id"),
        col(Referral.status).in_([ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED]),
    )


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
            # The lines of the plan's financing and its currency, not the whole body.
            col(plan.body)["financing"],
            col(plan.body)["currency"].as_string(),
        )
        .select_from(Case)
        .outerjoin(Assessment, col(Assessment.case_id) == col(Case.id))
        .outerjoin(FeasibilityStudy, col(FeasibilityStudy.case_id) == col(Case.id))
        .outerjoin(
            plan, and_(col(plan.case_id) == col(Case.id), col(plan.version) == latest_version)
        )
        .where(col(Case.id) == case_id)
    )
