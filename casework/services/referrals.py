"""Referrals: a case sent to a partner, along the referral lifecycle."""

import uuid

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, col, select

from casework.errors import GateClosed, InvalidInput, NotFound
from casework.models import Case, Partner, Referral
from casework.models.columns import utc_now
from casework.referral_lifecycle import refusal
from casework.services.cases import require_edit
from casework.services.consents import missing_consent
from casework.services.timeline import record_event
from casework.stages import Edit
from casework.vocabulary import ReferralStatus


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
    assert partner is not None, "a partner once referred to is never deleted"
    if data.status == ReferralStatus.SENT:
        missing = missing_consent(case.id, partner, session=session)
        if missing:
            raise GateClosed([missing])
    referral.status, referral.note, referral.updated_at = data.status, data.note, utc_now()
    session.add(referral)
    record_event(
        case,
        "referral_updated",
        f"Referral to {partner.name}: {data.status.value}.",
        session=session,
        actor_id=actor_id,
        detail={"referral_id": str(referral.id), "note": data.note},
    )
    return referral


def referrals_of(case: Case, *, session: Session) -> list[Referral]:
    """The case's referrals, oldest first."""
    query = select(Referral).where(Referral.case_id == case.id)
    return list(session.exec(query.order_by(col(Referral.created_at))).all())
