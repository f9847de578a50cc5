"""Opening a case: an entrepreneur's first act."""

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette import status

from api.console.forms import FormProblems, countries, read_form
from api.console.pages import reader_language
from api.console.session import PATH, CheckedForm
from api.console.visit import ConsoleVisit, Visit
from casework.actors import Action, require
from casework.errors import InvalidInput
from casework.services.cases import CaseCreate, open_case
from casework.vocabulary import Sector

router = APIRouter()

_FIELDS = ("title", "sector", "country", "summary")


@router.get("/cases/new")
def new_case_page(visit: ConsoleVisit) -> Response:
    """The form that opens a case in reception."""
    require(Action.OPEN_CASE, visit.actor)
    return _form(visit, given={}, problems={})


@router.post("/cases/new")
def new_case(form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Open the case, then show it."""
    actor, session = visit.actor, visit.session
    require(Action.OPEN_CASE, actor)
    given = {name: str(form.get(name, "")) for name in _FIELDS}
    try:
        case = open_case(read_form(CaseCreate, form, fields=_FIELDS), actor, session=session)
    except FormProblems as wrong:
        return _form(visit, given=given, problems=wrong.problems)
    except InvalidInput as wrong:
        return _form(visit, given=given, problems={wrong.field: wrong.reason})
    return RedirectResponse(f"{PATH}/cases/{case.id}", status.HTTP_303_SEE_OTHER)


def _form(visit: Visit, *, given: dict[str, str], problems: dict[str, str]) -> Response:
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    context = {
        "given": given,
        "problems": problems,
        "sectors": list(Sector),
        "countries": countries(reader_language(visit.request)),
    }
    return visit.page("new_case.html.j2", context, status_code=code)
