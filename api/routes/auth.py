"""Registration, sign-in, and the caller's own account and profile."""

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, status
from fastapi.security import OAuth2PasswordRequestForm

from api.dependencies import CurrentUser, SessionDep
from api.schemas import ProfilePublic, TokenPublic, UserPublic
from api.tokens import issue_token
from casework.services.users import (
    ProfileInput,
    RegistrationInput,
    authenticate,
    create_user,
    own_profile,
    update_own_profile,
)
from casework.vocabulary import Role

router = APIRouter(prefix="/auth", tags=["accounts"])


@router.post("/register", status_code=status.HTTP_201_CREATED, response_model=UserPublic)
def register(body: RegistrationInput, session: SessionDep) -> object:
    """Create an entrepreneur account (anyone may register; staff accounts come from a manager)."""
    return create_user(body, Role.ENTREPRENEUR, session=session)


@router.post("/token", response_model=TokenPublic)
def sign_in(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep
) -> TokenPublic:
    """Exchange email (as `username`) and password for a bearer token."""
    user = authenticate(form.username, form.password, session=session)
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Wrong email or password.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return TokenPublic(access_token=issue_token(user.id))


@router.get("/me", response_model=UserPublic)
def me(user: CurrentUser) -> object:
    """The signed-in user, with their role."""
    return user


@router.get("/me/profile", response_model=ProfilePublic)
def my_profile(user: CurrentUser, session: SessionDep) -> object:
    """The signed-in entrepreneur's profile."""
    return own_profile(user, session=session)


@router.put("/me/profile", response_model=ProfilePublic)
def update_my_profile(body: ProfileInput, user: CurrentUser, session: SessionDep) -> object:
    """Replace the signed-in entrepreneur's profile (every field optional)."""
    return update_own_profile(user, body, session=session)
