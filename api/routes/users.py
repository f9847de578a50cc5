"""Staff accounts, created by managers."""

from fastapi import APIRouter, status

from api.dependencies import SessionDep
from api.permissions import permit
from api.schemas import UserPublic
from casework.actors import Action
from casework.services.users import StaffAccountInput, create_user

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
