"""The training planned at reception: the courses the project leader follows, and how far
along each one is. The entrepreneur reads theirs; an advisor plans them and records progress."""

import uuid
from typing import Any

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
from casework.services.training import (
    TrainingInput,
    TrainingUpdate,
    add_training,
    trainings_of,
    update_training,
)
from casework.stages import Edit, edit_refusal
from casework.vocabulary import CaseStatus, Stage, TrainingStatus

router = APIRouter()

_NEW = ("course", "provider", "required")
_PROGRESS = ("status", "required", "completed_on")


@router.get("/cases/{case_id}/training")
def training_page(case_id: CaseId, visit: ConsoleVisit) -> Response:
    """The courses planned for the project leader, and their progress."""
    case = console_case(case_id, Action.READ_CASE, visit.actor, visit.session)
    return _page(visit, case, given={}, problems={})


@router.post("/cases/{case_id}/training")
def add(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Plan a course; a required one holds the case in reception until completed."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.ASSESS, actor, session)
    given = filled(form, _NEW)
    course = TrainingInput.model_validate
    _, problems = attempt(lambda: add_training(case, course(given), actor.id, session=session))
    if problems:
        return _page(visit, case, given=given, problems=problems)
    return _back(case, "planned")


@router.post("/cases/{case_id}/training/{training_id}")
def progress(
    case_id: CaseId, training_id: uuid.UUID, form: CheckedForm, visit: ConsoleVisit
) -> Response:
    """Record progress on a course: planned → enrolled → completed (or dropped)."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.ASSESS, actor, session)
    given = filled(form, _PROGRESS)
    change = TrainingUpdate.model_validate
    _, problems = attempt(
        lambda: update_training(case, training_id, change(given), actor.id, session=session)
    )
    if problems:
        # Each course has its own form: its problems are named after it, so they sit by it.
        row = f"t-{training_id}"
        named = {f"{row}.{name}": said for name, said in problems.items()}
        return _page(visit, case, given={row: given}, problems=named)
    return _back(case, "recorded")


def _back(case: Case, notice: str) -> Response:
    url = f"{PATH}/cases/{case.id}/training?notice={notice}"
    return RedirectResponse(url, status.HTTP_303_SEE_OTHER)


def _page(visit: Visit, case: Case, *, given: dict[str, Any], problems: dict[str, str]) -> Response:
    actor = visit.actor
    closed = edit_refusal(Edit.TRAINING, Stage(case.stage), CaseStatus(case.status), actor.role)
    context = {
        "case": case,
        "trainings": trainings_of(case, session=visit.session),
        "plans": is_allowed(Action.ASSESS, actor, owner_id=case.entrepreneur_id) and not closed,
        "closed": closed,
        "statuses": list(TrainingStatus),
        "given": given,
        "problems": problems,
        "notice": visit.notice,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("training.html.j2", context, status_code=code)
