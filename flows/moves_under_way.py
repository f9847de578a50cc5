"""A deployment run's side of a move under way: take it, keep it, or find it finished.

A run submitted for a move under way (`casework.services.pending_moves`) is given its
id, never what people wrote: it leases the move and reads that from the case store,
and keeps the lease while it works (a slow run is not taken for dead).
"""

import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from prefect import get_run_logger

from casework.database import expect_version, open_session
from casework.models import PendingMove
from casework.models.pending_moves import IF_VERSION
from casework.services import pending_moves
from casework.settings import get_settings


def take_move(move_id: uuid.UUID) -> dict[str, Any] | None:
    """Lease the move for this run; what was written for it, or None when it is finished.

    A move whose request was pinned to a version of the case (If-Match) may write the
    case from that version only, in this run (`expect_version`): else CaseMovedOn.
    """
    with open_session() as session:
        move = pending_moves.take(move_id, get_settings().move_lease, session=session)
        if move is None:
            return None
        pinned = move.inputs.get(IF_VERSION)
        if pinned is not None:
            expect_version(move.case_id, int(pinned))
        return dict(move.inputs)


def finish_unmade(move_id: uuid.UUID, outcome: dict[str, Any]) -> None:
    """End the move with an outcome that changed nothing, in a transaction of its own."""
    with open_session() as session:
        move = session.get(PendingMove, move_id)
        if move is not None and move.finished_at is None:
            pending_moves.finish(move, outcome, session=session)
            session.commit()


def finished_outcome(move_id: uuid.UUID) -> dict[str, Any]:
    """What the run that finished the move did (this run changes nothing)."""
    get_run_logger().info("Already made by an earlier run of this move: nothing changed")
    with open_session() as session:
        return pending_moves.outcome_of(move_id, session=session) or {}


@contextmanager
def keeping_lease(move_id: uuid.UUID) -> Iterator[None]:
    """Extend the move's lease every third of it until the block ends."""
    lease = get_settings().move_lease
    done = threading.Event()

    def renew() -> None:
        while not done.wait(lease.total_seconds() / 3):
            with open_session() as session:
                pending_moves.extend_lease(move_id, lease, session=session)

    renewing = threading.Thread(target=renew, name="move-lease", daemon=True)
    renewing.start()
    try:
        yield
    finally:
        done.set()
        renewing.join()
