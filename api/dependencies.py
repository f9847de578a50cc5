"""What routes receive: a session that commits on success, and the signed-in actor."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from api.tokens import read_token
from casework.actors import Actor
from casework.database import open_session
from casework.models import User
from casework.vocabulary import Role

_bearer = OAuth2PasswordBearer(tokenUrl="/auth/token")


def open_request_session() -> Iterator[Session]:
    """The request's session on the case store, committed before the answer is sent."""
    with open_session() as session:
        yield session
        session.commit()


# scope="function": the commit happens before the response is sent, so a failed
# commit is an error answer, never a 200 for a change that was lost.
SessionDep = Annotated[Session, Depends(open_request_session, scope="function")]


def _current_user(token: Annotated[str, Depends(_bearer)], session: SessionDep) -> User:
    user_id = read_token(token)
    user = session.get(User, user_id) if user_id else None
    if user is None or not user.is_active:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "Sign in again: the token is missing, expired or invalid.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return user


CurrentUser = Annotated[User, Depends(_current_user)]


def _actor(user: CurrentUser) -> Actor:
    return Actor(id=user.id, role=Role(user.role), full_name=user.full_name)


ActorDep = Annotated[Actor, Depends(_actor)]
