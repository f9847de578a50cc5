"""A person's own data as one JSON document, to keep or take to another service."""

from dataclasses import asdict
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlmodel import Session

from api.dependencies import CurrentUser, SessionDep, actor_of
from api.routes.consents import ConsentPublic
from api.routes.follow_up_reports import FollowUpReportPublic, report_public
from api.routes.intake import IntakePublic
from api.routes.investment_plan import plan_public
from api.routes.referrals import ReferralPublic
from api.schemas import (
    CasePublic,
    CaseStatusPublic,
    DossierPublic,
    MilestonePublic,
    PlanVersionPublic,
    ProfilePublic,
    TrainingPublic,
    UserPublic,
)
from casework.models import User
from casework.models.columns import utc_now
from casework.personal_data import EXPORT
from casework.services.access_log import record_read
from casework.services.own_data import OwnCase, own_data
from casework.services.units import unit_of

router = APIRouter(prefix="/auth/me", tags=["accounts"])

EXPORT_FORMAT = "casework-export/1"


class CaseExport(BaseModel):
    case: CasePublic
    standing: CaseStatusPublic = Field(description="Where it stands, with the public timeline.")
    plan_versions: list[PlanVersionPublic]
    follow_up_reports: list[FollowUpReportPublic]
    milestones: list[MilestonePublic]
    training: list[TrainingPublic]
    consents: list[ConsentPublic]
    referrals: list[ReferralPublic]
    dossiers: list[DossierPublic] = Field(
        description="The kept copies of their own dossier (GET .../dossiers/{id}.pdf each)."
    )
    intake: IntakePublic = Field(description="What they said at intake, all of it.")


class OwnDataExport(BaseModel):
    format: str = Field(description=f"`{EXPORT_FORMAT}`")
    exported_at: datetime
    account: UserPublic
    profile: ProfilePublic | None
    cases: list[CaseExport]


@router.get("/export", response_model=OwnDataExport)
def export_own_data(user: CurrentUser, session: SessionDep) -> Any:
    """Everything casework keeps about the caller that they may see, as one JSON document.

    Their account and profile, and each of their cases with its plan's versions, reported
    figures, milestones, courses, consents, referrals, standing and public timeline (with
    the country guides), intake, and the list of their kept dossiers. The read is written
    in the access log.
    """
    return own_data_export(user, route="GET /auth/me/export", session=session)


def own_data_export(user: User, *, route: str, session: Session) -> OwnDataExport:
    """`user`'s export, as the API and the console give it; its read logged under `route`."""
    data = own_data(user, session=session)
    export = OwnDataExport(
        format=EXPORT_FORMAT,
        exported_at=utc_now(),
        account=UserPublic.of(data.user, unit_of(data.user.unit_id, session=session)),
        profile=ProfilePublic.model_validate(data.profile) if data.profile else None,
        cases=[_case_export(own) for own in data.cases],
    )
    record_read(actor_of(user), user.id, EXPORT, route=route, session=session)
    return export


def _case_export(own: OwnCase) -> CaseExport:
    return CaseExport(
        # Its move under way too, if any (read from the case as it was loaded).
        case=CasePublic.model_validate(own.case),
        standing=CaseStatusPublic.model_validate(own.standing),
        plan_versions=[plan_public(v) for v in own.plan_versions],
        follow_up_reports=[report_public(r) for r in own.follow_up_reports],
        milestones=[MilestonePublic.model_validate(m) for m in own.milestones],
        training=[TrainingPublic.model_validate(t) for t in own.training],
        consents=[ConsentPublic.model_validate(c) for c in own.consents],
        referrals=[ReferralPublic.model_validate(r) for r in own.referrals],
        dossiers=[DossierPublic.model_validate(d) for d in own.dossiers],
        intake=IntakePublic.model_validate({"case_id": own.case.id, **asdict(own.intake)}),
    )
