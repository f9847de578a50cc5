"""Referrals: a case sent to a partner, along the referral lifecycle, until it closes.

Each answer a partner gives is recorded with the move (the amount offered, the
reason for declining, the outcome); a decline or completion recorded without it
is flagged for the advisor, who completes the record later with the same status.
"""

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from sqlmodel import Session, col, select

from casework.errors import Conflict, GateClosed, InvalidInput, NotFound
from casework.models import Case, Partner, Referral
from casework.models.columns import utc_now
from casework.referral_lifecycle import (
    INCOMPLETE_RECORD,
    RECORDED_ANSWERS,
    Answer,
    default_lines,
    line_refusal,
    misplaced,
    missing_record,
    outcome_gaps,
    refusal,
)
from casework.services.cases import require_edit
from casework.services.consents import missing_consent
from casework.services.plans import current_plan
from casework.services.timeline import record_event
from casework.stages import Edit
from casework.vocabulary import PartnerKind, ReferralStatus

_STRICT = ConfigDict(extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)
Service = Annotated[str, StringConstraints(strip_whitespace=True, min_length=2, max_length=200)]


class ReferralInput(BaseModel):
    """Refer the case to a partner, saying what for."""

    model_config = _STRICT

    partner_id: uuid.UUID
    purpose: str = Field(min_length=3, max_length=5_000)
    financing_lines: list[int] | None = Field(
        default=None,
        max_length=50,
        description="The plan's financing lines asked for, by their index in `financing`; "
        "by default, the lines whose source the partner's services can fund.",
    )
    internal_note: str = Field(default="", max_length=5_000, description="Read by staff only.")


class OutcomeInput(BaseModel):
    """What came of a completed referral: financing granted, or services delivered."""

    model_config = _STRICT

    amount_granted: float | None = Field(default=None, ge=0, description="In the plan's currency")
    instrument: str | None = Field(default=None, min_length=2, max_length=100)
    terms: str | None = Field(default=None, max_length=2_000)
    services_delivered: list[Service] | None = Field(default=None, max_length=20)


class ReferralUpdate(BaseModel):
    """Move a referral along its lifecycle, with what the partner's answer records."""

    model_config = _STRICT

    status: ReferralStatus
    note: str = Field(default="", max_length=5_000)
    internal_note: str | None = Field(default=None, max_length=5_000)
    amount_offered: float | None = Field(
        default=None, gt=0, description="On accepted: the amount offered, in the plan's currency"
    )
    decline_reason: str | None = Field(default=None, min_length=3, max_length=2_000)
    outcome: OutcomeInput | None = None


def create_referral(
    case: Case, data: ReferralInput, actor_id: uuid.UUID, *, session: Session
) -> Referral:
    """A draft referral of the case to a partner (cases in linkage or follow-up)."""
    require_edit(case, Edit.REFERRALS)
    partner = session.get(Partner, data.partner_id)
    if partner is None or not partner.serves_unit(case.unit_id):
        raise InvalidInput("partner_id", "no partner in the directory has this id")
    if not partner.active:
        raise InvalidInput("partner_id", f"{partner.name} is no longer an active partner")
    referral = Referral(
        case_id=case.id,
        partner_id=partner.id,
        purpose=data.purpose,
        status=ReferralStatus.DRAFT,
        internal_note=data.internal_note,
        financing_lines=_asked_lines(case, partner, data.financing_lines, session=session),
        created_by=actor_id,
    )
    session.add(referral)
    record_event(
        case,
        "referral_created",
        f"Referral to {partner.name} prepared.",
        session=session,
        actor_id=actor_id,
        detail={"referral_id": str(referral.id)},
        texts={"purpose": data.purpose},
    )
    return referral


def _asked_lines(
    case: Case, partner: Partner, asked: list[int] | None, *, session: Session
) -> list[int]:
    plan = current_plan(case, session=session)
    sources = [line["source"] for line in plan.body.get("financing", [])] if plan else []
    if asked is None:
        return default_lines(sources, partner.services)
    for index in asked:
        reason = line_refusal(sources, index)
        if reason:
            raise InvalidInput("financing_lines", reason)
    return sorted(set(asked))


