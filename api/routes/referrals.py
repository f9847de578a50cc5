"""Referrals of a case to partners, along their lifecycle."""

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, status
from pydantic import Field

from api.dependencies import ActorDep, SessionDep
from api.permissions import case_with
from api.schemas import Public
from casework.actors import Action
from casework.models import Case
from casework.services.referrals import (
    ReferralInput,
    ReferralUpdate,
    create_referral,
    referrals_of,
    update_referral,
)

router = APIRouter(tags=["referrals"])


class ReferralPublic(Public):
    id: uuid.UUID
    case_id: uuid.UUID
    partner_id: uuid.UUID
    purpose: str
    status: str
    note: str
    flags: list[str] = Field(
        description="What the advisor must look at: consent withdrawn after sending, "
        "a record to complete."
    )
    created_at: datetime
    updated_at: datetime


@router.get("/cases/{case_id}/referrals", response_model=list[ReferralPublic])
def referrals(case: Annotated[Case, case_with(Action.READ_CASE)], session: SessionDep) -> object:
    """The case's referrals."""
    return referrals_of(case, session=session)


@router.post(
    "/cases/{case_id}/referrals", status_code=status.HTTP_201_CREATED, response_model=ReferralPublic
)
def post_referral(
    body: ReferralInput,
    case: Annotated[Case, case_with(Action.REFER)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Prepare a referral of the case to a partner (status draft)."""
    referral = create_referral(case, body, actor.id, session=session)
    session.flush()
    return referral


@router.patch("/cases/{case_id}/referrals/{referral_id}", response_model=ReferralPublic)
def patch_referral(
    referral_id: uuid.UUID,
    body: ReferralUpdate,
    case: Annotated[Case, case_with(Action.REFER)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Move a referral along draft → sent → acknowledged → accepted | declined → completed."""
    return update_referral(case, referral_id, body, actor.id, session=session)
