"""Sending a referral: the move to `sent` and the partner's copy of the dossier, together.

The `send-referral` flow calls `commit_send`, which moves the referral (consent and
lifecycle checked again), records its event and keeps the data of the copy this
partner may read, pending its print, in the caller's one transaction. Sending a
referral already sent changes nothing. The print follows (`kept_partner_context`,
then `keep_print`), as a moment's copies are printed.
"""

import uuid
from dataclasses import dataclass, field
from functools import cache

from pydantic import TypeAdapter
from sqlmodel import Session, col, select

from casework.dossier_audience import copy_for
from casework.errors import Conflict, GateClosed, NotFound
from casework.models import Case, Dossier, Partner, Referral
from casework.partner_dossier_context import (
    PartnerDossierContext,
    RequestedLine,
    financial_view,
    technical_view,
)
from casework.referral_lifecycle import refusal
from casework.services.consents import missing_consent
from casework.services.dossier import gather_dossier
from casework.services.referrals import ReferralUpdate, update_referral
from casework.vocabulary import Audience, DossierStatus, PartnerKind, ReferralStatus, Stage


@dataclass(frozen=True)
class SendOutcome:
    """What a send did: sent with its copy kept, found sent already, or refused and why.

    Plain values only (the flow returns it as a dict), so any runner can carry it.
    """

    dossier_id: str | None = None
    already_sent: bool = False
    unmet: list[str] = field(default_factory=list)
    refusal: str | None = None


@cache
def _context_data() -> TypeAdapter[PartnerDossierContext]:
    return TypeAdapter(PartnerDossierContext)


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
    if referral.dossier_id is not None:
        return SendOutcome(dossier_id=str(referral.dossier_id), already_sent=True)
    case = session.get(Case, referral.case_id)
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


def gather_partner_dossier(
    case: Case, referral: Referral, partner: Partner, *, session: Session
) -> PartnerDossierContext:
    """The view of the case this partner's kind needs, as the session sees it now."""
    full = gather_dossier(case, session=session, moment=f"Referral to {partner.name}")
    kind = PartnerKind(partner.kind)
    plan = full.plan if financial_view(kind) else None
    lines = []
    if plan is not None:
        lines = [
            RequestedLine(row.source, row.amount, row.amount / plan.eur_rate)
            for index, row in enumerate(plan.financing)
            if index in referral.financing_lines
        ]
    return PartnerDossierContext(
        generated_at=full.generated_at,
        moment=full.moment,
        partner_name=partner.name,
        partner_kind=kind.value,
        purpose=referral.purpose,
        case=full.case,
        project_leader=full.entrepreneur.full_name,
        assessment=full.assessment if technical_view(kind) else None,
        feasibility=full.feasibility if technical_view(kind) else None,
        plan=plan,
        requested_lines=lines,
    )


def keep_partner_copy(
    case: Case,
    referral: Referral,
    partner: Partner,
    *,
    session: Session,
    flow_run_id: str | None = None,
) -> Dossier:
    """Keep the partner's copy as data, pending its print; only what a partner may read."""
    context = gather_partner_dossier(case, referral, partner, session=session)
    kept = Dossier(
        case_id=case.id,
        moment=context.moment[:80],
        stage=Stage(case.stage),
        audience=Audience.PARTNER,
        status=DossierStatus.PENDING,
        data=_context_data().dump_python(copy_for(context, Audience.PARTNER), mode="json"),
        flow_run_id=flow_run_id,
        created_at=context.generated_at,
    )
    session.add(kept)
    return kept


def kept_partner_context(dossier: Dossier) -> PartnerDossierContext:
    """The data a kept partner's copy prints, as the send captured it."""
    if dossier.data is None or dossier.audience != Audience.PARTNER:
        raise ValueError(f"Dossier {dossier.id} is not a partner's copy kept as data.")
    return _context_data().validate_python(dossier.data)


@dataclass(frozen=True)
class WaitingCopy:
    """A partner's copy still waiting for its print."""

    reference: str
    partner: str  # the partner's name
    dossier_id: str


def waiting_partner_copies(*, session: Session) -> list[WaitingCopy]:
    """Every partner's copy not yet printed (pending or failed), oldest first."""
    rows = session.exec(
        select(Referral.dossier_id, Partner.name, Case.reference)
        .join(Partner, col(Partner.id) == col(Referral.partner_id))
        .join(Case, col(Case.id) == col(Referral.case_id))
        .join(Dossier, col(Dossier.id) == col(Referral.dossier_id))
        .where(col(Dossier.status) != DossierStatus.READY)
        .order_by(col(Dossier.created_at))
    ).all()
    return [WaitingCopy(ref, name, str(did)) for did, name, ref in rows]
