"""Reorientation followed: the catalogue of activities a reoriented entrepreneur can be pointed
to (managers keep it; a retired activity stays, named as retired), and what became of a
reoriented case's entrepreneur (staff record it)."""

import uuid
from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette import status

from api.console.case_access import console_case
from api.console.forms import attempt, attempt_or_clash, filled
from api.console.routes.case_page import CaseId
from api.console.session import PATH, CheckedForm
from api.console.visit import ConsoleVisit, Visit
from casework.actors import Action, is_allowed, require
from casework.models import Case, ReorientationActivity
from casework.services.reorientation import (
    ActivityInput,
    ActivityUpdate,
    OutcomeInput,
    activities,
    add_activity,
    outcomes_of,
    record_outcome,
    reorientation_reason_words,
    update_activity,
)
from casework.vocabulary import ActivityKind, CaseStatus, ReorientationOutcomeKind

router = APIRouter()

_ACTIVITY = ("title", "kind", "description")
_OUTCOME = ("outcome", "activity_id", "observed_on", "note")


@router.get("/reorientation")
def catalogue(visit: ConsoleVisit) -> Response:
    """The activities, offered and retired, by title."""
    require(Action.READ_ACTIVITIES, visit.actor)
    return _catalogue(visit, given={}, problems={})


@router.post("/reorientation")
def add(form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Add an activity to the catalogue (managers)."""
    require(Action.MANAGE_ACTIVITIES, visit.actor)
    session = visit.session
    given = {name: str(form.get(name, "")) for name in _ACTIVITY}
    activity = ActivityInput.model_validate
    _, problems = attempt_or_clash(lambda: add_activity(activity(given), session=session), session)
    if problems:
        return _catalogue(visit, given=given, problems=problems)
    return RedirectResponse(f"{PATH}/reorientation?notice=added", status.HTTP_303_SEE_OTHER)


@router.post("/reorientation/{activity_id}")
def change(activity_id: uuid.UUID, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Change an activity, or retire it (managers; it is never deleted)."""
    require(Action.MANAGE_ACTIVITIES, visit.actor)
    session = visit.session
    # As the API's PATCH: a field the form sends is changed (a blank one refused), others kept.
    given = {name: str(form[name]) for name in (*_ACTIVITY, "active") if name in form}
    changed = ActivityUpdate.model_validate
    _, problems = attempt_or_clash(
        lambda: update_activity(activity_id, changed(given), session=session), session
    )
    if problems:
        # Each activity has its own form: its problems are named after it, so they sit by it.
        row = f"a-{activity_id}"
        named = {f"{row}.{name}": said for name, said in problems.items()}
        return _catalogue(visit, given={row: given}, problems=named)
    return RedirectResponse(f"{PATH}/reorientation?notice=changed", status.HTTP_303_SEE_OTHER)


def _catalogue(visit: Visit, *, given: dict[str, Any], problems: dict[str, str]) -> Response:
    context = {
        "activities": activities(session=visit.session),
        "manages": is_allowed(Action.MANAGE_ACTIVITIES, visit.actor),
        "kinds": list(ActivityKind),
        "given": given,
        "problems": problems,
        "notice": visit.notice,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("reorientation.html.j2", context, status_code=code)


@router.get("/cases/{case_id}/reorientation")
def case_outcomes(case_id: CaseId, visit: ConsoleVisit) -> Response:
    """Why the case was reoriented, what it was pointed to, and what became of it since."""
    case = console_case(case_id, Action.FOLLOW_REORIENTATION, visit.actor, visit.session)
    return _outcomes(visit, case, given={}, problems={})


@router.post("/cases/{case_id}/reorientation")
def record(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Record what became of the reoriented entrepreneur (409 unless the case is reoriented)."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.FOLLOW_REORIENTATION, actor, session)
    given = filled(form, _OUTCOME)
    outcome = OutcomeInput.model_validate
    _, problems = attempt(lambda: record_outcome(case, outcome(given), actor.id, session=session))
    if problems:
        return _outcomes(visit, case, given=given, problems=problems)
    url = f"{PATH}/cases/{case.id}/reorientation?notice=recorded"
    return RedirectResponse(url, status.HTTP_303_SEE_OTHER)


def _outcomes(
    visit: Visit, case: Case, *, given: dict[str, Any], problems: dict[str, str]
) -> Response:
    catalogue = activities(session=visit.session)
    context = {
        "case": case,
        "reoriented": case.status == CaseStatus.REORIENTED,
        "reason": reorientation_reason_words(case),
        "suggested": _suggested(case, catalogue),
        "titles": {a.id: a.title for a in catalogue},
        "catalogue": catalogue,
        "outcomes": outcomes_of(case, session=visit.session),
        "kinds": list(ReorientationOutcomeKind),
        "given": given,
        "problems": problems,
        "notice": visit.notice,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("reorientation_case.html.j2", context, status_code=code)


def _suggested(case: Case, catalogue: list[ReorientationActivity]) -> list[ReorientationActivity]:
    """The catalogue's activities suggested at reorientation, in the order they were chosen."""
    by_id = {str(a.id): a for a in catalogue}
    return [by_id[i] for i in case.reorientation_activity_ids if i in by_id]
