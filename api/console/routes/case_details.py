"""Correcting a case's details, and who its advisor is (a manager assigns; an advisor takes an
unassigned case)."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette import status

from api.console.case_access import console_case, pin
from api.console.forms import attempt, countries
from api.console.pages import reader_language
from api.console.routes.case_page import CaseId
from api.console.session import PATH, CheckedForm
from api.console.visit import ConsoleVisit, Visit
from casework.actors import Action, is_allowed
from casework.models import Case, User
from casework.services.case_edits import AdvisorAssignment, CaseUpdate, assign_advisor, edit_case
from casework.services.users import list_users
from casework.stages import Edit, edit_refusal
from casework.vocabulary import CaseStatus, Role, Sector, Stage

router = APIRouter()
_FIELDS = ("title", "sector", "country", "summary")


@router.get("/cases/{case_id}/details")
def details_page(case_id: CaseId, visit: ConsoleVisit) -> Response:
    """The case's details to correct, and its advisor."""
    case = console_case(case_id, Action.READ_CASE, visit.actor, visit.session)
    given = {name: str(getattr(case, name)) for name in _FIELDS}
    return _page(visit, case, given=given, problems={})


@router.post("/cases/{case_id}/details")
def correct(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Correct the details, where the edits table lets the reader now."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.EDIT_CASE, actor, session)
    pin(case, form.get("version"))
    given = {name: str(form.get(name, "")) for name in _FIELDS}
    update = CaseUpdate.model_validate
    _, problems = attempt(lambda: edit_case(case, update(given), actor, session=session))
    if problems:
        return _page(visit, case, given=given, problems=problems)
    return RedirectResponse(f"{PATH}/cases/{case.id}?notice=saved", status.HTTP_303_SEE_OTHER)


@router.post("/cases/{case_id}/advisor")
def advisor(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Assign the case's advisor (a manager), or take the unassigned case (an advisor)."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.ASSIGN_ADVISOR, actor, session)
    pin(case, form.get("version"))
    chosen = {"advisor_id": form.get("advisor_id") or str(actor.id)}
    assignment = AdvisorAssignment.model_validate
    _, problems = attempt(lambda: assign_advisor(case, assignment(chosen), actor, session=session))
    if problems:
        given = {name: str(getattr(case, name)) for name in _FIELDS}
        return _page(visit, case, given=given, problems=problems)
    return RedirectResponse(f"{PATH}/cases/{case.id}?notice=saved", status.HTTP_303_SEE_OTHER)


def _page(visit: Visit, case: Case, *, given: dict[str, Any], problems: dict[str, str]) -> Response:
    actor, session = visit.actor, visit.session
    owner = case.entrepreneur_id
    stage, case_status = Stage(case.stage), CaseStatus(case.status)
    manager = actor.role == Role.MANAGER
    advisors, _ = (
        list_users(actor, session=session, role=Role.ADVISOR, active=True, limit=200, offset=0)
        if manager
        else ([], 0)
    )
    context = {
        "case": case,
        "given": given,
        "problems": problems,
        "edits": is_allowed(Action.EDIT_CASE, actor, owner_id=owner)
        and edit_refusal(Edit.CASE_DETAILS, stage, case_status, actor.role) is None,
        "assigns": manager,
        "takes": actor.role == Role.ADVISOR and case.advisor_id is None,
        "advisors": [a for a in advisors if a.unit_id == case.unit_id],
        "advisor": session.get(User, case.advisor_id) if case.advisor_id else None,
        "sectors": list(Sector),
        "countries": countries(reader_language(visit.request)),
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("case_details.html.j2", context, status_code=code)
