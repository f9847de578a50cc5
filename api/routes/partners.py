"""The partner directory, and the partners ranked for a case."""

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import Field
from pydantic_extra_types.country import CountryAlpha2

from api.dependencies import ActorDep, SessionDep
from api.permissions import case_with, permit
from api.schemas import Public
from casework.actors import Action
from casework.models import Case, Partner
from casework.partner_matching import service_in_words
from casework.services.partners import (
    CaseMatch,
    PartnerFilter,
    PartnerInput,
    PartnerUpdate,
    add_partner,
    list_partners,
    record_matches,
    standing_matches,
    update_partner,
)
from casework.services.units import unit_in_view
from casework.vocabulary import PartnerKind, Sector

router = APIRouter(tags=["partners"])


class ContactPublic(Public):
    name: str | None
    email: str | None
    phone: str | None
    website: str | None


class PartnerPublic(Public):
    id: uuid.UUID
    name: str
    kind: str
    services: list[str]
    sectors: list[str]
    countries: list[str]
    ticket_min_eur: float | None
    ticket_max_eur: float | None
    languages: list[str]
    contact: ContactPublic
    description: str
    active: bool
    is_example: bool
    unit_id: uuid.UUID | None = Field(description="The unit whose own partner it is; null: shared.")


class PartnerCard(Public):
    """What anyone reading a match may see of a partner: nothing staff wrote for themselves."""

    id: uuid.UUID
    name: str
    kind: str
    services: list[str] = Field(description="as the directory lists them")
    services_in_words: list[str]
    description: str


class MatchPublic(Public):
    partner_id: uuid.UUID
    partner_name: str
    rank: int
    score: float
    reasons: list[str] = Field(description="every reason, those for first")
    reasons_for: list[str]
    reasons_against: list[str]
    recorded_at: datetime | None = Field(description="null: ranked now, not yet recorded")
    partner: PartnerCard


def _public(partner: Partner) -> PartnerPublic:
    contact = ContactPublic(
        name=partner.contact_name,
        email=partner.contact_email,
        phone=partner.contact_phone,
        website=partner.website,
    )
    return PartnerPublic.model_validate({**PartnerPublic.fields_of(partner), "contact": contact})


def _card(partner: Partner) -> PartnerCard:
    words = [service_in_words(s) for s in partner.services]
    fields = PartnerCard.fields_of(partner)
    return PartnerCard.model_validate({**fields, "services_in_words": words})


def _match(match: CaseMatch) -> MatchPublic:
    return MatchPublic(
        partner_id=match.partner.id,
        partner_name=match.partner.name,
        rank=match.rank,
        score=match.score,
        reasons=match.reasons,
        reasons_for=match.reasons_for,
        reasons_against=match.reasons_against,
        recorded_at=match.recorded_at,
        partner=_card(match.partner),
    )


@router.get(
    "/partners", response_model=list[PartnerPublic], dependencies=[permit(Action.READ_PARTNERS)]
)
def partners(
    actor: ActorDep,
    session: SessionDep,
    kind: PartnerKind | None = None,
    service: Annotated[
        str | None, Query(max_length=200, description="as the partner lists it")
    ] = None,
    country: Annotated[
        CountryAlpha2 | None, Query(description="partners working there, or everywhere")
    ] = None,
    sector: Annotated[Sector | None, Query(description="partners working in it, or in all")] = None,
    active: bool | None = None,
    unit: Annotated[
        str | None, Query(max_length=32, description="a unit's code: the partners it sees")
    ] = None,
) -> object:
    """The partner directory, filtered by kind, service, country, sector and whether active.

    A unit's staff see the programme's shared partners and their unit's own; the
    programme's managers see every partner, or those unit `unit` sees.
    """
    unit_id = unit_in_view(actor, unit, session=session)
    only = PartnerFilter(kind, service, country, sector, active, unit_id)
    return [_public(p) for p in list_partners(session=session, only=only)]


@router.post(
    "/partners",
    status_code=status.HTTP_201_CREATED,
    response_model=PartnerPublic,
    dependencies=[permit(Action.MANAGE_PARTNERS)],
)
def post_partner(body: PartnerInput, actor: ActorDep, session: SessionDep) -> object:
    """Add a partner to the directory (managers): shared by the programme, or a unit's own
    (`unit`; a unit's manager always adds their unit's own)."""
    return _public(add_partner(body, session=session, actor=actor))


@router.patch(
    "/partners/{partner_id}",
    response_model=PartnerPublic,
    dependencies=[permit(Action.MANAGE_PARTNERS)],
)
def patch_partner(
    partner_id: uuid.UUID, body: PartnerUpdate, actor: ActorDep, session: SessionDep
) -> object:
    """Change a partner's fields (managers; a unit's manager, their unit's own partners);
    `active: false` retires it: none is ever deleted."""
    return _public(update_partner(partner_id, body, session=session, actor=actor))


@router.get("/cases/{case_id}/partner-matches", response_model=list[MatchPublic])
def partner_matches(
    case: Annotated[Case, case_with(Action.READ_MATCHES)], session: SessionDep
) -> object:
    """The partners recorded for this case when linkage began (else ranked now), with reasons."""
    return [_match(m) for m in standing_matches(case, session=session)]


@router.post("/cases/{case_id}/partner-matches/refresh", response_model=list[MatchPublic])
def refresh_partner_matches(
    case: Annotated[Case, case_with(Action.REFRESH_MATCHES)], session: SessionDep
) -> object:
    """Rank the partners for this case again and record the ranking (staff)."""
    record_matches(case, session=session)
    return [_match(m) for m in standing_matches(case, session=session)]
