"""The partner directory, partner matches, and referrals."""

import uuid
from typing import Annotated

from fastapi import APIRouter, status

from api.dependencies import ActorDep, SessionDep
from api.permissions import case_with, permit
from api.schemas import MatchPublic, PartnerPublic, ReferralPublic
from casework.actors import Action
from casework.models import Case
from casework.services.linkage import (
    PartnerInput,
    ReferralInput,
    ReferralUpdate,
    add_partner,
    create_referral,
    list_partners,
    match_partners,
    referrals_of,
    update_referral,
)

router = APIRouter(tags=["linkage"])


@router.get(
    "/partners", response_model=list[PartnerPublic], dependencies=[permit(Action.READ_PARTNERS)]
)
def partners(session: SessionDep) -> object:
    """The partner directory."""
    return list_partners(session=session)


@router.post(
    "/partners",
    status_code=status.HTTP_201_CREATED,
    response_model=PartnerPublic,
    dependencies=[permit(Action.MANAGE_PARTNERS)],
)
def post_partner(body: PartnerInput, session: SessionDep) -> object:
    """Add a partner to the directory (managers)."""
    partner = add_partner(body, session=session)
    session.flush()
    return partner


@router.get("/cases/{case_id}/partner-matches", response_model=list[MatchPublic])
def partner_matches(
    case: Annotated[Case, case_with(Action.READ_MATCHES)], session: SessionDep
) -> object:
    """Partners ranked for this case now, each with its reasons."""
    return match_partners(case, session=session)


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
