"""The case list, with the filters an advisor's day needs."""

import uuid
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import Field
from pydantic_extra_types.country import CountryAlpha2

from api.console.forms import Filters, countries
from api.console.pages import reader_language
from api.console.visit import ConsoleVisit
from casework.models.pending_moves import moves_under_way
from casework.services.cases import CaseFilter, advisors_in_view, list_cases
from casework.services.units import list_units
from casework.vocabulary import CaseStatus, Role, Sector, Stage

router = APIRouter()

PAGE = 50


class ListFilters(Filters):
    """The list's filters; an empty choice keeps every case."""

    stage: Stage | None = None
    status: CaseStatus | None = None
    country: CountryAlpha2 | None = None
    sector: Sector | None = None
    advisor: uuid.UUID | None = None
    unit: str | None = Field(default=None, max_length=32)
    overdue: bool = False
    page: int = Field(default=1, ge=1, le=10_000)

    def kept(self) -> CaseFilter:
        """The service's filter."""
        return CaseFilter(
            stage=self.stage,
            status=self.status,
            unit=self.unit,
            country=self.country,
            sector=self.sector,
            advisor_id=self.advisor,
            overdue=self.overdue,
        )


@router.get("/cases")
def case_list(filters: Annotated[ListFilters, Query()], visit: ConsoleVisit) -> Response:
    """The cases the person may see, newest first, filtered."""
    actor, session = visit.actor, visit.session
    offset = (filters.page - 1) * PAGE
    items, total = list_cases(
        actor, session=session, keep=filters.kept(), limit=PAGE, offset=offset
    )
    moving = moves_under_way({c.id: c.version for c in items}, session=session)
    staff = actor.role != Role.ENTREPRENEUR
    context = {
        "rows": [(case, moving.get(case.id)) for case in items],
        "total": total,
        "filters": filters,
        "page_links": _page_links(filters, total),
        "stages": list(Stage),
        "statuses": list(CaseStatus),
        "sectors": list(Sector),
        "countries": countries(reader_language(visit.request)),
        "advisors": advisors_in_view(actor, session=session) if staff else [],
        "units": list_units(session=session) if staff and actor.unit_id is None else [],
    }
    return visit.page("case_list.html.j2", context)


def _page_links(filters: ListFilters, total: int) -> list[tuple[int, str]]:
    """Each page of the list, with the query that shows it under the same filters."""
    kept = filters.model_dump(mode="json", exclude_defaults=True, exclude={"page"})
    return [(n, urlencode({**kept, "page": n})) for n in range(1, -(-total // PAGE) + 1)]
