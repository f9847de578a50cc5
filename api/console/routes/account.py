"""The signed-in person's own account: an entrepreneur's profile and language, their data to
take away and their request to be forgotten; everyone's password."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from starlette import status
from starlette.datastructures import FormData

from api.console.forms import attempt, countries, problems_of
from api.console.pages import reader_language
from api.console.session import PATH, CheckedForm, ConsoleUser, sign_out_cookie
from api.console.visit import ConsoleVisit, Visit
from api.dependencies import SessionDep, actor_of
from api.routes.own_data import own_data_export
from casework.actors import Action, is_allowed, require
from casework.errors import InvalidInput
from casework.models import EntrepreneurProfile, User
from casework.personal_data import PROFILE
from casework.services.access_log import record_read
from casework.services.cases import today
from casework.services.erasure import ask_to_be_forgotten, latest_request_of
from casework.services.users import (
    PasswordChange,
    ProfileInput,
    change_password,
    update_own_profile,
)
from casework.sign_in_throttle import Attempt, record_failure, seconds_to_wait
from casework.vocabulary import Gender, Language, Role

router = APIRouter()
_PROFILE_FIELDS = ("gender", "country_of_residence", "country_of_origin", "preferred_language")


@router.get("/account")
def account_page(visit: ConsoleVisit) -> Response:
    """The person's account (an entrepreneur's profile: its read is logged, as the API's)."""
    given = _profile_read(visit.user, "GET /app/account", visit.session)
    return _page(visit, given, problems={})


def _profile_read(user: User, route: str, session: SessionDep) -> dict[str, Any]:
    """An entrepreneur's profile as the page shows it, its read logged under `route`."""
    if user.role != Role.ENTREPRENEUR:
        return {}
    profile = session.get(EntrepreneurProfile, user.id)
    record_read(actor_of(user), user.id, PROFILE, route=route, session=session)
    return profile.model_dump(mode="json", warnings=False) if profile else {}


@router.get("/account/export")
def export(user: ConsoleUser, session: SessionDep) -> Response:
    """Everything casework keeps about the person that they may see, as a JSON file to keep:
    the API's GET /auth/me/export, its read logged the same way."""
    data = own_data_export(user, route="GET /app/account/export", session=session)
    name = f"casework-export-{today().isoformat()}.json"
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"}
    return Response(data.model_dump_json(), media_type="application/json", headers=headers)


@router.post("/account/erasure")
def ask_erasure(form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Ask the unit to forget the person (entrepreneurs), once they said they understand what
    follows; asking again while a request waits finds that one."""
    require(Action.ASK_ERASURE, visit.actor)
    if form.get("understood") != "yes":
        given = _profile_read(visit.user, "POST /app/account/erasure", visit.session)
        return _page(visit, given, problems={"understood": "required"})
    _, new = ask_to_be_forgotten(visit.actor, session=visit.session)
    notice = "erasure_asked" if new else "erasure_waiting"
    return RedirectResponse(f"{PATH}/account?notice={notice}", status.HTTP_303_SEE_OTHER)


@router.post("/account/profile")
def save_profile(form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Replace the entrepreneur's profile; their pages then speak the language they chose."""
    user, session = visit.user, visit.session
    given = _profile_of(form)
    profile = ProfileInput.model_validate
    _, problems = attempt(lambda: update_own_profile(user, profile(given), session=session))
    if problems:
        return _page(visit, given, problems=problems)
    return RedirectResponse(f"{PATH}/account?notice=saved", status.HTTP_303_SEE_OTHER)


def _profile_of(form: FormData) -> dict[str, Any]:
    given: dict[str, Any] = {
        name: form[name] for name in _PROFILE_FIELDS if str(form.get(name, "")).strip()
    }
    diaspora = form.get("diaspora")
    if diaspora in ("true", "false"):
        given["diaspora"] = diaspora == "true"
    return given


@router.post("/account/password")
def new_password(form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Change the password; every session and token issued before ends, this one too."""
    request, user, session = visit.request, visit.user, visit.session
    attempt = Attempt(user.email, request.client.host if request.client else "")
    wait = seconds_to_wait(attempt, session=session)
    if wait:
        problem = f"Too many failed sign-ins: try again in {-(-wait // 60)} minute(s)."
        return _page(visit, {}, problems={"current_password": problem})
    given = {name: str(form.get(name, "")) for name in ("current_password", "new_password")}
    try:
        change_password(user, PasswordChange.model_validate(given), session=session)
    except ValidationError as wrong:
        return _page(visit, {}, problems=problems_of(wrong))
    except InvalidInput as wrong:
        if wrong.field == "current_password":
            record_failure(attempt, session=session)
        return _page(visit, {}, problems={wrong.field: wrong.reason})
    answer = RedirectResponse(f"{PATH}/login?changed=1", status.HTTP_303_SEE_OTHER)
    sign_out_cookie(answer)
    return answer


def _page(visit: Visit, given: dict[str, Any], *, problems: dict[str, str]) -> Response:
    asks = is_allowed(Action.ASK_ERASURE, visit.actor)
    context = {
        "asks_erasure": asks,
        "erasure": latest_request_of(visit.user.id, session=visit.session) if asks else None,
        "given": given,
        "problems": problems,
        "genders": list(Gender),
        "languages": list(Language),
        "countries": countries(reader_language(visit.request)),
        "notice": visit.notice,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("account.html.j2", context, status_code=code)
