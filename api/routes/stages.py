"""Moving a case between stages, and reorienting it; each runs that stage's Prefect flow."""

from typing import Annotated, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from api.dependencies import ActorDep, SessionDep
from api.permissions import case_with
from api.schemas import CasePublic
from casework.actors import Action
from casework.models import Case
from casework.services.transitions import Reorientation
from flows.launcher import request_transition

router = APIRouter(prefix="/cases/{case_id}", tags=["stages"])


class TransitionInput(BaseModel):
    """The stage to move the case to."""

    model_config = ConfigDict(extra="forbid")

    to: Literal["support", "linkage", "follow_up", "completed"]


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
    request_transition(
        transition,
        case_id=case.id,
        reference=case.reference,
        actor_id=actor.id,
        reorientation=reorientation,
    )
    session.refresh(case)
    return case


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
