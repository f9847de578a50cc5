"""Linkage: the partner directory, ranked matches and the referral lifecycle."""

import uuid

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_extra_types.country import CountryAlpha2
from sqlmodel import Session, col, select

from casework.errors import InvalidInput, NotFound
from casework.models import Case, Partner, Referral
from casework.models.columns import utc_now
from casework.partner_matching import CaseNeeds, Match, PartnerProfile, rank_partners
from casework.referral_lifecycle import refusal
from casework.services.cases import require_edit
from casework.services.plans import current_plan, results_of
from casework.services.timeline import record_event
from casework.stages import Edit
from casework.vocabulary import PartnerKind, ReferralStatus, Sector


class PartnerInput(BaseModel):
    """A partner as the directory records it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=2, max_length=200)
    kind: PartnerKind
    services: list[str] = Field(default_factory=list, max_length=30)
    sectors: list[Sector] = Field(default_factory=list, description="empty: every sector")
    countries: list[CountryAlpha2] = Field(default_factory=list, description="empty: everywhere")
    ticket_min_eur: float | None = Field(default=None, ge=0)
    ticket_max_eur: float | None = Field(default=None, ge=0)
    is_example: bool = False

    @field_validator("ticket_max_eur")
    @classmethod
    def _tickets_in_order(cls, high: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("ticket_min_eur")
        if low is not None and high is not None and high < low:
            raise ValueError(f"must not be below ticket_min_eur ({low:,.0f})")
        return high


class ReferralInput(BaseModel):
    """Refer the case to a partner, saying what for."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    partner_id: uuid.UUID
    purpose: str = Field(min_length=3, max_length=5_000)


class ReferralUpdate(BaseModel):
    """Move a referral along its lifecycle."""

    model_config = ConfigDict(extra="forbid")

    status: ReferralStatus
    note: str = Field(default="", max_length=5_000)


def add_partner(data: PartnerInput, *, session: Session) -> Partner:
    """Add a partner to the directory; names are unique."""
    partner = Partner(**data.model_dump(mode="json"))
    session.add(partner)
    session.flush()
    return partner


def list_partners(*, session: Session) -> list[Partner]:
    """The directory, by name."""
    return list(session.exec(select(Partner).order_by(col(Partner.name))).all())


def case_needs(case: Case, *, session: Session) -> CaseNeeds:
    """What the case needs from partners, sized by its current plan where there is one."""
    plan = current_plan(case, session=session)
    results = results_of(plan) if plan else None
    return CaseNeeds(
        sector=case.sector,
        country=case.country,
        external_financing_eur=results.external_financing_eur if results else None,
        funding_band=results.funding_band if results else None,
    )


def match_partners(case: Case, *, session: Session) -> list[Match]:
    """Partners ranked for the case now, each with its reasons."""
    profiles = [
        PartnerProfile(
            id=p.id,
            name=p.name,
            kind=PartnerKind(p.kind),
            services=tuple(p.services),
            sectors=tuple(p.sectors),
            countries=tuple(p.countries),
            ticket_min_eur=p.ticket_min_eur,
            ticket_max_eur=p.ticket_max_eur,
        )
        for p in list_partners(session=session)
    ]
    return rank_partners(case_needs(case, session=session), profiles)


def create_referral(
    case: Case, data: ReferralInput, actor_id: uuid.UUID, *, session: Session
) -> Referral:
    """A draft referral of the case to a partner (cases in linkage or follow-up)."""
    require_edit(case, Edit.REFERRALS)
    partner = session.get(Partner, data.partner_id)
    if partner is None:
        raise InvalidInput("partner_id", "no partner in the directory has this id")
    referral = Referral(
        case_id=case.id,
        partner_id=partner.id,
        purpose=data.purpose,
        status=ReferralStatus.DRAFT,
        created_by=actor_id,
    )
    session.add(referral)
    record_event(
        case,
        "referral_created",
        f"Referral to {partner.name} prepared.",
        session=session,
        actor_id=actor_id,
        detail={"referral_id": str(referral.id), "purpose": data.purpose},
    )
    return referral


def update_referral(
    case: Case,
    referral_id: uuid.UUID,
    data: ReferralUpdate,
    actor_id: uuid.UUID,
    *,
    session: Session,
) -> Referral:
    """Move a referral to its next status, if the lifecycle allows it."""
    referral = session.get(Referral, referral_id)
    if referral is None or referral.case_id != case.id:
        raise NotFound("This case has no referral with this id.")
    reason = refusal(ReferralStatus(referral.status), data.status)
    if reason:
        raise InvalidInput("status", reason)
    partner = session.get(Partner, referral.partner_id)
    referral.status, referral.note, referral.updated_at = data.status, data.note, utc_now()
    session.add(referral)
    record_event(
        case,
        "referral_updated",
        f"Referral to {partner.name if partner else 'a partner'}: {data.status.value}.",
        session=session,
        actor_id=actor_id,
        detail={"referral_id": str(referral.id), "note": data.note},
    )
    return referral


def referrals_of(case: Case, *, session: Session) -> list[Referral]:
    """The case's referrals, oldest first."""
    query = select(Referral).where(Referral.case_id == case.id)
    return list(session.exec(query.order_by(col(Referral.created_at))).all())
