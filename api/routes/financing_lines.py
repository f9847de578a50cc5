"""The plan's financing lines in linkage: recording one as financed outside the unit."""

from typing import Annotated

from fastapi import APIRouter, Path, status

from api.dependencies import ActorDep, SessionDep
from api.permissions import case_with
from api.preconditions import CaseAnswer
from api.schemas import CasePublic
from casework.actors import Action
from casework.models import Case
from casework.services.financing_lines import (
    OutsideFinancing,
    record_financed_outside,
    withdraw_financed_outside,
)

router = APIRouter(prefix="/cases/{case_id}/financing-lines", tags=["referrals"])

Line = Annotated[int, Path(ge=0, le=1_000, description="its index in the plan's `financing`")]


@router.put("/{line}/financed-outside", response_model=CasePublic, response_class=CaseAnswer)
def put_financed_outside(
    line: Line,
    body: OutsideFinancing,
    case: Annotated[Case, case_with(Action.REFER)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Record that this external line is financed outside the unit (advisor), with a note."""
    return record_financed_outside(case, line, body, actor.id, session=session)


@router.delete(
    "/{line}/financed-outside", status_code=status.HTTP_204_NO_CONTENT, response_model=None
)
def delete_financed_outside(
    line: Line,
    case: Annotated[Case, case_with(Action.REFER)],
    actor: ActorDep,
    session: SessionDep,
) -> None:
    """Take the record back: the line must again be covered by an accepted referral."""
    withdraw_financed_outside(case, line, actor.id, session=session)
