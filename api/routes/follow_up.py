"""Follow-up milestones and the follow-up period."""

import uuid
from typing import Annotated

from fastapi import APIRouter, status

from api.dependencies import ActorDep, SessionDep
from api.permissions import case_with
from api.preconditions import CaseAnswer
from api.schemas import CasePublic, MilestonePublic
from casework.actors import Action
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

router = APIRouter(prefix="/cases/{case_id}", tags=["follow-up"])


@router.get("/milestones", response_model=list[MilestonePublic])
def milestones(case: Annotated[Case, case_with(Action.READ_CASE)], session: SessionDep) -> object:
    """The case's milestones, by due date."""
    return milestones_of(case, session=session)


@router.post("/milestones", status_code=status.HTTP_201_CREATED, response_model=MilestonePublic)
def post_milestone(
    body: MilestoneInput,
    case: Annotated[Case, case_with(Action.WRITE_MILESTONES)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Plan a milestone."""
    milestone = add_milestone(case, body, actor.id, session=session)
    session.flush()
    return milestone


@router.patch("/milestones/{milestone_id}", response_model=MilestonePublic)
def patch_milestone(
    milestone_id: uuid.UUID,
    body: MilestoneUpdate,
    case: Annotated[Case, case_with(Action.WRITE_MILESTONES)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Record what happened: `done_on` and a note (or correct the plan)."""
    return update_milestone(case, milestone_id, body, actor.id, session=session)


@router.put("/follow-up-period", response_model=CasePublic, response_class=CaseAnswer)
def put_follow_up_period(
    body: FollowUpPeriodInput,
    case: Annotated[Case, case_with(Action.SET_FOLLOW_UP)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Set when the follow-up period ends."""
    set_follow_up_period(case, body, actor.id, session=session)
    session.flush()
    return case
