"""Staff accounts, created by managers."""

from fastapi import APIRouter, status

from api.dependencies import ActorDep, SessionDep
from api.schemas import UserPublic
from casework.actors import Action, require
from casework.services.users import StaffAccountInput, create_user

router = APIRouter(prefix="/users", tags=["accounts"])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=UserPublic)
def create_account(body: StaffAccountInput, actor: ActorDep, session: SessionDep) -> object:
    """Create an account with any role (managers only)."""
    require(Action.MANAGE_USERS, actor)
    return create_user(body, body.role, session=session)
