"""The entrepreneur's consent to share their dossier with a partner."""

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Response, status

from api.dependencies import ActorDep, SessionDep
from api.permissions import case_with
from api.schemas import Public
from casework.actors import Action
from casework.models import Case
from casework.services.consents import (
    ConsentInput,
    consents_of,
    give_consent,
    withdraw_consent,
)

router = APIRouter(prefix="/cases/{case_id}", tags=["consents"])


class ConsentPublic(Public):
    id: uuid.UUID
    partner_id: uuid.UUID
    given_at: datetime
    withdrawn_at: datetime | None = None


@router.post("/consents", status_code=status.HTTP_201_CREATED, response_model=ConsentPublic)
def post_consent(
    body: ConsentInput,
    case: Annotated[Case, case_with(Action.CONSENT)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """The entrepreneur consents to sharing their dossier with one partner."""
    consent = give_consent(case, body, actor.id, session=session)
    session.flush()
    return consent


@router.get("/consents", response_model=list[ConsentPublic])
def consents(case: Annotated[Case, case_with(Action.READ_CASE)], session: SessionDep) -> object:
    """Every consent of the case, standing or withdrawn (`withdrawn_at`), oldest first."""
    return consents_of(case, session=session)


@router.delete("/consents/{consent_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_consent(
    consent_id: uuid.UUID,
    case: Annotated[Case, case_with(Action.CONSENT)],
    actor: ActorDep,
    session: SessionDep,
) -> Response:
    """Withdraw a consent: kept as history; referrals already sent are flagged for the advisor."""
    withdraw_consent(case, consent_id, actor.id, session=session)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
