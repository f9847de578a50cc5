"""The access log, for managers: who read which person's data, when, through which route."""

import uuid

from fastapi import APIRouter
from pydantic import AwareDatetime

from api.dependencies import ActorDep, SessionDep
from api.parameters import PageLimit, PageOffset
from api.permissions import permit
from api.schemas import AccessLogEntry, AccessLogPage
from casework.actors import Action
from casework.services.access_log import read_log

router = APIRouter(prefix="/access-log", tags=["accounts"])


@router.get("", response_model=AccessLogPage, dependencies=[permit(Action.READ_ACCESS_LOG)])
def access_log(
    actor: ActorDep,
    session: SessionDep,
    case_id: uuid.UUID | None = None,
    user_id: uuid.UUID | None = None,
    since: AwareDatetime | None = None,
    limit: PageLimit = 50,
    offset: PageOffset = 0,
) -> object:
    """Reads of people's data, newest first: by case, by person (who read, or whose data),
    since a moment (ISO 8601 with its zone). Written on every read; it cannot be switched
    off, and its rows are never changed or deleted. A unit's manager reads the reads of
    their unit's cases and people."""
    items, total = read_log(
        actor,
        session=session,
        case_id=case_id,
        user_id=user_id,
        since=since,
        limit=limit,
        offset=offset,
    )
    return AccessLogPage(items=[AccessLogEntry.model_validate(i) for i in items], total=total)
