"""Portfolio reports: the whole unit for managers, their own caseload for advisors."""

import uuid
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from api.dependencies import ActorDep, SessionDep
from api.permissions import permit
from casework.actors import Action
from casework.services.portfolio import PortfolioFilter, portfolio
from casework.vocabulary import Role, Sector

router = APIRouter(prefix="/reports", tags=["reports"])

Country = Annotated[str | None, Query(pattern="^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]


@router.get("/portfolio", dependencies=[permit(Action.READ_REPORTS)])
def portfolio_report(
    actor: ActorDep,
    session: SessionDep,
    opened_from: Annotated[date | None, Query(description="Cases opened on or after")] = None,
    opened_until: Annotated[date | None, Query(description="Cases opened on or before")] = None,
    advisor_id: Annotated[uuid.UUID | None, Query(description="One advisor's cases")] = None,
    country: Country = None,
    sector: Sector | None = None,
    origin_country: Country = None,
) -> dict[str, Any]:
    """Pipeline, time in stage, conversion, who is served, funding bands, support cost.

    A manager reads the whole unit (or what the filters keep); an advisor, their own
    caseload whatever `advisor_id` says.
    """
    only = PortfolioFilter(
        opened_from=opened_from,
        opened_until=opened_until,
        advisor_id=actor.id if actor.role == Role.ADVISOR else advisor_id,
        country=country,
        sector=sector,
        origin_country=origin_country,
    )
    return asdict(portfolio(session=session, only=only))
