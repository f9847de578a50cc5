"""Technical follow-up: the milestones (the plan's and the advisor's), what became of each,
and when the follow-up period ends."""

import uuid
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette import status

from api.console.case_access import console_case
from api.console.forms import attempt
from api.console.pages import page
from api.console.routes.case_page import CaseId
from api.console.session import PATH, CheckedForm, ConsoleActor, ConsoleUser
from api.dependencies import SessionDep
from casework.actors import Action, Actor, is_allowed
from casework.models import Case, User
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
def follow_up_page(
    request: Request, case_id: CaseId, user: ConsoleUser, actor: ConsoleActor, session: SessionDep
) -> Response:
    """The milestones, done and still to do, and the follow-up period."""
    case = console_case(case_id, Action.READ_CASE, actor, session)
    return _page(request, case, user, actor, session, problems={})


def _page(
    request: Request,
    case: Case,
    user: User,
    actor: Actor,
    session: SessionDep,
    *,
    problems: dict[str, str],
    asked: str = "",
) -> Response:
    owner = case.entrepreneur_id
    context = {
        "case": case,
        "milestones": milestones_of(case, session=session),
        "records": is_allowed(Action.WRITE_MILESTONES, actor, owner_id=owner),
        "sets_period": is_allowed(Action.SET_FOLLOW_UP, actor, owner_id=owner),
        "problems": problems,
        "asked": asked,
        "notice": request.query_params.get("notice", ""),
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return page(request, "follow_up.html.j2", context, user=user, status_code=code)


def _back(case: Case, notice: str) -> Response:
    url = f"{PATH}/cases/{case.id}/follow-up?notice={notice}"
    return RedirectResponse(url, status.HTTP_303_SEE_OTHER)


def _given(form: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: form[name] for name in names if str(form.get(name, "")).strip()}


@router.post("/cases/{case_id}/milestones")
def add(
    request: Request,
    case_id: CaseId,
    form: CheckedForm,
    user: ConsoleUser,
    actor: ConsoleActor,
    session: SessionDep,
) -> Response:
    """Plan a milestone."""
    case = console_case(case_id, Action.WRITE_MILESTONES, actor, session)
    given = _given(form, ("title", "due_date"))
    planned = MilestoneInput.model_validate
    _, problems = attempt(lambda: add_milestone(case, planned(given), actor.id, session=session))
    if problems:
        return _page(request, case, user, actor, session, problems=problems, asked="new")
    return _back(case, "planned")


@router.post("/cases/{case_id}/milestones/{milestone_id}")
def record(
    request: Request,
    case_id: CaseId,
    milestone_id: uuid.UUID,
    form: CheckedForm,
    user: ConsoleUser,
    actor: ConsoleActor,
    session: SessionDep,
) -> Response:
    """Record a milestone as done, on a day, with a note."""
    case = console_case(case_id, Action.WRITE_MILESTONES, actor, session)
    given = _given(form, ("done_on", "note"))
    done = MilestoneUpdate.model_validate
    _, problems = attempt(
        lambda: update_milestone(case, milestone_id, done(given), actor.id, session=session)
    )
    if problems:
        asked = str(milestone_id)
        return _page(request, case, user, actor, session, problems=problems, asked=asked)
    return _back(case, "recorded")


@router.post("/cases/{case_id}/follow-up-period")
def period(
    request: Request,
    case_id: CaseId,
    form: CheckedForm,
    user: ConsoleUser,
    actor: ConsoleActor,
    session: SessionDep,
) -> Response:
    """Set the day the follow-up period ends."""
    case = console_case(case_id, Action.SET_FOLLOW_UP, actor, session)
    given = _given(form, ("until",))
    until = FollowUpPeriodInput.model_validate
    _, problems = attempt(
        lambda: set_follow_up_period(case, until(given), actor.id, session=session)
    )
    if problems:
        return _page(request, case, user, actor, session, problems=problems, asked="period")
    return _back(case, "period")
