"""Sending a referral: the move to `sent` and the partner's copy of the dossier, together.

The `send-referral` flow calls `commit_send`, which moves the referral (consent and
lifecycle checked again), records its event and keeps the data of the copy this
partner may read, pending its print, in the caller's one transaction. Sending a
referral already sent changes nothing. The print follows (`print_kept`, then
`keep_print`, in casework.dossier.keeping), as a moment's copies are printed.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from casework.dossier.keeping import WAITING, keep_partner_copy
from casework.errors import Conflict, GateClosed, NotFound
from casework.models import Case, Dossier, Partner, Referral
from casework.referral_lifecycle import refusal
from casework.services.consents import missing_consent
from casework.services.referrals import ReferralUpdate, update_referral
from casework.vocabulary import ReferralStatus


@dataclass(frozen=True)
class SendOutcome:
    """What a send did: sent with its copy kept, found sent already, or refused and why.

    Plain values only (the flow returns it as a dict), so any runner can carry it.
    """

    dossier_id: str | None = None
    already_sent: bool = False
    unmet: list[str] = field(default_factory=list)
    refusal: str | None = None
    # Scaled mode: the run had not committed when the request stopped waiting for it.
    under_way: bool = False
    # Scaled mode: the request was pinned to a version (If-Match) the case had left when
    # its run came to write it; nothing changed, and this is the case's version now.
    moved_on: int | None = None
    # Scaled mode: its runs died or failed this many times; the move was given up unmade.
    gave_up: int | None = None


def send_refusal(case: Case, referral: Referral, partner: Partner, *, session: Session) -> None:
    """Raise what stops the referral from being sent now (Conflict, GateClosed); read only."""
    reason = refusal(ReferralStatus(referral.status), ReferralStatus.SENT)
    if reason:
        raise Conflict(reason, field="status")
    missing = missing_consent(case.id, partner, session=session)
    if missing:
        raise GateClosed([missing])


def commit_send(
    referral_id: uuid.UUID,
    *,
    session: Session,
    actor_id: uuid.UUID | None,
    note: str = "",
    internal_note: str | None = None,
    flow_run_id: str | None = None,
) -> SendOutcome:
    """Move the referral to sent and keep the partner's copy, unless sent already or refused.

    The caller commits: the move, its event and the copy's data are one transaction.
    """
    referral = session.get(Referral, referral_id)
    if referral is None:
        raise NotFound("No referral with this id.")
    # The case is read first and the referral again after it: the write checks the version
    # read here, so a send committed by another run after this read makes this one start
    # over, and one committed before it shows in the referral read now.
    case = session.get(Case, referral.case_id)
    session.refresh(referral)
    if referral.dossier_id is not None:
        return SendOutcome(dossier_id=str(referral.dossier_id), already_sent=True)
    partner = session.get(Partner, referral.partner_id)
    assert case is not None, "a referral keeps its case"
    assert partner is not None, "a partner once referred to is never deleted"
    try:
        send_refusal(case, referral, partner, session=session)
    except GateClosed as closed:
        return SendOutcome(unmet=closed.unmet)
    except Conflict as clash:
        return SendOutcome(refusal=str(clash))
    update = ReferralUpdate(status=ReferralStatus.SENT, note=note, internal_note=internal_note)
    update_referral(case, referral.id, update, actor_id or referral.created_by, session=session)
    session.flush()
    kept = keep_partner_copy(case, referral, partner, session=session, flow_run_id=flow_run_id)
    referral.dossier_id = kept.id
    session.add(referral)
    session.flush()
    return SendOutcome(dossier_id=str(kept.id))


@dataclass(frozen=True)
class WaitingCopy:
    """A partner's copy still waiting for its print."""

    reference: str
    partner: str  # the partner's name
    dossier_id: str


def waiting_partner_copies(
    *, session: Session, kept_before: datetime | None = None
) -> list[WaitingCopy]:
    """Every partner's copy not yet printed (pending or failed; kept before `kept_before`)."""
    query = (
        select(Referral.dossier_id, Partner.name, Case.reference)
        .join(Partner, col(Partner.id) == col(Referral.partner_id))
        .join(Case, col(Case.id) == col(Referral.case_id))
        .join(Dossier, col(Dossier.id) == col(Referral.dossier_id))
        .where(col(Dossier.status).in_(WAITING))
        .order_by(col(Dossier.created_at))
    )
    if kept_before is not None:
        query = query.where(col(Dossier.created_at) < kept_before)
    rows = session.exec(query).all()
    return [WaitingCopy(ref, name, str(did)) for did, name, ref in rows]
