"""Opening, listing and reading cases; the status view; the staff timeline; advisor time."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from api.dependencies import ActorDep, SessionDep
from api.schemas import CaseList, CasePublic, CaseStatusPublic, EventPublic, TimeLogPublic
from casework.actors import Action
from casework.services.cases import CaseCreate, case_for, list_cases, open_case, timeline
from casework.services.follow_up import TimeLogInput, log_time
from casework.services.status import status_view
from casework.vocabulary import CaseStatus, Stage

router = APIRouter(prefix="/cases", tags=["cases"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=CasePublic)
def create_case(body: CaseCreate, actor: ActorDep, session: SessionDep) -> object:
    """Open a case in reception (an entrepreneur for themself, an advisor for an entrepreneur)."""
    return open_case(body, actor, session=session)


@router.get("", response_model=CaseList)
def cases(
    actor: ActorDep,
    session: SessionDep,
    stage: Stage | None = None,
    case_status: Annotated[CaseStatus | None, Query(alias="status")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> CaseList:
    """The cases the caller may see (an entrepreneur: their own), newest first."""
    items, total = list_cases(
        actor, session=session, stage=stage, status=case_status, limit=limit, offset=offset
    )
    return CaseList(items=[CasePublic.model_validate(c) for c in items], total=total)


@router.get("/{case_id}", response_model=CasePublic)
def read_case(case_id: uuid.UUID, actor: ActorDep, session: SessionDep) -> object:
    """One case."""
    return case_for(Action.READ_CASE, case_id, actor, session=session)


@router.get("/{case_id}/status", response_model=CaseStatusPublic)
def case_status_view(case_id: uuid.UUID, actor: ActorDep, session: SessionDep) -> object:
    """Where the case stands, what comes next and what happened, in plain words."""
    case = case_for(Action.READ_CASE, case_id, actor, session=session)
    return status_view(case, session=session)


@router.get("/{case_id}/events", response_model=list[EventPublic])
def case_events(case_id: uuid.UUID, actor: ActorDep, session: SessionDep) -> object:
    """The full timeline with internal detail (staff only)."""
    case = case_for(Action.READ_INTERNAL, case_id, actor, session=session)
    return timeline(case, session=session)


@router.post(
    "/{case_id}/time-logs", status_code=status.HTTP_201_CREATED, response_model=TimeLogPublic
)
def add_time_log(
    case_id: uuid.UUID, body: TimeLogInput, actor: ActorDep, session: SessionDep
) -> object:
    """Log minutes an advisor spent on the case."""
    case = case_for(Action.LOG_TIME, case_id, actor, session=session)
    entry = log_time(case, body, actor.id, session=session)
    session.flush()
    return entry
