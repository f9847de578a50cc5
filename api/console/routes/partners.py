"""The partner directory: staff read it; managers add partners to it."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette import status
from starlette.datastructures import FormData

from api.console.forms import attempt, countries
from api.console.pages import page, reader_language
from api.console.session import PATH, CheckedForm, ConsoleActor, ConsoleUser
from api.dependencies import SessionDep
from casework.actors import Action, Actor, is_allowed, require
from casework.models import User
from casework.services.partners import PartnerFilter, PartnerInput, add_partner, list_partners
from casework.services.units import unit_in_view
from casework.vocabulary import PartnerKind, PartnerService, Sector

router = APIRouter()


@router.get("/partners")
def directory(
    request: Request, user: ConsoleUser, actor: ConsoleActor, session: SessionDep
) -> Response:
    """The partners the reader's unit works with (the programme's managers: all of them)."""
    require(Action.READ_PARTNERS, actor)
    return _page(request, user, actor, session, given={}, problems={})


@router.post("/partners")
def add(
    request: Request, form: CheckedForm, user: ConsoleUser, actor: ConsoleActor, session: SessionDep
) -> Response:
    """Add a partner (managers): shared by the programme, or a unit manager's unit's own."""
    require(Action.MANAGE_PARTNERS, actor)
    given = _given(form)
    partner = PartnerInput.model_validate
    _, problems = attempt(lambda: add_partner(partner(given), session=session, actor=actor))
    if problems:
        return _page(request, user, actor, session, given=given, problems=problems)
    return RedirectResponse(f"{PATH}/partners?notice=added", status.HTTP_303_SEE_OTHER)


def _given(form: FormData) -> dict[str, Any]:
    given: dict[str, Any] = {
        "name": form.get("name", ""),
        "kind": form.get("kind", ""),
        "services": form.getlist("services"),
        "sectors": form.getlist("sectors"),
        "countries": form.getlist("countries"),
        "description": form.get("description", ""),
    }
    return given


def _page(
    request: Request,
    user: User,
    actor: Actor,
    session: SessionDep,
    *,
    given: dict[str, Any],
    problems: dict[str, str],
) -> Response:
    only = PartnerFilter(unit_id=unit_in_view(actor, None, session=session))
    context = {
        "partners": list_partners(session=session, only=only),
        "manages": is_allowed(Action.MANAGE_PARTNERS, actor),
        "kinds": list(PartnerKind),
        "services": list(PartnerService),
        "sectors": list(Sector),
        "countries": countries(reader_language(request)),
        "given": given,
        "problems": problems,
        "notice": request.query_params.get("notice", ""),
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return page(request, "partners.html.j2", context, user=user, status_code=code)
