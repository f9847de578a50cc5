"""Portfolio reports for managers."""

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter

from api.dependencies import ActorDep, SessionDep
from casework.actors import Action, require
from casework.services.portfolio import portfolio

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get("/portfolio")
def portfolio_report(actor: ActorDep, session: SessionDep) -> dict[str, Any]:
    """Cases by stage, status, sector, gender and origin; funding bands; support cost."""
    require(Action.READ_REPORTS, actor)
    return asdict(portfolio(session=session))
