"""What routes receive: a session that commits on success, and the signed-in actor.

FastAPI runs each plain `def` dependency in a worker thread and back, a round trip that
costs about as much as a small query under load. So only the dependencies that touch
the store are `def`; the rest (opening a session, which reads nothing, and reading the
token, which is CPU only) run on the event loop.
"""

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from typing import Annotated

from anyio import CapacityLimiter, to_thread
from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session

from api.tokens import TokenClaims, read_token
from casework.actors import Actor
from casework.database import nothing_to_commit, open_session
from casework.models import User
from casework.vocabulary import Role

_bearer = OAuth2PasswordBearer(tokenUrl="/auth/token")


@contextmanager
def _committed_session() -> Iterator[Session]:
    with open_session() as session:
        yield session
        session.commit()


async def open_request_session() -> AsyncIterator[Session]:
    """The request's session on the case store, committed before the answer is sent."""
    scope = _committed_session()
    # Entered here: a session reads nothing until its first statement, which runs in the
    # thread of whoever makes it. Only the commit and close go to a thread.
    session = scope.__enter__()
    # Its own limiter, as FastAPI does for a context manager's exit: releasing a connection
    # must never wait for a worker thread that is itself waiting for a connection.
    exit_limiter = CapacityLimiter(1)
    try:
        yield session
    except BaseException as error:
        if not await to_thread.run_sync(
            scope.__exit__, type(error), error, error.__traceback__, limiter=exit_limiter
        ):
            raise
    else:
        if nothing_to_commit(session):  # after reads alone, on SQLite: no I/O to wait for
            scope.__exit__(None, None, None)
        else:
            await to_thread.run_sync(scope.__exit__, None, None, None, limiter=exit_limiter)


# scope="function": the commit happens before the response is sent, so a failed
# commit is an error answer, never a 200 for a change that was lost.
SessionDep = Annotated[Session, Depends(open_request_session, scope="function")]


def _sign_in_again() -> HTTPException:
    return HTTPException(
        status.HTTP_401_UNAUTHORIZED,
        "Sign in again: the token is missing, expired or invalid.",
        headers={"WWW-Authenticate": "Bearer"},
    )


async def _token_claims(token: Annotated[str, Depends(_bearer)]) -> TokenClaims:
    claims = read_token(token)
    if claims is None:
        raise _sign_in_again()
    return claims


# Whose a valid, unexpired bearer token is (else 401); its account is not read yet.
TokenSubject = Annotated[TokenClaims, Depends(_token_claims)]


def signed_in(user: User | None, claims: TokenClaims) -> User:
    """The token's account if it exists, is active and has not revoked the token; else 401.

    Signing out, a password change and deactivation move the account's token generation
    on: the tokens issued before are refused from the next request.
    """
    if user is None or not user.is_active or user.token_generation != claims.generation:
        raise _sign_in_again()
    return user


def _current_user(claims: TokenSubject, session: SessionDep) -> User:
    return signed_in(session.get(User, claims.user_id), claims)


CurrentUser = Annotated[User, Depends(_current_user)]


def actor_of(user: User) -> Actor:
    """The signed-in account as casework's services see it."""
    return Actor(id=user.id, role=Role(user.role), full_name=user.full_name, unit_id=user.unit_id)


async def _actor(user: CurrentUser) -> Actor:
    return actor_of(user)


ActorDep = Annotated[Actor, Depends(_actor)]
