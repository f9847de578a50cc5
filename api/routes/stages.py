"""Moving a case between stages, and reorienting it; each runs that stage's Prefect flow."""

from typing import Annotated

from fastapi import APIRouter
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

from api.dependencies import ActorDep, SessionDep
from api.permissions import case_with
from api.schemas import CasePublic
from casework.actors import Action
from casework.models import Case
from casework.services.transitions import Reorientation, authorize
from casework.stages import STAGE_MOVES
from casework.vocabulary import Transition
from flows.launcher import request_transition

router = APIRouter(prefix="/cases/{case_id}", tags=["stages"])


def _a_stage_move(name: Transition) -> Transition:
    if name not in STAGE_MOVES:
        raise ValueError(f"{name} is not a stage to move to; it has a route of its own")
    return name


# The stage table's moves, and nothing else: the accepted values are derived from its rows.
StageMove = Annotated[
    Transition,
    AfterValidator(_a_stage_move),
    WithJsonSchema({"type": "string", "enum": sorted(STAGE_MOVES)}),
]


class TransitionInput(BaseModel):
    """The stage to move the case to."""

    model_config = ConfigDict(extra="forbid")

    to: StageMove


class ReorientationInput(BaseModel):
    """Why the project is reoriented, and activities to suggest instead."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: str = Field(min_length=3, max_length=5_000)
    suggestions: list[str] = Field(default_factory=list, max_length=20)


def _run(
    case: Case,
    transition: str,
    actor: ActorDep,
    session: SessionDep,
    reorientation: Reorientation | None = None,
) -> object:
    authorize(transition, actor)
    case_id, reference = case.id, case.reference
    # The flow opens sessions of its own: hold no connection while it runs.
    session.close()
    request_transition(
        transition,
        case_id=case_id,
        reference=reference,
        actor_id=actor.id,
        reorientation=reorientation,
    )
    return session.get(Case, case_id)


@router.post("/transitions", response_model=CasePublic)
def post_transition(
    body: TransitionInput,
    case: Annotated[Case, case_with(Action.MOVE_STAGE)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Move the case to the next stage through its flow; 409 lists what is still missing."""
    return _run(case, body.to, actor, session)


@router.post("/reorientation", response_model=CasePublic)
def post_reorientation(
    body: ReorientationInput,
    case: Annotated[Case, case_with(Action.REORIENT)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Reorient a non-viable project towards other activities, with a reason and suggestions."""
    return _run(case, "reorientation", actor, session, Reorientation(body.reason, body.suggestions))
