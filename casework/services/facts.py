"""Gathering the facts the stage gates look at."""

from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from casework.models import (
    Assessment,
    Case,
    FeasibilityStudy,
    Milestone,
    Referral,
    TrainingEnrolment,
)
from casework.services.plans import current_plan, results_of
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


def gather_facts(case: Case, *, session: Session, today: date) -> CaseFacts:
    """Everything the gates need to know about `case`, read from the store now."""
    assessment = session.get(Assessment, case.id)
    feasibility = session.get(FeasibilityStudy, case.id)
    plan = current_plan(case, session=session)
    accepted = session.exec(
        select(func.count())
        .select_from(Referral)
        .where(Referral.case_id == case.id)
        .where(col(Referral.status).in_([ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED]))
    ).one()
    open_milestones = session.exec(
        select(func.count())
        .select_from(Milestone)
        .where(Milestone.case_id == case.id)
        .where(col(Milestone.done_on).is_(None))
    ).one()
    plan_approved = plan is not None and plan.approved_at is not None
    trainings_open = session.exec(
        select(func.count())
        .select_from(TrainingEnrolment)
        .where(TrainingEnrolment.case_id == case.id)
        .where(col(TrainingEnrolment.required))
        .where(col(TrainingEnrolment.status).not_in([TrainingStatus.COMPLETED]))
    ).one()
    return CaseFacts(
        stage=Stage(case.stage),
        status=CaseStatus(case.status),
        today=today,
        assessment_decision=AssessmentDecision(assessment.decision) if assessment else None,
        training_required=assessment.training_required if assessment else False,
        training_completed=assessment.training_completed if assessment else False,
        required_trainings_open=trainings_open,
        feasibility_conclusion=(
            FeasibilityConclusion(feasibility.conclusion) if feasibility else None
        ),
        plan_version=plan.version if plan else None,
        plan_approved=plan_approved,
        plan_advisor_share=plan.advisor_share if plan else 0.0,
        supplant_threshold=get_settings().supplant_threshold,
        accepted_referrals=accepted,
        self_financed=(
            plan is not None and plan_approved and results_of(plan).external_financing_eur == 0
        ),
        open_milestones=open_milestones,
        follow_up_until=case.follow_up_until,
    )
