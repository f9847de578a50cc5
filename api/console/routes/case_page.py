"""A case's page: where it stands, the gate of each move with what it still needs, the moves
the reader may make, and what happened. Staff see the internal timeline; the entrepreneur, the
status view the API gives them."""

from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session
from starlette import status

from api.console.case_access import console_case, pin
from api.console.case_work import open_forms, pages_to_read
from api.console.forms import attempt
from api.console.session import PATH, CheckedForm
from api.console.visit import ConsoleVisit, Visit
from api.routes.stages import TransitionInput, run_move
from casework.actors import Action, Actor, is_allowed
from casework.models import Case
from casework.models.pending_moves import moves_under_way
from casework.services.cases import today
from casework.services.facts import gather_facts
from casework.services.intake import reads_sensitive
from casework.services.kept_dossiers import copies_for
from casework.services.reorientation import activities
from casework.services.status import status_view
from casework.services.timeline import timeline
from casework.services.transitions import (
    ReorientationInput,
    TransitionOutcome,
    gates_offered,
    reorientation_of,
    transition_named,
)
from casework.stages import reorientation_offered
from casework.vocabulary import CaseStatus, ReorientationReason, Role, Stage

router = APIRouter()

CaseId = Annotated[str, Path(max_length=64)]


@router.get("/cases/{case_id}")
def case_page(case_id: CaseId, visit: ConsoleVisit) -> Response:
    """The case's page."""
    case = console_case(case_id, Action.READ_CASE, visit.actor, visit.session)
    return _page(visit, case, problems={})


def _page(
    visit: Visit,
    case: Case,
    *,
    problems: dict[str, str],
    asked: str = "",
    status_code: int = status.HTTP_200_OK,
    given: dict[str, Any] | None = None,
) -> Response:
    actor, session = visit.actor, visit.session
    staff = actor.role != Role.ENTREPRENEUR
    facts = gather_facts(case, session=session, today=today())
    reorienting = is_allowed(Action.REORIENT, actor, owner_id=case.entrepreneur_id) and (
        reorientation_offered(Stage(case.stage), CaseStatus(case.status), actor.role)
    )
    gates = gates_offered(case, actor.role, facts)
    context = {
        "case": case,
        "staff": staff,
        "gates": gates,
        "forms": open_forms(case, actor),
        "readings": pages_to_read(case, actor),
        "reorients": is_allowed(Action.FOLLOW_REORIENTATION, actor),
        "reorienting": reorienting,
        "activities": activities(session=session, active=True) if reorienting else [],
        "reasons": list(ReorientationReason),
        "given": given or {},
        "asks_reason": {
            g.transition for g in gates if transition_named(g.transition).reason_required
        },
        "moving": moves_under_way({case.id: case.version}, session=session).get(case.id),
        "view": status_view(
            case, session=session, sensitive=reads_sensitive(case, actor), facts=facts
        ),
        "events": timeline(case, session=session) if staff else [],
        "dossiers": copies_for(case, actor, session=session),
        "problems": problems,
        "asked": asked,
        "notice": visit.notice,
    }
    return visit.page("case.html.j2", context, status_code=status_code)


@router.post("/cases/{case_id}/moves")
def move(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Move the case, hold, resume or withdraw it, by its flow; a closed gate says what is
    missing and changes nothing."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.MOVE_STAGE, actor, session)
    pin(case, form.get("version"))
    given = {"to": form.get("to"), "reason": form.get("reason") or None}
    asked = str(given["to"] or "")
    wanted = TransitionInput.model_validate
    outcome, problems = attempt(lambda: _move(case, wanted(given), actor, session))
    if problems:
        code = status.HTTP_422_UNPROCESSABLE_CONTENT
        return _page(visit, case, problems=problems, asked=asked, status_code=code)
    assert outcome is not None
    notice = "under_way" if outcome.under_way else "moved"
    return RedirectResponse(f"{PATH}/cases/{case.id}?notice={notice}", status.HTTP_303_SEE_OTHER)


@router.post("/cases/{case_id}/reorient")
def reorient(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Reorient the project, with the reason and the activities suggested instead, by its flow."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.REORIENT, actor, session)
    pin(case, form.get("version"))
    lines = str(form.get("suggestions", "")).splitlines()
    given = {
        "reason": form.get("reason", ""),
        "reason_code": form.get("reason_code") or "other",
        "activity_ids": form.getlist("activity_ids"),
        "suggestions": [line.strip() for line in lines if line.strip()],
    }
    asked = ReorientationInput.model_validate

    def _reorient() -> TransitionOutcome:
        reorientation = reorientation_of(asked(given), session)
        return run_move(case, "reorientation", actor, session, reorientation)

    outcome, problems = attempt(_reorient)
    if problems:
        code = status.HTTP_422_UNPROCESSABLE_CONTENT
        return _page(
            visit, case, problems=problems, asked="reorientation", status_code=code, given=given
        )
    assert outcome is not None
    notice = "under_way" if outcome.under_way else "moved"
    return RedirectResponse(f"{PATH}/cases/{case.id}?notice={notice}", status.HTTP_303_SEE_OTHER)


def _move(case: Case, move: TransitionInput, actor: Actor, session: Session) -> TransitionOutcome:
    return run_move(case, move.to, actor, session, reason=move.reason)
