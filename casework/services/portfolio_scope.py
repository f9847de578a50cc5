"""Whose figures a caller reads: an advisor, their own caseload; a unit's manager, their
unit; the programme's managers, every unit or the one they ask for."""

from dataclasses import replace

from sqlmodel import Session

from casework.actors import Actor
from casework.services.portfolio_queries import PortfolioFilter
from casework.services.units import unit_in_view
from casework.vocabulary import Role


def filter_for(
    actor: Actor, asked: PortfolioFilter, unit: str | None, *, session: Session
) -> PortfolioFilter:
    """The filter `actor`'s report is drawn with: `asked`, narrowed to what they may read
    (an advisor's caseload whatever `advisor_id` says; a unit's staff, their unit)."""
    return replace(
        asked,
        advisor_id=actor.id if actor.role == Role.ADVISOR else asked.advisor_id,
        unit_id=unit_in_view(actor, unit, session=session),
    )
