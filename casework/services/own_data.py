"""A person's own data, gathered for them to take away (the right of access and portability).

Everything casework keeps about an entrepreneur that they may see: their account and
profile, and for each of their cases the record, the plan's versions, the reported
figures, milestones, courses, consents, referrals (without the staff's internal note),
where it stands with its public timeline, and the list of their kept dossiers. What the
staff keep for themselves (the assessment's notes, the internal timeline) is not theirs to
read in casework and is not in it either. Nothing about anyone else: the people behind the
unit appear by id only.
"""

from dataclasses import dataclass

from sqlmodel import Session, col, select

from casework.actors import Actor
from casework.models import (
    Case,
    Consent,
    Dossier,
    EntrepreneurProfile,
    FollowUpReport,
    InvestmentPlanVersion,
    Milestone,
    Referral,
    TrainingEnrolment,
    User,
)
from casework.services.consents import consents_of
from casework.services.follow_up import milestones_of
from casework.services.follow_up_reports import reports_of
from casework.services.intake import Intake, intake_of
from casework.services.plans import plan_versions
from casework.services.referrals import referrals_of
from casework.services.status import CaseStatusView, status_view
from casework.services.training import trainings_of
from casework.vocabulary import Audience, Role


@dataclass(frozen=True)
class OwnCase:
    """One case and everything kept of it that its entrepreneur may see."""

    case: Case
    standing: CaseStatusView
    plan_versions: list[InvestmentPlanVersion]
    follow_up_reports: list[FollowUpReport]
    milestones: list[Milestone]
    training: list[TrainingEnrolment]
    consents: list[Consent]
    referrals: list[Referral]
    dossiers: list[Dossier]
    intake: Intake


@dataclass(frozen=True)
class OwnData:
    """A person's account, profile and cases."""

    user: User
    profile: EntrepreneurProfile | None
    cases: list[OwnCase]


def own_data(user: User, *, session: Session) -> OwnData:
    """Everything casework keeps about `user` that they may see, case by case, oldest first."""
    query = select(Case).where(Case.entrepreneur_id == user.id)
    cases = session.exec(query.order_by(col(Case.created_at), col(Case.id))).all()
    return OwnData(
        user=user,
        profile=session.get(EntrepreneurProfile, user.id),
        cases=[_own_case(case, _owner(user), session=session) for case in cases],
    )


def _owner(user: User) -> Actor:
    return Actor(id=user.id, role=Role(user.role), full_name=user.full_name, unit_id=user.unit_id)


def _own_case(case: Case, owner: Actor, *, session: Session) -> OwnCase:
    kept = select(Dossier).where(
        Dossier.case_id == case.id, Dossier.audience == Audience.ENTREPRENEUR
    )
    return OwnCase(
        case=case,
        standing=status_view(case, session=session, sensitive=True),
        plan_versions=plan_versions(case, session=session),
        follow_up_reports=reports_of(case, session=session),
        milestones=milestones_of(case, session=session),
        training=trainings_of(case, session=session),
        consents=consents_of(case, session=session),
        referrals=referrals_of(case, session=session),
        dossiers=list(session.exec(kept.order_by(col(Dossier.created_at))).all()),
        intake=intake_of(case, owner, session=session),
    )
