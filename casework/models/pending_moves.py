"""A move asked for and not yet committed: what a deployment run needs, and where it stands.

In scaled mode a case's move is made by a flow run on a Prefect worker, not in the
request's process. The request keeps here what the run needs that may not travel
through Prefect (what people wrote: a reason, suggestions, a referral's notes), then
submits the run; the run reads it, and commits the move and `finished_at` in one
transaction. An unfinished row is a move under way: the case answers it as
`pending_transition`, a second request for the same move joins it, and a row whose run
died is found and submitted again (`casework.services.pending_moves.stalled`).
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, Uuid, column, table, text
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, Session, SQLModel, col, select

from casework.models.columns import UTCDateTime, utc_now


class PendingMove(SQLModel, table=True):
    """One move of a case (or one referral's sending) asked for, and its run."""

    __tablename__ = "pending_moves"
    # At most one move under way per case: a second request finds the first one's row.
    __table_args__ = (
        Index(
            "ux_pending_moves_case_unfinished",
            "case_id",
            unique=True,
            sqlite_where=text("finished_at IS NULL"),
            postgresql_where=text("finished_at IS NULL"),
        ),
    )

    # Two runs of one move (a resubmitted one and the one taken for dead) never both
    # finish it: the second's write fails on the version the first moved.
    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805  (a class-level directive)
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    case_id: uuid.UUID = Field(foreign_key="cases.id", index=True)
    # A transition's name (`support`, `on_hold`, ...) or `send-referral`.
    kind: str = Field(sa_type=String(20))
    referral_id: uuid.UUID | None = Field(default=None, foreign_key="referrals.id")
    actor_id: uuid.UUID | None = Field(default=None, foreign_key="users.id")
    # What the run needs that never goes through Prefect (free text people wrote);
    # cleared when the move is finished.
    inputs: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    requested_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    # The latest run submitted for it, when, and how many were.
    flow_run_id: uuid.UUID | None = None
    submitted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    submissions: int = 0
    # Set and extended by the run while it works: past it, the run is taken for dead.
    lease_until: datetime | None = Field(default=None, sa_type=UTCDateTime)
    finished_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    # What the run did, as its flow returns it (no free text).
    outcome: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    version: int = 1


REFERRAL_SEND = "send-referral"
# In a move's inputs: the version of the case its request was pinned to (If-Match).
IF_VERSION = "if_version"


@dataclass(frozen=True)
class MoveUnderWay:
    """What a case says of its stage or status move under way: to where, by which run, since."""

    to: str
    flow_run_id: uuid.UUID | None
    since: datetime


def move_under_way(case_id: uuid.UUID, version: int, *, session: Session) -> MoveUnderWay | None:
    """The case's stage or status move under way, if any (a referral being sent is not one),
    as seen by an answer that read the case at `version`."""
    return moves_under_way({case_id: version}, session=session).get(case_id)


# The cases' versions now, read in the same statement as their unfinished moves.
_CASES = table("cases", column("id", Uuid()), column("version", Integer()))


def moves_under_way(
    read_at: dict[uuid.UUID, int], *, session: Session
) -> dict[uuid.UUID, MoveUnderWay]:
    """The stage or status move under way of each of these cases that has one, for an answer
    that read each case at the version given (`read_at`), in one query.

    On PostgreSQL each statement sees what was committed when it began: a move's run may
    commit between the case's read and this one. The answer would then show the stage from
    before the move and no move under way, and a client waiting for the move to be made
    would take it for made and refused. So the cases' versions are read with their moves:
    a case that changed since it was read reports its latest move as still under way (as
    the answer's own stage has it), and the next read shows both made.
    """
    if not read_at:
        return {}
    unfinished = col(PendingMove.finished_at).is_(None) & (col(PendingMove.kind) != REFERRAL_SEND)
    rows = session.execute(
        select(_CASES.c.id, _CASES.c.version, PendingMove)
        .select_from(_CASES)
        .outerjoin(PendingMove, (col(PendingMove.case_id) == _CASES.c.id) & unfinished)
        .where(_CASES.c.id.in_(list(read_at)))
    ).all()
    found = {case_id: move for case_id, _, move in rows if move is not None}
    changed = [
        case_id
        for case_id, version, move in rows
        if move is None and version != read_at.get(case_id)
    ]
    if changed:
        latest = session.exec(
            select(PendingMove)
            .where(col(PendingMove.case_id).in_(changed), col(PendingMove.kind) != REFERRAL_SEND)
            .order_by(col(PendingMove.requested_at))
        ).all()
        found |= {move.case_id: move for move in latest}  # the last one of each case wins
    return {
        case_id: MoveUnderWay(move.kind, move.flow_run_id, move.requested_at)
        for case_id, move in found.items()
    }
