"""Asking to be forgotten, and a manager confirming (carrying it out) or declining it.

Confirmation waits until none of the person's cases is still open or moving: support
that is under way is not erased from under the advisor, and the person may withdraw a
case at any time (so the gate is theirs to open). Once confirmed, the erasure is done
in the same transaction (`casework.services.forgetting`).
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from casework.actors import Actor
from casework.errors import Conflict, GateClosed, NotFound
from casework.models import Case, ErasureRequest, PendingMove, User
from casework.models.columns import utc_now
from casework.services.forgetting import forget
from casework.vocabulary import CaseStatus, ErasureStatus

_OPEN = (CaseStatus.ACTIVE, CaseStatus.ON_HOLD)


class Decline(BaseModel):
    """Why the request is declined (the law may oblige the unit to keep the data)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: str = Field(min_length=3, max_length=2_000)


def ask_to_be_forgotten(actor: Actor, *, session: Session) -> tuple[ErasureRequest, bool]:
    """The person's open request, made now unless one already waits; and whether it is new."""
    waiting = _open_request_of(actor.id, session)
    if waiting is not None:
        return waiting, False
    request = ErasureRequest(person_id=actor.id)
    try:
        with session.begin_nested():
            session.add(request)
    except IntegrityError:  # the same person asked twice at once: theirs is the other one
        waiting = _open_request_of(actor.id, session)
        assert waiting is not None
        return waiting, False
    return request, True


def latest_request_of(person_id: uuid.UUID, *, session: Session) -> ErasureRequest | None:
    """The person's last request to be forgotten (waiting, or how it was decided), if any."""
    return session.exec(
        select(ErasureRequest)
        .where(col(ErasureRequest.person_id) == person_id)
        .order_by(col(ErasureRequest.requested_at).desc(), col(ErasureRequest.id))
    ).first()


def erasure_requests(
    manager: Actor,
    *,
    session: Session,
    status: ErasureStatus | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[Sequence[ErasureRequest], int]:
    """A page of the requests the manager decides on (their unit's people; the programme's
    manager, everyone's), the longest waiting first, and the total."""
    query = select(ErasureRequest)
    if manager.unit_id is not None:
        query = query.join(User, col(User.id) == col(ErasureRequest.person_id)).where(
            col(User.unit_id) == manager.unit_id
        )
    if status is not None:
        query = query.where(col(ErasureRequest.status) == status)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    page = session.exec(
        query.order_by(col(ErasureRequest.requested_at), col(ErasureRequest.id))
        .limit(limit)
        .offset(offset)
    ).all()
    return page, total


def confirm_erasure(request_id: uuid.UUID, manager: Actor, *, session: Session) -> ErasureRequest:
    """Carry the request out: 409 with what still stands in the way, else the person is
    forgotten, in this transaction."""
    request, person = _waiting(request_id, manager, session)
    unmet = unmet_for_erasure(person.id, session=session)
    if unmet:
        raise GateClosed(unmet)
    forget(person, session=session)
    _decide(request, ErasureStatus.CONFIRMED, manager)
    session.add(request)
    session.flush()
    return request


def decline_erasure(
    request_id: uuid.UUID, data: Decline, manager: Actor, *, session: Session
) -> ErasureRequest:
    """Decline the request, saying why."""
    request, _ = _waiting(request_id, manager, session)
    _decide(request, ErasureStatus.DECLINED, manager)
    request.reason = data.reason
    session.add(request)
    session.flush()
    return request


def unmet_for_erasure(person_id: uuid.UUID, *, session: Session) -> list[str]:
    """What keeps the person's data from being erased now, in sentences."""
    open_cases = session.exec(
        select(Case.reference, Case.status)
        .where(col(Case.entrepreneur_id) == person_id, col(Case.status).in_(_OPEN))
        .order_by(col(Case.reference))
    ).all()
    unmet = [
        f"Case {reference} is still {CaseStatus(status).value.replace('_', ' ')}: it must be "
        "completed, reoriented or withdrawn first (the person may withdraw it themself)."
        for reference, status in open_cases
    ]
    moving = session.exec(
        select(Case.reference)
        .join(PendingMove, col(PendingMove.case_id) == col(Case.id))
        .where(col(Case.entrepreneur_id) == person_id, col(PendingMove.finished_at).is_(None))
    ).all()
    unmet += [f"Case {reference} has a move under way: wait for it to end." for reference in moving]
    return unmet


def _open_request_of(person_id: uuid.UUID, session: Session) -> ErasureRequest | None:
    return session.exec(
        select(ErasureRequest).where(
            col(ErasureRequest.person_id) == person_id,
            col(ErasureRequest.status) == ErasureStatus.REQUESTED,
        )
    ).first()


def _waiting(
    request_id: uuid.UUID, manager: Actor, session: Session
) -> tuple[ErasureRequest, User]:
    """The request still waiting for a decision, and its person, as `manager` may know them."""
    request = session.get(ErasureRequest, request_id)
    person = session.get(User, request.person_id) if request else None
    # Another unit's person's request is one a unit's manager does not know of.
    if request is None or person is None or not manager.sees_unit(person.unit_id):
        raise NotFound("No request to be forgotten with this id.")
    if request.status != ErasureStatus.REQUESTED:
        raise Conflict(f"This request was {request.status} already.")
    return request, person


def _decide(request: ErasureRequest, status: ErasureStatus, manager: Actor) -> None:
    request.status = status
    request.decided_by = manager.id
    request.decided_at = utc_now()


@dataclass(frozen=True)
class AtStake:
    """A request as the manager deciding on it reads it: whose it is, the cases whose texts
    confirming it would erase, what still stands in its way, and who decided it."""

    request: ErasureRequest
    person: User
    cases: list[Case]
    unmet: list[str]
    decided_by: User | None


def at_stake(requests: Sequence[ErasureRequest], *, session: Session) -> list[AtStake]:
    """What each of `requests` (a page `erasure_requests` gave) puts at stake."""
    return [_at_stake(request, session) for request in requests]


def _at_stake(request: ErasureRequest, session: Session) -> AtStake:
    person = session.get(User, request.person_id)
    assert person is not None  # a request's person is a row the store keeps (foreign key)
    cases = session.exec(
        select(Case).where(col(Case.entrepreneur_id) == person.id).order_by(col(Case.reference))
    ).all()
    waiting = request.status == ErasureStatus.REQUESTED
    return AtStake(
        request=request,
        person=person,
        cases=list(cases),
        unmet=unmet_for_erasure(person.id, session=session) if waiting else [],
        decided_by=session.get(User, request.decided_by) if request.decided_by else None,
    )
