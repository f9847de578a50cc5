"""Technical follow-up: the milestones (the plan's and the advisor's), what became of each,
and when the follow-up period ends."""

import uuid

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette import status

from api.console.case_access import console_case
from api.console.forms import attempt, filled
from api.console.routes.case_page import CaseId
from api.console.session import PATH, CheckedForm
from api.console.visit import ConsoleVisit, Visit
from casework.actors import Action, is_allowed
from casework.models import Case
from casework.services.follow_up import (
    FollowUpPeriodInput,
    MilestoneInput,
    MilestoneUpdate,
    add_milestone,
    milestones_of,
    set_follow_up_period,
    update_milestone,
)

router = APIRouter()


@router.get("/cases/{case_id}/follow-up")
def follow_up_page(case_id: CaseId, visit: ConsoleVisit) -> Response:
    """The milestones, done and still to do, and the follow-up period."""
    case = console_case(case_id, Action.READ_CASE, visit.actor, visit.session)
    return _page(visit, case, problems={})


def _page(visit: Visit, case: Case, *, problems: dict[str, str], asked: str = "") -> Response:
    actor, owner = visit.actor, case.entrepreneur_id
    context = {
        "case": case,
        "milestones": milestones_of(case, session=visit.session),
        "records": is_allowed(Action.WRITE_MILESTONES, actor, owner_id=owner),
        "sets_period": is_allowed(Action.SET_FOLLOW_UP, actor, owner_id=owner),
        "problems": problems,
        "asked": asked,
        "notice": visit.notice,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("follow_up.html.j2", context, status_code=code)


def _back(case: Case, notice: str) -> Response:
    url = f"{PATH}/cases/{case.id}/follow-up?notice={notice}"
    return RedirectResponse(url, status.HTTP_303_SEE_OTHER)


@router.post("/cases/{case_id}/milestones")
def add(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Plan a milestone."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.WRITE_MILESTONES, actor, session)
    given = filled(form, ("title", "due_date"))
    planned = MilestoneInput.model_validate
    _, problems = attempt(lambda: add_milestone(case, planned(given), actor.id, session=session))
    if problems:
        return _page(visit, case, problems=problems, asked="new")
    return _back(case, "planned")


@router.post("/cases/{case_id}/milestones/{milestone_id}")
def record(
    case_id: CaseId, milestone_id: uuid.UUID, form: CheckedForm, visit: ConsoleVisit
) -> Response:
    """Record a milestone as done, on a day, with a note."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.WRITE_MILESTONES, actor, session)
    given = filled(form, ("done_on", "note"))
    done = MilestoneUpdate.model_validate
    _, problems = attempt(
        lambda: update_milestone(case, milestone_id, done(given), actor.id, session=session)
    )
    if problems:
        return _page(visit, case, problems=problems, asked=str(milestone_id))
    return _back(case, "recorded")


@router.post("/cases/{case_id}/follow-up-period")
def period(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Set the day the follow-up period ends."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.SET_FOLLOW_UP, actor, session)
    given = filled(form, ("until",))
    until = FollowUpPeriodInput.model_validate
    _, problems = attempt(
        lambda: set_follow_up_period(case, until(given), actor.id, session=session)
    )
    if problems:
        return _page(visit, case, problems=problems, asked="period")
    return _back(case, "period")
