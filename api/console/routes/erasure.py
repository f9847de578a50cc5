"""Requests to be forgotten, for managers to decide: each with what confirming it would erase
and what still stands in its way; confirmed (carried out at once) or declined with a reason,
as the API's /erasure-requests routes do."""

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query
from fastapi.responses import RedirectResponse, Response
from pydantic import Field
from starlette import status

from api.console.forms import Filters, Problems, attempt, known_id
from api.console.session import PATH, CheckedForm
from api.console.visit import ConsoleVisit, Visit
from casework.actors import Action, require
from casework.errors import GateClosed
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
def requests_page(filters: Annotated[RequestFilters, Query()], visit: ConsoleVisit) -> Response:
    """The requests the manager decides on (their unit's people's), the longest waiting first."""
    require(Action.DECIDE_ERASURE, visit.actor)
    return _page(visit, filters, problems={})


@router.post("/erasure-requests/{request_id}/confirm")
def confirm(request_id: RequestId, _: CheckedForm, visit: ConsoleVisit) -> Response:
    """Confirm the request and erase the person at once (cannot be undone); what still stands
    in the way is said on the request, and nothing is erased."""
    require(Action.DECIDE_ERASURE, visit.actor)
    known = known_id(request_id, "request to be forgotten")
    try:
        confirm_erasure(known, visit.actor, session=visit.session)
    except GateClosed:
        # What stands in the way is read again for the page, and said on the request.
        visit.session.rollback()
        code = status.HTTP_409_CONFLICT
        return _page(visit, RequestFilters(), {}, blocked=str(known), code=code)
    return RedirectResponse(f"{PATH}/erasure-requests?notice=confirmed", status.HTTP_303_SEE_OTHER)


@router.post("/erasure-requests/{request_id}/decline")
def decline(request_id: RequestId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Decline the request, saying why (the person may ask again)."""
    actor, session = visit.actor, visit.session
    require(Action.DECIDE_ERASURE, actor)
    known = known_id(request_id, "request to be forgotten")
    reason = str(form.get("reason", ""))
    why = Decline.model_validate
    _, problems = attempt(
        lambda: decline_erasure(known, why({"reason": reason}), actor, session=session)
    )
    if problems:
        return _page(visit, RequestFilters(), problems, asked=str(known), reason=reason)
    return RedirectResponse(f"{PATH}/erasure-requests?notice=declined", status.HTTP_303_SEE_OTHER)


def _page(
    visit: Visit,
    filters: RequestFilters,
    problems: Problems,
    *,
    asked: str = "",
    reason: str = "",
    blocked: str = "",
    code: int | None = None,
) -> Response:
    session, offset = visit.session, (filters.page - 1) * PAGE
    found, total = erasure_requests(
        visit.actor, session=session, status=filters.status, limit=PAGE, offset=offset
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
        "notice": visit.notice,
    }
    if code is None:
        code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("erasure.html.j2", context, status_code=code)
