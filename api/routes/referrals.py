"""Referrals of a case to partners, along their lifecycle."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, status
from pydantic import Field

from api.dependencies import ActorDep, SessionDep
from api.permissions import case_with
from api.schemas import Public
from casework.actors import Action, Actor
from casework.models import Case, Referral
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
        "a decline or completion whose record is to complete."
    )
    financing_lines: list[int] = Field(
        description="The plan's financing lines asked for, by their index in `financing`."
    )
    amount_offered: float | None = Field(description="On accepted, in the plan's currency.")
    decline_reason: str | None
    outcome: dict[str, Any] | None = Field(
        description="On completion: amount_granted, instrument, terms; or services_delivered."
    )
    dossier_id: uuid.UUID | None = Field(description="The partner's dossier kept when sent.")
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    acknowledged_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None


class ReferralForStaff(ReferralPublic):
    """A referral as staff read it: with the note written by staff for staff."""

    internal_note: str


ReferralView = ReferralForStaff | ReferralPublic


def _view(referral: Referral, actor: Actor) -> ReferralView:
    # The entrepreneur's answer has no internal note at all, not even an empty one.
    if actor.is_staff:
        return ReferralForStaff.model_validate(referral)
    return ReferralPublic.model_validate(referral)


@router.get("/cases/{case_id}/referrals", response_model=list[ReferralView])
def referrals(
    case: Annotated[Case, case_with(Action.READ_CASE)], actor: ActorDep, session: SessionDep
) -> object:
    """The case's referrals; `internal_note` for staff only."""
    return [_view(referral, actor) for referral in referrals_of(case, session=session)]


@router.post(
    "/cases/{case_id}/referrals", status_code=status.HTTP_201_CREATED, response_model=ReferralView
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
    return _view(referral, actor)


@router.patch("/cases/{case_id}/referrals/{referral_id}", response_model=ReferralView)
def patch_referral(
    referral_id: uuid.UUID,
    body: ReferralUpdate,
    case: Annotated[Case, case_with(Action.REFER)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Move a referral along draft → sent → acknowledged → accepted | declined → completed.

    On accepted, `amount_offered`; on declined, `decline_reason`; on completed, `outcome`.
    A decline or completion without them is flagged until the same status is sent again
    with them. 409 names the allowed next states.
    """
    referral = update_referral(case, referral_id, body, actor.id, session=session)
    session.flush()
    return _view(referral, actor)
