"""Registration, sign-in, and the caller's own account and profile."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm

from api.dependencies import CurrentUser, SessionDep, actor_of
from api.errors import validation_answer
from api.openapi_answers import answer
from api.schemas import ProfilePublic, TokenPublic, UserPublic
from api.tokens import issue_token
from casework.errors import InvalidInput
from casework.personal_data import PROFILE
from casework.services.access_log import record_read
from casework.services.units import unit_of
from casework.services.users import (
    PasswordChange,
    ProfileInput,
    RegistrationInput,
    SignInPaused,
    change_password,
    check_sign_in,
    create_user,
    own_profile,
    revoke_tokens,
    update_own_profile,
)
from casework.sign_in_throttle import Attempt, record_failure, seconds_to_wait
from casework.vocabulary import Role

router = APIRouter(prefix="/auth", tags=["accounts"])


@router.post("/register", status_code=status.HTTP_201_CREATED, response_model=UserPublic)
def register(body: RegistrationInput, session: SessionDep) -> object:
    """Create an entrepreneur account (anyone may register; staff accounts come from a manager).

    `unit` is the code of the unit they come to (GET /units lists them); by default, the
    programme's default unit.
    """
    user = create_user(body, Role.ENTREPRENEUR, session=session)
    return UserPublic.of(user, unit_of(user.unit_id, session=session))


@router.post("/token", response_model=TokenPublic, responses=answer(401, 429))
def sign_in(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], request: Request, session: SessionDep
) -> object:
    """Exchange email (as `username`) and password for a bearer token (paused after failures)."""
    try:
        user = check_sign_in(_attempt(form.username, request), form.password, session=session)
    except SignInPaused as paused:
        return _too_many(paused)
    if user is None:
        return JSONResponse(
            {"detail": "Wrong email or password."},
            status.HTTP_401_UNAUTHORIZED,
            headers={"WWW-Authenticate": "Bearer"},
        )
    return TokenPublic(access_token=issue_token(user.id, user.token_generation))


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def sign_out(user: CurrentUser, session: SessionDep) -> Response:
    """Sign out everywhere: every token issued to the caller so far stops working."""
    revoke_tokens(user, session=session)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/me/password", status_code=status.HTTP_204_NO_CONTENT, responses=answer(429))
def new_password(
    body: PasswordChange, user: CurrentUser, request: Request, session: SessionDep
) -> Response:
    """Change the caller's password; every token issued before stops working (sign in again).

    A wrong current password counts as a failed sign-in: enough of them pause both.
    """
    attempt = _attempt(user.email, request)
    wait = seconds_to_wait(attempt, session=session)
    if wait:
        return _too_many(SignInPaused(wait))
    try:
        change_password(user, body, session=session)
    except InvalidInput as problem:
        if problem.field == "current_password":
            # Answered, not raised: the request's session then commits the failure's count.
            record_failure(attempt, session=session)
        loc = ["body", problem.field]
        return validation_answer([{"loc": loc, "msg": problem.reason, "type": "value_error"}])
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _attempt(email: str, request: Request) -> Attempt:
    return Attempt(email, request.client.host if request.client else "")


def _too_many(paused: SignInPaused) -> JSONResponse:
    return JSONResponse(
        {"detail": str(paused)},
        status.HTTP_429_TOO_MANY_REQUESTS,
        headers={"Retry-After": str(paused.wait)},
    )


@router.get("/me", response_model=UserPublic)
def me(user: CurrentUser, session: SessionDep) -> object:
    """The signed-in user, with their role and unit (null: a manager of the whole programme)."""
    return UserPublic.of(user, unit_of(user.unit_id, session=session))


@router.get("/me/profile", response_model=ProfilePublic, responses=answer(403, 404))
def my_profile(user: CurrentUser, session: SessionDep) -> object:
    """The signed-in entrepreneur's profile (the read is written in the access log)."""
    profile = own_profile(user, session=session)
    route = "GET /auth/me/profile"
    record_read(actor_of(user), user.id, PROFILE, route=route, session=session)
    return profile


@router.put("/me/profile", response_model=ProfilePublic, responses=answer(403))
def update_my_profile(body: ProfileInput, user: CurrentUser, session: SessionDep) -> object:
    """Replace the signed-in entrepreneur's profile (every field optional)."""
    return update_own_profile(user, body, session=session)
