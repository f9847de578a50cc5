"""Who may call a route, decided from casework's rule table before the body is read.

Each route declares its action once, as a dependency. FastAPI solves dependencies
before it validates the body, so a caller without the right gets 403 (or 404 for
a case they may not know exists) and learns nothing of the body's schema. Checks
that depend on the body's content stay in the services.
"""

import uuid
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, ClassVar

from fastapi import Depends, Path
from sqlalchemy import Select, bindparam, select
from sqlmodel import col

from api.dependencies import ActorDep, SessionDep, TokenSubject, actor_of, signed_in
from casework.actors import Action, Actor, require
from casework.errors import NotFound
from casework.models import Case, User
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
    """The route's case, once the caller may know it (else 404) and may do `action` (else 403)."""

    action: Action
    answers: ClassVar[tuple[int, ...]] = (403, 404)

    def __call__(
        self,
        case_id: Annotated[str, Path(description="The case's id.", json_schema_extra=_UUID)],
        user_id: TokenSubject,
        session: SessionDep,
    ) -> Case:
        try:
            known_id: uuid.UUID | None = uuid.UUID(case_id)
        except ValueError:
            known_id = None
        # The account and the case in one statement; `case_for` then finds the case in the
        # session, and still decides alone who may know it and act on it.
        found = session.execute(
            _account_and_case(), {"user_id": user_id, "case_id": known_id}
        ).one_or_none()
        actor = actor_of(signed_in(found[0] if found else None))
        # A malformed id names no case: 404 here keeps a 422 from listing the body's fields
        # to someone who may not call the route at all.
        if known_id is None:
            raise NotFound("No case with this id.")
        return case_for(self.action, known_id, actor, session=session)


# Built once, on first use, with the ids as parameters: building it costs more than running it.
@cache
def _account_and_case() -> Select[User, Case]:
    case_id = col(Case.id) == bindparam("case_id")
    return select(User, Case).outerjoin(Case, case_id).where(col(User.id) == bindparam("user_id"))


def permit(action: Action) -> Any:
    """The dependency that lets through only the roles that may do `action`."""
    return Depends(Permit(action))


def case_with(action: Action) -> Any:
    """The dependency that gives the route its case, for callers that may do `action` with it."""
    return Depends(CaseAccess(action))