def update_referral(
    case: Case,
    referral_id: uuid.UUID,
    data: ReferralUpdate,
    actor_id: uuid.UUID,
    *,
    session: Session,
) -> Referral:
    """Move a referral to its next status, if the lifecycle allows it, recording the answer.

    The same status again completes the record of a decline or completion. The move to
    sent is made by the send-referral flow (`referral_sending.commit_send`), which keeps
    the partner's copy of the dossier in the same transaction.
    """
    referral = referral_of(case, referral_id, session=session)
    partner = session.get(Partner, referral.partner_id)
    assert partner is not None, "a partner once referred to is never deleted"
    current, wanted = ReferralStatus(referral.status), data.status
    answer = _answer(data)
    # The same status again, with something to record, completes a decline's or completion's.
    completing = (
        wanted == current
        and current in RECORDED_ANSWERS
        and (answer.decline_reason is not None or answer.has_outcome)
    )
    if not completing:
        reason = refusal(current, wanted)
        if reason:
            raise Conflict(reason, field="status")
    _check_answer(wanted, PartnerKind(partner.kind), answer)
    if wanted == ReferralStatus.SENT:
        missing = missing_consent(case.id, partner, session=session)
        if missing:
            raise GateClosed([missing])
    now = utc_now()
    if not completing:
        _move(referral, wanted, now)
        referral.note = data.note
    elif data.note:
        referral.note = data.note
    if data.internal_note is not None:
        referral.internal_note = data.internal_note
    _record_answer(referral, wanted, answer)
    referral.updated_at = now
    session.add(referral)
    record_event(
        case,
        "referral_record_completed" if completing else "referral_updated",
        f"Referral to {partner.name}: "
        + ("record completed." if completing else f"{wanted.value}."),
        session=session,
        actor_id=actor_id,
        detail={"referral_id": str(referral.id), "status": wanted.value},
        texts={"note": data.note},
        at=now,
    )
    return referral


def check_update(data: ReferralUpdate, kind: PartnerKind) -> None:
    """Raise InvalidInput for any part of the answer the move does not take (read only)."""
    _check_answer(data.status, kind, _answer(data))


def _answer(data: ReferralUpdate) -> Answer:
    outcome = data.outcome
    return Answer(
        amount_offered=data.amount_offered,
        decline_reason=data.decline_reason,
        amount_granted=outcome.amount_granted if outcome else None,
        instrument=outcome.instrument if outcome else None,
        terms=outcome.terms if outcome else None,
        services_delivered=tuple(outcome.services_delivered)
        if outcome and outcome.services_delivered is not None
        else None,
    )


def _check_answer(status: ReferralStatus, kind: PartnerKind, answer: Answer) -> None:
    for name, reason in misplaced(status, answer):
        raise InvalidInput(name, reason)
    if answer.has_outcome:
        for name, reason in outcome_gaps(kind, answer):
            raise InvalidInput(name, reason)


def _move(referral: Referral, status: ReferralStatus, now: datetime) -> None:
    referral.status = status
    if status == ReferralStatus.SENT:
        referral.sent_at = now
    if status == ReferralStatus.ACKNOWLEDGED:
        referral.acknowledged_at = now
    if status in (ReferralStatus.ACCEPTED, ReferralStatus.DECLINED):
        referral.answered_at = now
    if status in (ReferralStatus.DECLINED, ReferralStatus.COMPLETED, ReferralStatus.WITHDRAWN):
        referral.closed_at = now


def _record_answer(referral: Referral, status: ReferralStatus, answer: Answer) -> None:
    if answer.amount_offered is not None:
        referral.amount_offered = answer.amount_offered
    if answer.decline_reason is not None:
        referral.decline_reason = answer.decline_reason
    if answer.has_outcome:
        referral.outcome = {
            "amount_granted": answer.amount_granted,
            "instrument": answer.instrument,
            "terms": answer.terms,
            "services_delivered": list(answer.services_delivered or []),
        }
    recorded = Answer(
        decline_reason=referral.decline_reason,
        amount_granted=(referral.outcome or {}).get("amount_granted"),
        instrument=(referral.outcome or {}).get("instrument"),
        terms=(referral.outcome or {}).get("terms"),
        services_delivered=tuple((referral.outcome or {}).get("services_delivered") or ()) or None,
    )
    kept = [flag for flag in referral.flags if not flag.startswith(INCOMPLETE_RECORD)]
    flag = missing_record(status, recorded)
    referral.flags = [*kept, flag] if flag else kept


def referral_of(case: Case, referral_id: uuid.UUID, *, session: Session) -> Referral:
    """The case's referral with this id; NotFound for any other."""
    referral = session.get(Referral, referral_id)
    if referral is None or referral.case_id != case.id:
        raise NotFound("This case has no referral with this id.")
    return referral


def referrals_of(case: Case, *, session: Session) -> list[Referral]:
    """The case's referrals, oldest first."""
    query = select(Referral).where(Referral.case_id == case.id)
    return list(session.exec(query.order_by(col(Referral.created_at))).all())
