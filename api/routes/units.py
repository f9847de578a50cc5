"""The programme's units: listed for anyone (registration names one), shaped by the
programme's managers."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, status

from api.dependencies import ActorDep, SessionDep
from api.openapi_answers import answer
from api.permissions import permit
from api.schemas import UnitPublic
from casework.actors import Action
from casework.services.units import UnitInput, UnitUpdate, create_unit, list_units, update_unit

router = APIRouter(prefix="/units", tags=["units"])


@router.get("", response_model=list[UnitPublic])
def units(session: SessionDep) -> object:
    """Every unit of the programme, the default first: codes and names (open to anyone)."""
    return list_units(session=session)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=UnitPublic,
    dependencies=[permit(Action.MANAGE_UNITS)],
)
def add_unit(body: UnitInput, actor: ActorDep, session: SessionDep) -> object:
    """Add a unit (the programme's managers: a manager with no unit); codes are unique."""
    return create_unit(body, actor, session=session)


@router.patch(
    "/{unit_id}",
    response_model=UnitPublic,
    dependencies=[permit(Action.MANAGE_UNITS)],
    responses=answer(404),
)
def change_unit(
    unit_id: Annotated[uuid.UUID, Path(description="The unit's id.")],
    body: UnitUpdate,
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Rename a unit, or make it the default in place of the current one (the programme's
    managers)."""
    return update_unit(unit_id, body, actor, session=session)
