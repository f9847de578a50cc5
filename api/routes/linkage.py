"""The partner directory, partner matches, and referrals."""

import uuid

from fastapi import APIRouter, status

from api.dependencies import ActorDep, SessionDep
from api.schemas import MatchPublic, PartnerPublic, ReferralPublic
from casework.actors import Action, require
from casework.services.cases import case_for
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


@router.get("/partners", response_model=list[PartnerPublic])
def partners(actor: ActorDep, session: SessionDep) -> object:
    """The partner directory."""
    require(Action.READ_PARTNERS, actor)
    return list_partners(session=session)


@router.post("/partners", status_code=status.HTTP_201_CREATED, response_model=PartnerPublic)
def post_partner(body: PartnerInput, actor: ActorDep, session: SessionDep) -> object:
    """Add a partner to the directory (managers)."""
    require(Action.MANAGE_PARTNERS, actor)
    partner = add_partner(body, session=session)
    session.flush()
    return partner


@router.get("/cases/{case_id}/partner-matches", response_model=list[MatchPublic])
def partner_matches(case_id: uuid.UUID, actor: ActorDep, session: SessionDep) -> object:
    """Partners ranked for this case now, each with its reasons."""
    case = case_for(Action.READ_MATCHES, case_id, actor, session=session)
    return match_partners(case, session=session)


@router.get("/cases/{case_id}/referrals", response_model=list[ReferralPublic])
def referrals(case_id: uuid.UUID, actor: ActorDep, session: SessionDep) -> object:
    """The case's referrals."""
    case = case_for(Action.READ_CASE, case_id, actor, session=session)
    return referrals_of(case, session=session)


@router.post(
    "/cases/{case_id}/referrals", status_code=status.HTTP_201_CREATED, response_model=ReferralPublic
)
def post_referral(
    case_id: uuid.UUID, body: ReferralInput, actor: ActorDep, session: SessionDep
) -> object:
    """Prepare a referral of the case to a partner (status draft)."""
    case = case_for(Action.REFER, case_id, actor, session=session)
    referral = create_referral(case, body, actor.id, session=session)
    session.flush()
    return referral


@router.patch("/cases/{case_id}/referrals/{referral_id}", response_model=ReferralPublic)
def patch_referral(
    case_id: uuid.UUID,
    referral_id: uuid.UUID,
    body: ReferralUpdate,
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Move a referral along draft → sent → acknowledged → accepted | declined → completed."""
    case = case_for(Action.REFER, case_id, actor, session=session)
    return update_referral(case, referral_id, body, actor.id, session=session)
