"""Requests to be forgotten, for managers to decide: each with what confirming it would erase
and what still stands in its way; confirmed (carried out at once) or declined with a reason,
as the API's /erasure-requests routes do."""

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from pydantic import Field
from sqlmodel import Session
from starlette import status

from api.console.forms import Filters, Problems, attempt, known_id
from api.console.pages import page
from api.console.session import PATH, CheckedForm, ConsoleActor, ConsoleUser
from api.dependencies import SessionDep
from casework.actors import Action, Actor, require
from casework.errors import GateClosed
from casework.models import User
from casework.services.erasure import (
    Decline,
    at_stake,
    confirm_erasure,
    decline_erasure,
    erasure_requests,
)
from casework.vocabulary import ErasureStatus

router = APIRouter()

PAGE = 50
RequestId = Annotated[str, Path(max_length=64)]


class RequestFilters(Filters):
    """The list's filters, as GET /erasure-requests takes them; empty keeps every request."""

    status: ErasureStatus | None = None
    page: int = Field(default=1, ge=1, le=10_000)


@router.get("/erasure-requests")
def requests_page(
    request: Request,
    filters: Annotated[RequestFilters, Query()],
    user: ConsoleUser,
    actor: ConsoleActor,
    session: SessionDep,
) -> Response:
    """The requests the manager decides on (their unit's people's), the longest waiting first."""
    require(Action.DECIDE_ERASURE, actor)
    return _page(request, user, actor, session, filters, problems={})


@router.post("/erasure-requests/{request_id}/confirm")
def confirm(
    request: Request,
    request_id: RequestId,
    _: CheckedForm,
    user: ConsoleUser,
    actor: ConsoleActor,
    session: SessionDep,
) -> Response:
    """Confirm the request and erase the person at once (cannot be undone); what still stands
    in the way is said on the request, and nothing is erased."""
    require(Action.DECIDE_ERASURE, actor)
    known = known_id(request_id, "request to be forgotten")
    try:
        confirm_erasure(known, actor, session=session)
    except GateClosed:
        # What stands in the way is read again for the page, and said on the request.
        session.rollback()
        filters = RequestFilters()
        code = status.HTTP_409_CONFLICT
        return _page(request, user, actor, session, filters, {}, blocked=str(known), code=code)
    return RedirectResponse(f"{PATH}/erasure-requests?notice=confirmed", status.HTTP_303_SEE_OTHER)


@router.post("/erasure-requests/{request_id}/decline")
def decline(
    request: Request,
    request_id: RequestId,
    form: CheckedForm,
    user: ConsoleUser,
    actor: ConsoleActor,
    session: SessionDep,
) -> Response:
    """Decline the request, saying why (the person may ask again)."""
    require(Action.DECIDE_ERASURE, actor)
    known = known_id(request_id, "request to be forgotten")
    reason = str(form.get("reason", ""))
    why = Decline.model_validate
    _, problems = attempt(
        lambda: decline_erasure(known, why({"reason": reason}), actor, session=session)
    )
    if problems:
        filters = RequestFilters()
        asked = str(known)
        return _page(request, user, actor, session, filters, problems, asked=asked, reason=reason)
    return RedirectResponse(f"{PATH}/erasure-requests?notice=declined", status.HTTP_303_SEE_OTHER)


def _page(
    request: Request,
    user: User,
    actor: Actor,
    session: Session,
    filters: RequestFilters,
    problems: Problems,
    *,
    asked: str = "",
    reason: str = "",
    blocked: str = "",
    code: int | None = None,
) -> Response:
    offset = (filters.page - 1) * PAGE
    found, total = erasure_requests(
        actor, session=session, status=filters.status, limit=PAGE, offset=offset
    )
    kept = filters.model_dump(mode="json", exclude_defaults=True, exclude={"page"})
    context = {
        "requests": at_stake(found, session=session),
        "total": total,
        "filters": filters,
        "statuses": list(ErasureStatus),
        "pages": [(n, urlencode({**kept, "page": n})) for n in range(1, -(-total // PAGE) + 1)],
        "asked": asked,
        "reason": reason,
        "blocked": blocked,
        "problems": problems,
        "notice": request.query_params.get("notice", ""),
    }
    if code is None:
        code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return page(request, "erasure.html.j2", context, user=user, status_code=code)
