"""The partner directory, and the partners ranked for a case."""

import uuid
from typing import Annotated

from fastapi import APIRouter, status

from api.dependencies import SessionDep
from api.permissions import case_with, permit
from api.schemas import Public
from casework.actors import Action
from casework.models import Case
from casework.services.partners import PartnerInput, add_partner, list_partners, match_partners

router = APIRouter(tags=["partners"])


class PartnerPublic(Public):
    id: uuid.UUID
    name: str
    kind: str
    services: list[str]
    sectors: list[str]
    countries: list[str]
    ticket_min_eur: float | None
    ticket_max_eur: float | None
    is_example: bool


class MatchPublic(Public):
    partner_id: uuid.UUID
    partner_name: str
    score: float
    reasons: list[str]


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
