"""Follow-up milestones and the follow-up period."""

import uuid

from fastapi import APIRouter, status

from api.dependencies import ActorDep, SessionDep
from api.schemas import CasePublic, MilestonePublic
from casework.actors import Action
from casework.services.cases import case_for
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
def milestones(case_id: uuid.UUID, actor: ActorDep, session: SessionDep) -> object:
    """The case's milestones, by due date."""
    case = case_for(Action.READ_CASE, case_id, actor, session=session)
    return milestones_of(case, session=session)


@router.post("/milestones", status_code=status.HTTP_201_CREATED, response_model=MilestonePublic)
def post_milestone(
    case_id: uuid.UUID, body: MilestoneInput, actor: ActorDep, session: SessionDep
) -> object:
    """Plan a milestone."""
    case = case_for(Action.WRITE_MILESTONES, case_id, actor, session=session)
    milestone = add_milestone(case, body, actor.id, session=session)
    session.flush()
    return milestone


@router.patch("/milestones/{milestone_id}", response_model=MilestonePublic)
def patch_milestone(
    case_id: uuid.UUID,
    milestone_id: uuid.UUID,
    body: MilestoneUpdate,
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Record what happened: `done_on` and a note (or correct the plan)."""
    case = case_for(Action.WRITE_MILESTONES, case_id, actor, session=session)
    return update_milestone(case, milestone_id, body, actor.id, session=session)


@router.put("/follow-up-period", response_model=CasePublic)
def put_follow_up_period(
    case_id: uuid.UUID, body: FollowUpPeriodInput, actor: ActorDep, session: SessionDep
) -> object:
    """Set when the follow-up period ends."""
    case = case_for(Action.SET_FOLLOW_UP, case_id, actor, session=session)
    set_follow_up_period(case, body, actor.id, session=session)
    session.flush()
    return case
