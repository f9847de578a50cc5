"""Everyone's to-do list: what waits on the caller, across the cases they may see."""

import uuid
from datetime import date, datetime

from fastapi import APIRouter
from pydantic import BaseModel, Field

from api.dependencies import ActorDep, SessionDep
from api.parameters import PageLimit, PageOffset
from api.permissions import permit
from api.schemas import Public
from casework.actors import Action
from casework.services.tasks import tasks_for
from casework.vocabulary import TaskKind

router = APIRouter(tags=["tasks"])


class TaskPublic(Public):
    id: uuid.UUID
    kind: TaskKind
    case_id: uuid.UUID | None = Field(description="Null for a task about no case.")
    reference: str | None = Field(description="The case's reference; null with `case_id`.")
    summary: str
    due_on: date | None
    created_at: datetime
    closed_at: datetime | None = Field(description="When its fact went; null while open.")


class TaskList(BaseModel):
    items: list[TaskPublic]
    total: int


@router.get("/tasks", response_model=TaskList, dependencies=[permit(Action.READ_TASKS)])
def tasks(
    actor: ActorDep,
    session: SessionDep,
    kind: TaskKind | None = None,
    advisor_id: uuid.UUID | None = None,
    include_closed: bool = False,
    limit: PageLimit = 50,
    offset: PageOffset = 0,
) -> TaskList:
    """What waits on the caller, open first and soonest due first.

    An advisor's: their cases' and the unassigned cases' staff tasks; a manager's: the
    whole unit's (`advisor_id` narrows to one advisor's cases); an entrepreneur's: what
    their own cases ask of them.
    """
    rows, total = tasks_for(
        actor,
        session=session,
        kind=kind,
        advisor_id=advisor_id,
        include_closed=include_closed,
        limit=limit,
        offset=offset,
    )
    items = [
        TaskPublic(
            id=task.id,
            kind=TaskKind(task.kind),
            case_id=task.case_id,
            reference=reference,
            summary=task.summary,
            due_on=task.due_on,
            created_at=task.created_at,
            closed_at=task.closed_at,
        )
        for task, reference in rows
    ]
    return TaskList(items=items, total=total)
