"""The access log, for managers: who read whose personal data, when, and through which page
or route — the API's GET /access-log, with its filters and paging."""

import uuid
from datetime import UTC, date, datetime, time
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import Field

from api.console.forms import Filters
from api.console.visit import ConsoleVisit
from casework.actors import Action, require
from casework.services.access_log import names_in_log, read_log

router = APIRouter()

PAGE = 50


class LogFilters(Filters):
    """The log's filters, as GET /access-log takes them; a day stands for its start (UTC)."""

    case_id: uuid.UUID | None = None
    user_id: uuid.UUID | None = None
    since: date | None = None
    page: int = Field(default=1, ge=1, le=10_000)

    def since_moment(self) -> datetime | None:
        """The moment `since` names: the day's start, in UTC."""
        return datetime.combine(self.since, time(), tzinfo=UTC) if self.since else None

    def query(self, **changes: object) -> str:
        """The address's query for these filters with `changes` (None: left out)."""
        kept = self.model_dump(mode="json", exclude_defaults=True, exclude={"page"})
        return urlencode({k: v for k, v in {**kept, **changes}.items() if v is not None})


@router.get("/access-log")
def access_log_page(filters: Annotated[LogFilters, Query()], visit: ConsoleVisit) -> Response:
    """Reads of people's data, newest first (a unit's manager: their unit's cases and people),
    by case, by person (who read, or whose data was read), since a day."""
    actor, session = visit.actor, visit.session
    require(Action.READ_ACCESS_LOG, actor)
    entries, total = read_log(
        actor,
        session=session,
        case_id=filters.case_id,
        user_id=filters.user_id,
        since=filters.since_moment(),
        limit=PAGE,
        offset=(filters.page - 1) * PAGE,
    )
    context = {
        "entries": entries,
        "names": names_in_log(entries, session=session),
        "total": total,
        "filters": filters,
        "pages": [(n, filters.query(page=n)) for n in range(1, -(-total // PAGE) + 1)],
    }
    return visit.page("access_log.html.j2", context)
