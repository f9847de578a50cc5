"""Portfolio reports for managers."""

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter

from api.dependencies import SessionDep
from api.permissions import permit
from casework.actors import Action
from casework.services.portfolio import portfolio

router = APIRouter(prefix="/reports", tags=["reports"])


@router.get("/portfolio", dependencies=[permit(Action.READ_REPORTS)])
def portfolio_report(session: SessionDep) -> dict[str, Any]:
    """Cases by stage, status, sector, gender and origin; funding bands; support cost."""
    return asdict(portfolio(session=session))
