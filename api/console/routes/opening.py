"""Opening a case: an entrepreneur's first act."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette import status

from api.console.forms import FormProblems, countries, read_form
from api.console.pages import page, reader_language
from api.console.session import PATH, CheckedForm, ConsoleActor, ConsoleUser
from api.dependencies import SessionDep
from casework.actors import Action, require
from casework.errors import InvalidInput
from casework.models import User
from casework.services.cases import CaseCreate, open_case
from casework.vocabulary import Sector

router = APIRouter()

_FIELDS = ("title", "sector", "country", "summary")


@router.get("/cases/new")
def new_case_page(request: Request, user: ConsoleUser, actor: ConsoleActor) -> Response:
    """The form that opens a case in reception."""
    require(Action.OPEN_CASE, actor)
    return _form(request, user, given={}, problems={})


@router.post("/cases/new")
def new_case(
    request: Request, form: CheckedForm, user: ConsoleUser, actor: ConsoleActor, session: SessionDep
) -> Response:
    """Open the case, then show it."""
    require(Action.OPEN_CASE, actor)
    given = {name: str(form.get(name, "")) for name in _FIELDS}
    try:
        case = open_case(read_form(CaseCreate, form, fields=_FIELDS), actor, session=session)
    except FormProblems as wrong:
        return _form(request, user, given=given, problems=wrong.problems)
    except InvalidInput as wrong:
        return _form(request, user, given=given, problems={wrong.field: wrong.reason})
    return RedirectResponse(f"{PATH}/cases/{case.id}", status.HTTP_303_SEE_OTHER)


def _form(
    request: Request, user: User, *, given: dict[str, str], problems: dict[str, str]
) -> Response:
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    context = {
        "given": given,
        "problems": problems,
        "sectors": list(Sector),
        "countries": countries(reader_language(request)),
    }
    return page(request, "new_case.html.j2", context, user=user, status_code=code)
