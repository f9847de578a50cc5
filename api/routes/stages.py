"""Moving a case between stages, and reorienting it; each runs that stage's Prefect flow."""

from typing import Annotated, Any

from fastapi import APIRouter, Response, status
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema
from sqlmodel import Session

from api.dependencies import ActorDep, SessionDep
from api.permissions import case_with
from api.preconditions import CaseAnswer
from api.schemas import CasePublic
from casework.actors import Action, Actor
from casework.models import Case
from casework.services.transitions import (
    Reorientation,
    ReorientationInput,
    TransitionOutcome,
    authorize,
    reorientation_of,
)
from casework.stages import REQUESTED_MOVES
from casework.vocabulary import Transition
from flows.launcher import request_transition

router = APIRouter(prefix="/cases/{case_id}", tags=["stages"])


def _a_requested_move(name: Transition) -> Transition:
    if name not in REQUESTED_MOVES:
        raise ValueError(f"{name} is not made here: it has a route of its own")
    return name


# The stage table's moves, and nothing else: the accepted values are derived from its rows.
RequestedMove = Annotated[
    Transition,
    AfterValidator(_a_requested_move),
    WithJsonSchema({"type": "string", "enum": sorted(REQUESTED_MOVES)}),
]


class TransitionInput(BaseModel):
    """The stage to move the case to, or the status to give it (on hold, active, withdrawn)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    to: RequestedMove
    reason: str | None = Field(
        default=None,
        min_length=3,
        max_length=2_000,
        description="Why: required to put a case on hold or resume it, optional otherwise.",
    )


def run_move(
    case: Case,
    transition: str,
    actor: Actor,
    session: Session,
    reorientation: Reorientation | None = None,
    reason: str | None = None,
) -> TransitionOutcome:
    """Make the move by its flow, as `actor` asks it (GateClosed says what is missing)."""
    authorize(transition, actor, reason=reorientation.reason if reorientation else reason)
    case_id, reference = case.id, case.reference
    # The flow opens sessions of its own: hold no connection while it runs.
    session.close()
    return request_transition(
        transition,
        case_id=case_id,
        reference=reference,
        actor_id=actor.id,
        reorientation=reorientation,
        reason=reason,
    )


def _run(
    case: Case,
    transition: str,
    actor: ActorDep,
    session: SessionDep,
    answer: Response,
    reorientation: Reorientation | None = None,
    reason: str | None = None,
) -> object:
    case_id = case.id
    outcome = run_move(case, transition, actor, session, reorientation, reason)
    if outcome.under_way:
        # Scaled mode: the run has not committed yet; the case says the move is under way.
        answer.status_code = status.HTTP_202_ACCEPTED
    return session.get(Case, case_id)


_UNDER_WAY: dict[int | str, dict[str, Any]] = {
    202: {
        "model": CasePublic,
        "description": "Scaled mode: the move's flow run had not committed when the request "
        "stopped waiting (`CASEWORK_MOVE_WAIT_SECONDS`); the case, with `pending_transition`.",
    }
}


@router.post(
    "/transitions", response_model=CasePublic, response_class=CaseAnswer, responses=_UNDER_WAY
)
def post_transition(
    body: TransitionInput,
    case: Annotated[Case, case_with(Action.MOVE_STAGE)],
    actor: ActorDep,
    session: SessionDep,
    answer: Response,
) -> object:
    """Move the case on, or hold, resume or withdraw it, by its flow; 409 says what is missing."""
    return _run(case, body.to, actor, session, answer, reason=body.reason)


@router.post(
    "/reorientation", response_model=CasePublic, response_class=CaseAnswer, responses=_UNDER_WAY
)
def post_reorientation(
    body: ReorientationInput,
    case: Annotated[Case, case_with(Action.REORIENT)],
    actor: ActorDep,
    session: SessionDep,
    answer: Response,
) -> object:
    """Reorient a non-viable project towards other activities, with a reason and suggestions."""
    return _run(case, "reorientation", actor, session, answer, reorientation_of(body, session))
