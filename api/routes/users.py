"""Accounts as managers run them: staff created, listed, renamed, moved, deactivated."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, status

from api.dependencies import ActorDep, SessionDep
from api.openapi_answers import answer
from api.parameters import PageLimit, PageOffset
from api.permissions import permit
from api.schemas import UserList, UserPublic
from casework.actors import Action
from casework.services.units import list_units, unit_of
from casework.services.users import (
    StaffAccountInput,
    StaffAccountUpdate,
    create_user,
    list_users,
    update_account,
)
from casework.vocabulary import Role

router = APIRouter(prefix="/users", tags=["accounts"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=UserPublic,
    dependencies=[permit(Action.MANAGE_USERS)],
)
def create_account(body: StaffAccountInput, actor: ActorDep, session: SessionDep) -> object:
    """Create an account with any role (managers only); a unit's manager, in their unit."""
    user = create_user(body, body.role, session=session, creator=actor)
    return UserPublic.of(user, unit_of(user.unit_id, session=session))


@router.get("", response_model=UserList, dependencies=[permit(Action.MANAGE_USERS)])
def list_accounts(
    actor: ActorDep,
    session: SessionDep,
    role: Role | None = None,
    active: bool | None = None,
    unit: Annotated[str | None, Query(max_length=32, description="A unit's code")] = None,
    limit: PageLimit = 50,
    offset: PageOffset = 0,
) -> object:
    """Every account the caller runs (staff and entrepreneurs), by name; filter by role, by
    active and by unit. A unit's manager lists their own unit's accounts only."""
    items, total = list_users(
        actor, session=session, role=role, active=active, unit=unit, limit=limit, offset=offset
    )
    units = {u.id: u for u in list_units(session=session)}
    listed = [UserPublic.of(u, units[u.unit_id] if u.unit_id else None) for u in items]
    return UserList(items=listed, total=total)


@router.patch(
    "/{user_id}",
    response_model=UserPublic,
    dependencies=[permit(Action.MANAGE_USERS)],
    responses=answer(404, 409),
)
def change_account(
    user_id: Annotated[uuid.UUID, Path(description="The account's id.")],
    body: StaffAccountUpdate,
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Rename an account, move a staff member between advisor and manager or between units,
    or (de)activate it.

    Takes effect at the account's next request; deactivating also ends its tokens. Accounts
    are never deleted. A manager cannot change their own role or unit or deactivate
    themself; a unit's manager changes their unit's accounts only, and moves nobody out.
    """
    user = update_account(actor, user_id, body, session=session)
    return UserPublic.of(user, unit_of(user.unit_id, session=session))
