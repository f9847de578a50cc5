"""Moves under way in scaled mode: asked for, taken by a run, finished with its commit.

The life of a move made by a deployment run:

1. `ask` keeps the request (and what people wrote) in the store and commits it; a
   second request for the same move of the same case joins the first.
2. The requester submits a run and notes it (`submitted`).
3. The run `take`s the move (a lease: past `lease_until` it is taken for dead) and
   commits the case's move and `finish` in one transaction: a move is either made and
   finished, or neither.
4. `stalled` finds the moves whose run died (crashed, failed, cancelled, or silent past
   its lease) so that they are submitted again; the case's version makes a repeated
   run harmless.
"""

import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from casework.errors import Conflict
from casework.models import Case, PendingMove
from casework.models.columns import utc_now
from casework.models.pending_moves import REFERRAL_SEND
from casework.services.timeline import record_event


def under_way(case_id: uuid.UUID, *, session: Session) -> PendingMove | None:
    """The case's move under way (a referral being sent included), if any."""
    return session.exec(
        select(PendingMove).where(
            col(PendingMove.case_id) == case_id, col(PendingMove.finished_at).is_(None)
        )
    ).first()


def ask(
    case_id: uuid.UUID,
    kind: str,
    *,
    session: Session,
    actor_id: uuid.UUID | None,
    inputs: dict[str, Any],
    referral_id: uuid.UUID | None = None,
) -> tuple[PendingMove, bool]:
    """Keep a move asked for, and commit; the move, and whether it joined one under way.

    Conflict when another move of the case is under way: one move at a time per case.
    """
    for _ in range(2):
        current = under_way(case_id, session=session)
        if current is not None:
            if current.kind == kind and current.referral_id == referral_id:
                return current, True
            raise Conflict(_busy(current), field="to")
        move = PendingMove(
            case_id=case_id, kind=kind, referral_id=referral_id, actor_id=actor_id, inputs=inputs
        )
        session.add(move)
        try:
            session.commit()
        except Conflict:
            # Another request asked at the same moment: its move is the one under way.
            session.rollback()
            continue
        return move, False
    raise Conflict("The case's moves keep changing; try again.", field="to")


def _busy(current: PendingMove) -> str:
    if current.kind == REFERRAL_SEND:
        return "A referral of this case is being sent; try again when it is."
    return f"A move of this case to {current.kind.replace('_', ' ')} is under way; wait for it."


def submitted(move_id: uuid.UUID, flow_run_id: uuid.UUID, *, session: Session) -> None:
    """Note the run submitted for the move, and commit."""
    move = session.get(PendingMove, move_id)
    if move is None or move.finished_at is not None:
        return
    move.flow_run_id = flow_run_id
    session.add(move)
    session.commit()


def claim_submission(move_id: uuid.UUID, *, session: Session) -> int | None:
    """Count one more submission of the move and commit; its number, or None if finished.

    Two requesters (or two workers recovering it) claim in turn: the version makes the
    loser's write fail, so each number is handed out once.
    """
    move = session.get(PendingMove, move_id)
    if move is None or move.finished_at is not None:
        return None
    move.submissions += 1
    move.submitted_at = utc_now()
    move.lease_until = None
    session.add(move)
    session.commit()
    return move.submissions


def take(move_id: uuid.UUID, lease: timedelta, *, session: Session) -> PendingMove | None:
    """The run starts on the move: lease it for `lease`, and commit; None if finished."""
    move = session.get(PendingMove, move_id)
    if move is None or move.finished_at is not None:
        return None
    move.lease_until = utc_now() + lease
    session.add(move)
    session.commit()
    return move


def extend_lease(move_id: uuid.UUID, lease: timedelta, *, session: Session) -> None:
    """The run still works on the move: push its lease on, and commit.

    A plain UPDATE, which leaves the row's version alone: the run's own commit of the
    move, under way meanwhile, is not made to start over.
    """
    session.connection().execute(
        update(PendingMove)
        .where(col(PendingMove.id) == move_id, col(PendingMove.finished_at).is_(None))
        .values(lease_until=utc_now() + lease)
    )
    session.commit()


def finish(move: PendingMove, outcome: dict[str, Any], *, session: Session) -> None:
    """Mark the move done with what its run did, in the caller's transaction (its commit's)."""
    move.finished_at = utc_now()
    move.outcome = outcome
    move.inputs = {}  # what people wrote now lives in the case's own rows
    move.lease_until = None
    session.add(move)


def given_up(attempts: int) -> str:
    """Why a move given up changed nothing, in words for whoever asked for it."""
    return (
        f"A technical fault stopped this move: its runs ended without making it {attempts} "
        "times. Nothing changed; it can be asked for again once the unit's technical staff "
        "have looked at the failed runs on the Prefect dashboard."
    )


def give_up(move: PendingMove, *, session: Session) -> None:
    """End a move whose runs kept dying or failing, unmade, and say so on its timeline.

    In the caller's transaction. Without a cap, a move that can never be made (a bug, a
    lasting fault) would be submitted again at every recovery, for ever.
    """
    finish(move, {"gave_up": move.submissions}, session=session)
    case = session.get(Case, move.case_id)
    assert case is not None, "a move under way keeps its case"
    what = "sending of a referral" if move.kind == REFERRAL_SEND else f"move to {move.kind}"
    record_event(
        case,
        "move_given_up",
        f"A technical fault stopped the {what}; nothing changed. It can be asked for again.",
        session=session,
        actor_id=move.actor_id,
        detail={"move_id": str(move.id), "kind": move.kind, "runs": move.submissions},
    )


def outcome_of(move_id: uuid.UUID, *, session: Session) -> dict[str, Any] | None:
    """What the move's run did, once finished."""
    move = session.get(PendingMove, move_id)
    if move is None or move.finished_at is None:
        return None
    return dict(move.outcome or {})


# A run claimed by a worker starts in seconds; one not started in this many leases never will.
_CLAIMED_LEASES = 5


def unfinished() -> SelectOfScalar[PendingMove]:
    """Every move under way, oldest first."""
    return (
        select(PendingMove)
        .where(col(PendingMove.finished_at).is_(None))
        .order_by(col(PendingMove.requested_at))
    )


def stalled(
    *,
    session: Session,
    now: datetime,
    lease: timedelta,
    unsubmitted_after: timedelta,
    runs_ended: set[uuid.UUID],
    runs_claimed: set[uuid.UUID],
) -> list[PendingMove]:
    """Unfinished moves no run is making, which a new run should make.

    Those never submitted (`unsubmitted_after` after they were asked for), those whose
    run went silent past its lease, those whose run ended without finishing them, and
    those whose run a worker claimed but never started, five leases after submission. The
    caller asks Prefect which runs ended (`runs_ended`: any final state) and which are
    claimed (`runs_claimed`: pending). A run still scheduled waits for a worker: a move
    is not submitted twice for want of one.
    """
    return [
        move
        for move in session.exec(unfinished()).all()
        if (move.flow_run_id is None and move.requested_at < now - unsubmitted_after)
        or (move.lease_until is not None and move.lease_until < now)
        or (move.flow_run_id is not None and move.flow_run_id in runs_ended)
        or (
            move.lease_until is None
            and move.flow_run_id in runs_claimed
            and move.submitted_at is not None
            and move.submitted_at < now - _CLAIMED_LEASES * lease
        )
    ]
