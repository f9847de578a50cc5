"""Opening, listing and reading cases; the status view; the staff timeline; advisor time."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from pydantic_extra_types.country import CountryAlpha2
from starlette.concurrency import run_in_threadpool

from api.dependencies import ActorDep, SessionDep
from api.openapi_answers import answer
from api.parameters import PageLimit, PageOffset
from api.permissions import case_reader, case_with, permit
from api.preconditions import CaseAnswer
from api.schemas import CaseList, CasePublic, CaseStatusPublic, EventPublic, TimeLogPublic
from api.status_answers import keep_answer, kept_answer
from casework.actors import Action
from casework.models import Case
from casework.models.pending_moves import moves_under_way
from casework.services.case_edits import AdvisorAssignment, CaseUpdate, assign_advisor, edit_case
from casework.services.cases import CaseCreate, CaseFilter, list_cases, open_case, today
from casework.services.follow_up import TimeLogInput, log_time
from casework.services.intake import reads_sensitive
from casework.services.status import moves_run_elsewhere, pending_move, status_view
from casework.services.timeline import timeline
from casework.vocabulary import CaseStatus, Sector, Stage

router = APIRouter(prefix="/cases", tags=["cases"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=CasePublic,
    response_class=CaseAnswer,
    dependencies=[permit(Action.OPEN_CASE)],
)
def create_case(body: CaseCreate, actor: ActorDep, session: SessionDep) -> object:
    """Open a case in reception (an entrepreneur for themself, an advisor for an entrepreneur)."""
    return open_case(body, actor, session=session)


@router.get("", response_model=CaseList, responses=answer(403))
def cases(
    actor: ActorDep,
    session: SessionDep,
    stage: Stage | None = None,
    case_status: Annotated[CaseStatus | None, Query(alias="status")] = None,
    unit: Annotated[str | None, Query(max_length=32, description="A unit's code")] = None,
    country: Annotated[CountryAlpha2 | None, Query(description="ISO 3166-1 alpha-2")] = None,
    sector: Sector | None = None,
    advisor_id: uuid.UUID | None = None,
    overdue: Annotated[bool, Query(description="Only cases with an open task past due")] = False,
    limit: PageLimit = 50,
    offset: PageOffset = 0,
) -> CaseList:
    """The cases the caller may see, newest first: an entrepreneur's own, a unit's staff's
    unit's, the programme's managers' every unit's (`unit` keeps one)."""
    keep = CaseFilter(
        stage=stage,
        status=case_status,
        unit=unit,
        country=country,
        sector=sector,
        advisor_id=advisor_id,
        overdue=overdue,
    )
    items, total = list_cases(actor, session=session, keep=keep, limit=limit, offset=offset)
    # The moves under way of the whole page in one query, not one per case.
    moving = moves_under_way({c.id: c.version for c in items}, session=session)
    listed = [
        CasePublic.model_validate({**c.model_dump(), "pending_transition": moving.get(c.id)})
        for c in items
    ]
    return CaseList(items=listed, total=total)


@router.get("/{case_id}", response_model=CasePublic, response_class=CaseAnswer)
def read_case(case: Annotated[Case, case_with(Action.READ_CASE)]) -> object:
    """One case."""
    return case


@router.patch("/{case_id}", response_model=CasePublic, response_class=CaseAnswer)
def correct_case(
    body: CaseUpdate,
    case: Annotated[Case, case_with(Action.EDIT_CASE)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Correct title, summary, sector or country (the entrepreneur until linkage, then staff)."""
    edit_case(case, body, actor, session=session)
    session.flush()
    return case


@router.put("/{case_id}/advisor", response_model=CasePublic, response_class=CaseAnswer)
def put_advisor(
    body: AdvisorAssignment,
    case: Annotated[Case, case_with(Action.ASSIGN_ADVISOR)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Assign the case's advisor (a manager), or take an unassigned case (an advisor)."""
    assign_advisor(case, body, actor, session=session)
    session.flush()
    return case


@router.get("/{case_id}/status", response_model=CaseStatusPublic)
async def case_status_view(
    case: Annotated[Case, case_with(Action.READ_CASE)], session: SessionDep, request: Request
) -> Response:
    """Where the case stands, what comes next and what happened, in plain words, with the
    country guides to read."""
    # A move under way moves no version: where moves run elsewhere, the key says it too.
    moving = await run_in_threadpool(pending_move, case) if moves_run_elsewhere() else None
    # Whether the reader may know what the person intends (the test-period checklist).
    sensitive = reads_sensitive(case, case_reader(request))
    key = (case.id, case.version, today(), moving, sensitive)
    answer = kept_answer(key)
    if answer is None:
        # The store is read in a worker thread; the answer is then checked and written on
        # the event loop, with no second trip to a thread (a `def` route pays one for each).
        view = await run_in_threadpool(status_view, case, session=session, sensitive=sensitive)
        answer = CaseStatusPublic.model_validate(view).model_dump_json().encode()
        keep_answer(key, answer)
    return Response(answer, media_type="application/json")


@router.get("/{case_id}/events", response_model=list[EventPublic])
def case_events(
    case: Annotated[Case, case_with(Action.READ_INTERNAL)], session: SessionDep
) -> object:
    """The full timeline with internal detail (staff only)."""
    return timeline(case, session=session)


@router.post(
    "/{case_id}/time-logs", status_code=status.HTTP_201_CREATED, response_model=TimeLogPublic
)
def add_time_log(
    body: TimeLogInput,
    case: Annotated[Case, case_with(Action.LOG_TIME)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Log minutes an advisor spent on the case."""
    entry = log_time(case, body, actor.id, session=session)
    session.flush()
    return entry
