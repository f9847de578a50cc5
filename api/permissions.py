"""Who may call a route, decided from casework's rule table before the body is read.

Each route declares its action once, as a dependency. FastAPI solves dependencies
before it validates the body, so a caller without the right gets 403 (or 404 for
a case they may not know exists) and learns nothing of the body's schema. Checks
that depend on the body's content stay in the services. The dependency that gives a
route its case also checks a write's If-Match against it (api/preconditions.py).
"""

import uuid
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, ClassVar

from fastapi import Depends, Path, Request
from sqlalchemy import Select, bindparam, select
from sqlmodel import Session, col
from starlette.concurrency import run_in_threadpool

from api.dependencies import ActorDep, SessionDep, TokenSubject, actor_of, signed_in
from api.preconditions import require_if_match
from api.tokens import TokenClaims
from casework.actors import Action, Actor, require
from casework.errors import NotFound
from casework.models import Case, User
from casework.personal_data import PersonalField
from casework.services.access_log import record_read
from casework.services.cases import case_for


@dataclass(frozen=True)
class Permit:
    """A route anyone whose role may do `action` may call (no case involved)."""

    action: Action
    answers: ClassVar[tuple[int, ...]] = (403,)

    async def __call__(self, actor: ActorDep) -> Actor:
        require(self.action, actor)  # the rule table only: no thread needed
        return actor


_UUID = {"format": "uuid"}


@dataclass(frozen=True)
class CaseAccess:
    """The route's case, once the caller may know it (else 404) and may do `action` (else 403).

    For a write, then, the case as loaded must meet the request's If-Match (else 412).
    A route that shows `personal` data of the case's entrepreneur writes the read in the
    access log, in the request's transaction.
    """

    action: Action
    personal: tuple[PersonalField, ...] = ()
    answers: ClassVar[tuple[int, ...]] = (403, 404)

    async def __call__(
        self,
        case_id: Annotated[str, Path(description="The case's id.", json_schema_extra=_UUID)],
        claims: TokenSubject,
        session: SessionDep,
        request: Request,
    ) -> Case:
        # The store is read in a worker thread, as for a `def` dependency; the If-Match is
        # checked back on the event loop, in the request's own context, so that the version
        # it pins reaches the route's thread and the flows it runs.
        route = f"{request.method} {request.scope['route'].path}"
        case, actor = await run_in_threadpool(self._case, case_id, claims, session, route)
        require_if_match(case, request.method, request.headers)
        request.state.case_reader = actor
        return case

    def _case(
        self, case_id: str, claims: TokenClaims, session: Session, route: str
    ) -> tuple[Case, Actor]:
        try:
            known_id: uuid.UUID | None = uuid.UUID(case_id)
        except ValueError:
            known_id = None
        # The account and the case in one statement; `case_for` then finds the case in the
        # session, and still decides alone who may know it and act on it.
        found = session.execute(
            _account_and_case(), {"user_id": claims.user_id, "case_id": known_id}
        ).one_or_none()
        actor = actor_of(signed_in(found[0] if found else None, claims))
        # A malformed id names no case: 404 here keeps a 422 from listing the body's fields
        # to someone who may not call the route at all.
        if known_id is None:
            raise NotFound("No case with this id.")
        case = case_for(self.action, known_id, actor, session=session)
        if self.personal:
            record_read(
                actor,
                case.entrepreneur_id,
                self.personal,
                route=route,
                case_id=case.id,
                session=session,
            )
        return case, actor


def case_reader(request: Request) -> Actor:
    """Who the route's case was given to: the caller, as the case's dependency knew them
    (no second read of their account)."""
    actor: Actor = request.state.case_reader
    return actor


# Built once, on first use, with the ids as parameters: building it costs more than running it.
@cache
def _account_and_case() -> Select[User, Case]:
    case_id = col(Case.id) == bindparam("case_id")
    return select(User, Case).outerjoin(Case, case_id).where(col(User.id) == bindparam("user_id"))


def permit(action: Action) -> Any:
    """The dependency that lets through only the roles that may do `action`."""
    return Depends(Permit(action))


def case_with(action: Action, *, personal: tuple[PersonalField, ...] = ()) -> Any:
    """The dependency that gives the route its case, for callers that may do `action` with it;
    a route that shows the entrepreneur's `personal` data logs the read."""
    return Depends(CaseAccess(action, personal))
