"""Referrals of a case to partners, along their lifecycle."""

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Response, status
from pydantic import Field
from sqlmodel import Session

from api.dependencies import ActorDep, SessionDep
from api.error_bodies import ConflictAnswer, Refusal
from api.permissions import case_with
from api.schemas import Public
from casework.actors import Action, Actor
from casework.errors import Gone, NotFound, NotReady
from casework.models import Case, Dossier, Partner, Referral
from casework.personal_data import PARTNER_DOSSIER
from casework.services.referrals import (
    ReferralInput,
    ReferralUpdate,
    check_update,
    create_referral,
    referral_of,
    referrals_of,
    update_referral,
)
from casework.vocabulary import DossierStatus, PartnerKind, ReferralStatus
from flows.launcher import request_send_referral

router = APIRouter(tags=["referrals"])


class ReferralPublic(Public):
    id: uuid.UUID
    case_id: uuid.UUID
    partner_id: uuid.UUID
    purpose: str
    status: str
    note: str
    flags: list[str] = Field(
        description="What the advisor must look at: consent withdrawn after sending, "
        "a decline or completion whose record is to complete."
    )
    financing_lines: list[int] = Field(
        description="The plan's financing lines asked for, by their index in `financing`."
    )
    amount_offered: float | None = Field(description="On accepted, in the plan's currency.")
    decline_reason: str | None
    outcome: dict[str, Any] | None = Field(
        description="On completion: amount_granted, instrument, terms; or services_delivered."
    )
    dossier_id: uuid.UUID | None = Field(description="The partner's dossier kept when sent.")
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    acknowledged_at: datetime | None
    answered_at: datetime | None
    closed_at: datetime | None


class ReferralForStaff(ReferralPublic):
    """A referral as staff read it: with the note written by staff for staff."""

    internal_note: str


ReferralView = ReferralForStaff | ReferralPublic


def _view(referral: Referral, actor: Actor) -> ReferralView:
    # The entrepreneur's answer has no internal note at all, not even an empty one.
    if actor.is_staff:
        return ReferralForStaff.model_validate(referral)
    return ReferralPublic.model_validate(referral)


@router.get("/cases/{case_id}/referrals", response_model=list[ReferralView])
def referrals(
    case: Annotated[Case, case_with(Action.READ_CASE)], actor: ActorDep, session: SessionDep
) -> object:
    """The case's referrals; `internal_note` for staff only."""
    return [_view(referral, actor) for referral in referrals_of(case, session=session)]


@router.post(
    "/cases/{case_id}/referrals", status_code=status.HTTP_201_CREATED, response_model=ReferralView
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
    return _view(referral, actor)


_SENDING: dict[int | str, dict[str, Any]] = {
    202: {
        "model": ReferralView,
        "description": "Scaled mode: the send's flow run had not committed when the request "
        "stopped waiting; the referral, still a draft until it does.",
    }
}


@router.patch(
    "/cases/{case_id}/referrals/{referral_id}", response_model=ReferralView, responses=_SENDING
)
def patch_referral(
    referral_id: uuid.UUID,
    body: ReferralUpdate,
    case: Annotated[Case, case_with(Action.REFER)],
    actor: ActorDep,
    session: SessionDep,
    answer: Response,
) -> object:
    """Move a referral along draft → sent → acknowledged → accepted | declined → completed.

    On accepted, `amount_offered`; on declined, `decline_reason`; on completed, `outcome`.
    A decline or completion without them is flagged until the same status is sent again
    with them. 409 names the allowed next states.
    """
    referral, under_way = move_referral(case, referral_id, body, actor, session)
    if under_way:
        # Scaled mode: the send's run has not committed yet; the referral is still a draft.
        answer.status_code = status.HTTP_202_ACCEPTED
    return _view(referral, actor)


def move_referral(
    case: Case, referral_id: uuid.UUID, body: ReferralUpdate, actor: Actor, session: Session
) -> tuple[Referral, bool]:
    """Move the referral on; sending it runs the send-referral flow. The referral, and whether
    its send is still under way (scaled mode)."""
    if body.status != ReferralStatus.SENT:
        referral = update_referral(case, referral_id, body, actor.id, session=session)
        session.flush()
        return referral, False
    # Sending runs the send-referral flow, which keeps the partner's copy of the dossier.
    partner = session.get(Partner, referral_of(case, referral_id, session=session).partner_id)
    assert partner is not None, "a partner once referred to is never deleted"
    check_update(body, PartnerKind(partner.kind))
    # The flow opens sessions of its own: hold no connection while it runs.
    case_id = case.id
    session.close()
    sent = request_send_referral(
        case_id, referral_id, actor_id=actor.id, note=body.note, internal_note=body.internal_note
    )
    return referral_of(case, referral_id, session=session), sent.under_way


_KEPT_PDF: dict[int | str, dict[str, Any]] = {
    "200": {"content": {"application/pdf": {}}, "description": "The partner's PDF dossier."},
    409: {
        "model": ConflictAnswer,
        "description": "Not printed yet: pending (the Retry-After header says when to ask "
        "again), or failed (printed again when casework restarts).",
        "headers": {"Retry-After": {"description": "Seconds", "schema": {"type": "integer"}}},
    },
    410: {
        "model": Refusal,
        "description": "The copy was erased: its person asked to be forgotten.",
    },
}


@router.get(
    "/cases/{case_id}/referrals/{referral_id}/dossier.pdf",
    response_class=Response,
    responses=_KEPT_PDF,
)
def referral_dossier(
    referral_id: uuid.UUID,
    case: Annotated[Case, case_with(Action.READ_CASE, personal=PARTNER_DOSSIER)],
    session: SessionDep,
) -> Response:
    """The partner's copy of the dossier kept when the referral was sent, exactly as printed."""
    referral = referral_of(case, referral_id, session=session)
    dossier = session.get(Dossier, referral.dossier_id) if referral.dossier_id else None
    if dossier is None:
        raise NotFound("This referral has not been sent: no dossier was shared with the partner.")
    if dossier.status == DossierStatus.ERASED:
        raise Gone("This copy was erased: its person asked to be forgotten.")
    if dossier.status == DossierStatus.PENDING:
        raise NotReady("This dossier is being printed; ask again shortly.", retry_after=2)
    if dossier.status == DossierStatus.FAILED or dossier.content is None:
        raise NotReady(
            "This dossier could not be printed yet; it is printed again when casework restarts."
        )
    assert dossier.sha256 is not None
    return Response(
        dossier.content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'inline; filename="{case.reference}-referral.pdf"',
            "X-Content-SHA256": dossier.sha256,
        },
    )
