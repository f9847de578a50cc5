"""Being forgotten: a person asks; a manager confirms (and it is done) or declines."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from api.dependencies import ActorDep, SessionDep
from api.openapi_answers import answer
from api.parameters import PageLimit, PageOffset
from api.permissions import permit
from api.schemas import ErasureRequestList, ErasureRequestPublic
from casework.actors import Action
from casework.services.erasure import (
    Decline,
    ask_to_be_forgotten,
    confirm_erasure,
    decline_erasure,
    erasure_requests,
)
from casework.vocabulary import ErasureStatus

router = APIRouter(tags=["accounts"])

RequestId = Annotated[uuid.UUID, Path(description="The request's id.")]


@router.post(
    "/auth/me/erasure",
    status_code=status.HTTP_201_CREATED,
    response_model=ErasureRequestPublic,
    dependencies=[permit(Action.ASK_ERASURE)],
    responses={200: {"description": "A request of theirs already waits: this one."}},
)
def ask_erasure(actor: ActorDep, session: SessionDep, response: Response) -> object:
    """Ask the unit to forget you: a manager confirms it once none of your cases is open
    (withdraw them, or wait for them to end), and then your name, contact and everything
    written on your cases are erased; the unit's counts keep your case without them."""
    request, new = ask_to_be_forgotten(actor, session=session)
    if not new:
        response.status_code = status.HTTP_200_OK
    return request


@router.get(
    "/erasure-requests",
    response_model=ErasureRequestList,
    dependencies=[permit(Action.DECIDE_ERASURE)],
)
def list_erasure_requests(
    actor: ActorDep,
    session: SessionDep,
    status: ErasureStatus | None = None,
    limit: PageLimit = 50,
    offset: PageOffset = 0,
) -> object:
    """Requests to be forgotten, the longest waiting first; filter by status. A unit's
    manager sees their unit's people's requests; the programme's manager, everyone's."""
    items, total = erasure_requests(
        actor, session=session, status=status, limit=limit, offset=offset
    )
    return ErasureRequestList(
        items=[ErasureRequestPublic.model_validate(i) for i in items], total=total
    )


@router.post(
    "/erasure-requests/{request_id}/confirm",
    response_model=ErasureRequestPublic,
    dependencies=[permit(Action.DECIDE_ERASURE)],
    responses=answer(404, 409),
)
def confirm(request_id: RequestId, actor: ActorDep, session: SessionDep) -> object:
    """Confirm and carry out the erasure; 409 lists what stands in the way (open cases,
    moves under way). Cannot be undone."""
    return confirm_erasure(request_id, actor, session=session)


@router.post(
    "/erasure-requests/{request_id}/decline",
    response_model=ErasureRequestPublic,
    dependencies=[permit(Action.DECIDE_ERASURE)],
    responses=answer(404, 409),
)
def decline(request_id: RequestId, body: Decline, actor: ActorDep, session: SessionDep) -> object:
    """Decline the request, saying why (the person may ask again)."""
    return decline_erasure(request_id, body, actor, session=session)
