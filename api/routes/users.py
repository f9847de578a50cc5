"""Accounts as managers run them: staff created, listed, renamed, moved, deactivated."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, status

from api.dependencies import CurrentUser, SessionDep
from api.openapi_answers import answer
from api.parameters import PageLimit, PageOffset
from api.permissions import permit
from api.schemas import UserList, UserPublic
from casework.actors import Action
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
def create_account(body: StaffAccountInput, session: SessionDep) -> object:
    """Create an account with any role (managers only)."""
    return create_user(body, body.role, session=session)


@router.get("", response_model=UserList, dependencies=[permit(Action.MANAGE_USERS)])
def list_accounts(
    session: SessionDep,
    role: Role | None = None,
    active: bool | None = None,
    limit: PageLimit = 50,
    offset: PageOffset = 0,
) -> object:
    """Every account (staff and entrepreneurs), by name; filter by role and by active."""
    items, total = list_users(session=session, role=role, active=active, limit=limit, offset=offset)
    return UserList(items=[UserPublic.model_validate(u) for u in items], total=total)


@router.patch(
    "/{user_id}",
    response_model=UserPublic,
    dependencies=[permit(Action.MANAGE_USERS)],
    responses=answer(404, 409),
)
def change_account(
    user_id: Annotated[uuid.UUID, Path(description="The account's id.")],
    body: StaffAccountUpdate,
    manager: CurrentUser,
    session: SessionDep,
) -> object:
    """Rename an account, move a staff member between advisor and manager, or (de)activate it.

    Takes effect at the account's next request; deactivating also ends its tokens. Accounts
    are never deleted. A manager cannot change their own role or deactivate themself.
    """
    return update_account(manager, user_id, body, session=session)
