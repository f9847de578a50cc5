"""The entrepreneur's consent to share their dossier with a partner, given and withdrawn.

Nothing is shared with a partner without a standing consent (a referral cannot be
sent); a consent withdrawn is kept with the moment it was withdrawn, and flags
every referral already sent to that partner for the advisor.
"""

import uuid

from pydantic import BaseModel, ConfigDict
from sqlalchemy import Exists, exists
from sqlmodel import Session, col, select

from casework.errors import Conflict, InvalidInput, NotFound
from casework.models import Case, Consent, Partner, Referral
from casework.models.columns import utc_now
from casework.referral_lifecycle import HOLDING_DOSSIER
from casework.services.timeline import record_event


class ConsentInput(BaseModel):
    """The partner the entrepreneur agrees to share their dossier with."""

    model_config = ConfigDict(extra="forbid")

    partner_id: uuid.UUID


def give_consent(
    case: Case, data: ConsentInput, actor_id: uuid.UUID, *, session: Session
) -> Consent:
    """Record the entrepreneur's consent to share their dossier with the partner."""
    partner_id = data.partner_id
    partner = session.get(Partner, partner_id)
    if partner is None or not partner.serves_unit(case.unit_id):
        raise InvalidInput("partner_id", "no partner in the directory has this id")
    if standing_consent(case.id, partner_id, session=session) is not None:
        raise Conflict(
            f"Consent to share the dossier with {partner.name} is already given.",
            field="partner_id",
        )
    consent = Consent(case_id=case.id, partner_id=partner_id, given_by=actor_id)
    session.add(consent)
    record_event(
        case,
        "consent_given",
        f"The entrepreneur agreed to share their dossier with {partner.name}.",
        session=session,
        actor_id=actor_id,
        detail={"consent_id": str(consent.id), "partner_id": str(partner_id)},
    )
    return consent


def withdraw_consent(
    case: Case, consent_id: uuid.UUID, actor_id: uuid.UUID, *, session: Session
) -> Consent:
    """Withdraw a consent (a second withdrawal changes nothing); flag what was already sent."""
    consent = session.get(Consent, consent_id)
    if consent is None or consent.case_id != case.id:
        raise NotFound("This case has no consent with this id.")
    if consent.withdrawn_at is not None:
        return consent
    consent.withdrawn_at = utc_now()
    session.add(consent)
    partner = session.get(Partner, consent.partner_id)
    name = partner.name if partner else "the partner"
    flagged = _flag_shared_referrals(case, consent, name, session=session)
    record_event(
        case,
        "consent_withdrawn",
        f"The entrepreneur withdrew their consent to share their dossier with {name}; "
        "nothing more is shared with them.",
        session=session,
        actor_id=actor_id,
        detail={
            "consent_id": str(consent.id),
            "partner_id": str(consent.partner_id),
            "flagged_referral_ids": [str(r.id) for r in flagged],
        },
        at=consent.withdrawn_at,
    )
    return consent


def _flag_shared_referrals(
    case: Case, consent: Consent, partner_name: str, *, session: Session
) -> list[Referral]:
    shared = session.exec(
        select(Referral).where(
            Referral.case_id == case.id,
            Referral.partner_id == consent.partner_id,
            col(Referral.status).in_(HOLDING_DOSSIER),
        )
    ).all()
    assert consent.withdrawn_at is not None
    flag = (
        f"Consent withdrawn on {consent.withdrawn_at.date().isoformat()}: "
        f"{partner_name} already holds the dossier; nothing more may be shared with them."
    )
    for referral in shared:
        referral.flags = [*referral.flags, flag]
        referral.updated_at = consent.withdrawn_at
        session.add(referral)
    return list(shared)


def consents_of(case: Case, *, session: Session) -> list[Consent]:
    """Every consent of the case, standing or withdrawn, oldest first."""
    query = select(Consent).where(Consent.case_id == case.id)
    return list(session.exec(query.order_by(col(Consent.given_at))).all())


def standing_consent(
    case_id: uuid.UUID, partner_id: uuid.UUID, *, session: Session
) -> Consent | None:
    """The consent now standing for sharing the case's dossier with the partner, if any."""
    return session.exec(
        select(Consent).where(
            Consent.case_id == case_id,
            Consent.partner_id == partner_id,
            col(Consent.withdrawn_at).is_(None),
        )
    ).first()


def consent_stands_for_referral() -> Exists:
    """SQL: a consent stands for the referral's partner on the referral's case (correlated)."""
    return exists().where(
        col(Consent.case_id) == col(Referral.case_id),
        col(Consent.partner_id) == col(Referral.partner_id),
        col(Consent.withdrawn_at).is_(None),
    )


def missing_consent(case_id: uuid.UUID, partner: Partner, *, session: Session) -> str | None:
    """What is missing before the case's dossier may go to `partner`; None when nothing is."""
    if standing_consent(case_id, partner.id, session=session) is not None:
        return None
    return (
        f"The entrepreneur has not consented to sharing their dossier with {partner.name}: "
        "they record it with POST /cases/{id}/consents before the referral is sent."
    )
