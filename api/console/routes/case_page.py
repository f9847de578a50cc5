"""A case's page: where it stands, the gate of each move with what it still needs, the moves
the reader may make, and what happened. Staff see the internal timeline; the entrepreneur, the
status view the API gives them."""

from typing import Annotated

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response
from sqlmodel import Session
from starlette import status

from api.console.case_access import console_case, pin
from api.console.case_work import open_forms
from api.console.forms import attempt
from api.console.pages import page
from api.console.session import PATH, CheckedForm, ConsoleActor, ConsoleUser
from api.dependencies import SessionDep
from api.routes.stages import TransitionInput, run_move
from casework.actors import Action, Actor
from casework.models import Case
from casework.models.pending_moves import moves_under_way
from casework.services.intake import reads_sensitive
from casework.services.kept_dossiers import copies_for
from casework.services.status import status_view
from casework.services.timeline import timeline
from casework.services.transitions import TransitionOutcome, gates_offered, transition_named
from casework.vocabulary import Role

router = APIRouter()

CaseId = Annotated[str, Path(max_length=64)]


@router.get("/cases/{case_id}")
def case_page(
    request: Request, case_id: CaseId, user: ConsoleUser, actor: ConsoleActor, session: SessionDep
) -> Response:
    """The case's page."""
    case = console_case(case_id, Action.READ_CASE, actor, session)
    return _page(request, case, user, actor, session, problems={})


def _page(
    request: Request,
    case: Case,
    user: ConsoleUser,
    actor: Actor,
    session: SessionDep,
    *,
    problems: dict[str, str],
    asked: str = "",
    status_code: int = status.HTTP_200_OK,
) -> Response:
    staff = actor.role != Role.ENTREPRENEUR
    gates = gates_offered(case, actor.role, session=session)
    context = {
        "case": case,
        "staff": staff,
        "gates": gates,
        "forms": open_forms(case, actor),
        "asks_reason": {
            g.transition for g in gates if transition_named(g.transition).reason_required
        },
        "moving": moves_under_way({case.id: case.version}, session=session).get(case.id),
        "view": status_view(case, session=session, sensitive=reads_sensitive(case, actor)),
        "events": timeline(case, session=session) if staff else [],
        "dossiers": copies_for(case, actor, session=session),
        "problems": problems,
        "asked": asked,
        "notice": request.query_params.get("notice", ""),
    }
    return page(request, "case.html.j2", context, user=user, status_code=status_code)


@router.post("/cases/{case_id}/moves")
def move(
    request: Request,
    case_id: CaseId,
    form: CheckedForm,
    user: ConsoleUser,
    actor: ConsoleActor,
    session: SessionDep,
) -> Response:
    """Move the case, hold, resume or withdraw it, by its flow; a closed gate says what is
    missing and changes nothing."""
    case = console_case(case_id, Action.MOVE_STAGE, actor, session)
    pin(case, form.get("version"))
    given = {"to": form.get("to"), "reason": form.get("reason") or None}
    asked = str(given["to"] or "")
    wanted = TransitionInput.model_validate
    outcome, problems = attempt(lambda: _move(case, wanted(given), actor, session))
    if problems:
        code = status.HTTP_422_UNPROCESSABLE_CONTENT
        return _page(
            request, case, user, actor, session, problems=problems, asked=asked, status_code=code
        )
    assert outcome is not None
    notice = "under_way" if outcome.under_way else "moved"
    return RedirectResponse(f"{PATH}/cases/{case.id}?notice={notice}", status.HTTP_303_SEE_OTHER)


def _move(case: Case, move: TransitionInput, actor: Actor, session: Session) -> TransitionOutcome:
    return run_move(case, move.to, actor, session, reason=move.reason)
