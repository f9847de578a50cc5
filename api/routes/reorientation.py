"""Reorientation followed: the catalogue of activities, and what became of a reoriented case."""

import uuid
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, status

from api.dependencies import ActorDep, SessionDep
from api.openapi_answers import answer
from api.permissions import case_with, permit
from api.schemas import Public
from casework.actors import Action
from casework.models import Case
from casework.services.reorientation import (
    ActivityInput,
    ActivityUpdate,
    OutcomeInput,
    activities,
    add_activity,
    outcomes_of,
    record_outcome,
    update_activity,
)

router = APIRouter(tags=["reorientation"])


class ActivityPublic(Public):
    id: uuid.UUID
    title: str
    kind: str
    description: str
    active: bool
    created_at: datetime
    updated_at: datetime


class OutcomePublic(Public):
    id: uuid.UUID
    case_id: uuid.UUID
    outcome: str
    activity_id: uuid.UUID | None
    new_case_id: uuid.UUID | None
    observed_on: date
    note: str
    recorded_by: uuid.UUID
    recorded_at: datetime


@router.get(
    "/reorientation-activities",
    response_model=list[ActivityPublic],
    dependencies=[permit(Action.READ_ACTIVITIES)],
)
def list_activities(session: SessionDep, active: bool | None = None) -> object:
    """The activities a reoriented entrepreneur can be pointed to (`active`: offered or retired)."""
    return activities(session=session, active=active)


@router.post(
    "/reorientation-activities",
    status_code=status.HTTP_201_CREATED,
    response_model=ActivityPublic,
    dependencies=[permit(Action.MANAGE_ACTIVITIES)],
)
def post_activity(body: ActivityInput, session: SessionDep) -> object:
    """Add an activity to the catalogue (managers)."""
    return add_activity(body, session=session)


@router.patch(
    "/reorientation-activities/{activity_id}",
    response_model=ActivityPublic,
    dependencies=[permit(Action.MANAGE_ACTIVITIES)],
    responses=answer(404),
)
def patch_activity(activity_id: uuid.UUID, body: ActivityUpdate, session: SessionDep) -> object:
    """Change an activity, or retire it with `active: false` (managers; never deleted)."""
    return update_activity(activity_id, body, session=session)


@router.post(
    "/cases/{case_id}/reorientation/outcome",
    status_code=status.HTTP_201_CREATED,
    response_model=OutcomePublic,
)
def post_outcome(
    body: OutcomeInput,
    case: Annotated[Case, case_with(Action.FOLLOW_REORIENTATION)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Record what became of the reoriented entrepreneur (staff; 409 unless reoriented)."""
    return record_outcome(case, body, actor.id, session=session)


@router.get("/cases/{case_id}/reorientation/outcomes", response_model=list[OutcomePublic])
def outcomes(
    case: Annotated[Case, case_with(Action.FOLLOW_REORIENTATION)], session: SessionDep
) -> object:
    """What was recorded of the case's reorientation, oldest first (staff)."""
    return outcomes_of(case, session=session)
