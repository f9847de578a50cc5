"""Follow-up reports: the figures of each plan year as the business reported them, which an
advisor confirms, and the approved plan beside them year by year."""

import uuid
from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session
from starlette import status
from starlette.datastructures import FormData

from api.console.case_access import console_case
from api.console.forms import Problems, attempt
from api.console.routes.case_page import CaseId
from api.console.session import PATH, CheckedForm, ConsoleActor
from api.console.visit import ConsoleVisit, Visit
from api.dependencies import SessionDep
from casework.actors import Action, is_allowed
from casework.errors import Conflict
from casework.models import Case, FollowUpReport, User
from casework.personal_data import FINANCES
from casework.services.follow_up_reports import (
    FollowUpReportInput,
    PlanVsActual,
    add_report,
    comparison_of,
    confirm_report,
    reports_of,
)
from casework.stages import Edit, edit_refusal
from casework.vocabulary import CaseStatus, Stage

router = APIRouter()
_PAGE = "GET /app/cases/{case_id}/reports"
# The report form's fields, named by their place in the API's body (`jobs_created.women`).
_FIGURES = ("period", "visit_date", "revenue", "operating_costs", "repayments_made", "notes")
_JOBS = ("jobs_created", "jobs_kept")
_PEOPLE = ("women", "men")
FIELDS = (*_FIGURES, *(f"{jobs}.{who}" for jobs in _JOBS for who in _PEOPLE))


@router.get("/cases/{case_id}/reports")
def reports_page(case_id: CaseId, visit: ConsoleVisit) -> Response:
    """The reports filed and the plan against them (the read of the figures is logged)."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.READ_CASE, actor, session, personal=FINANCES, page=_PAGE)
    return _page(visit, case, given={}, problems={})


@router.post("/cases/{case_id}/reports")
def report(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Report a plan year's figures (an advisor's report stands confirmed)."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.REPORT_FOLLOW_UP, actor, session)
    given = {name: str(form.get(name, "")) for name in FIELDS}
    figures = FollowUpReportInput.model_validate
    _, problems = attempt(lambda: add_report(case, figures(_body_of(form)), actor, session=session))
    if problems:
        return _page(visit, case, given=given, problems=problems)
    return _back(case, "reported")


@router.post("/cases/{case_id}/reports/{report_id}/confirmation")
def confirm(
    case_id: CaseId,
    report_id: uuid.UUID,
    _: CheckedForm,
    actor: ConsoleActor,
    session: SessionDep,
) -> Response:
    """An advisor confirms a report's figures."""
    case = console_case(case_id, Action.CONFIRM_REPORT, actor, session)
    confirm_report(case, report_id, actor, session=session)
    return _back(case, "confirmed")


def _body_of(form: FormData) -> dict[str, Any]:
    """The form as the API's body: blank fields are not given (the body's defaults hold)."""
    body: dict[str, Any] = {
        name: value for name in _FIGURES if (value := str(form.get(name, "")).strip())
    }
    for jobs in _JOBS:
        counted = {who: str(form.get(f"{jobs}.{who}", "")).strip() for who in _PEOPLE}
        body[jobs] = {who: count for who, count in counted.items() if count}
    return body


def _back(case: Case, notice: str) -> Response:
    url = f"{PATH}/cases/{case.id}/reports?notice={notice}"
    return RedirectResponse(url, status.HTTP_303_SEE_OTHER)


def _comparison(case: Case, session: Session) -> tuple[PlanVsActual | None, str]:
    """The plan against the reports, or why there is none to show (the API's 409, in words)."""
    try:
        return comparison_of(case, session=session), ""
    except Conflict as refused:
        return None, str(refused)


def _names(reports: list[FollowUpReport], session: Session) -> dict[uuid.UUID, str]:
    """Who confirmed each report, by name."""
    confirmers = {report.confirmed_by for report in reports if report.confirmed_by}
    found = (session.get(User, person) for person in confirmers)
    return {person.id: person.full_name for person in found if person is not None}


def _page(visit: Visit, case: Case, *, given: dict[str, str], problems: Problems) -> Response:
    actor, session, owner = visit.actor, visit.session, case.entrepreneur_id
    reports = reports_of(case, session=session)
    comparison, unavailable = _comparison(case, session)
    reporting = is_allowed(Action.REPORT_FOLLOW_UP, actor, owner_id=owner)
    stage, case_status = Stage(case.stage), CaseStatus(case.status)
    closed = (
        edit_refusal(Edit.FOLLOW_UP_REPORTS, stage, case_status, actor.role) if reporting else None
    )
    context = {
        "case": case,
        "reports": reports,
        "confirmers": _names(reports, session),
        "comparison": comparison,
        "unavailable": unavailable,
        "currency": comparison.currency if comparison else "",
        "reports_here": reporting and closed is None,
        "closed": closed,
        "confirms": is_allowed(Action.CONFIRM_REPORT, actor, owner_id=owner),
        "given": given,
        "problems": problems,
        "notice": visit.notice,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("reports.html.j2", context, status_code=code)
