"""Scaled mode's recovery: moves and prints whose run died are submitted again.

Prefect does not re-run a crashed run by itself. A move under way whose run crashed,
failed or was cancelled, whose run went silent past its lease (its worker was killed),
or that was never submitted (its requester stopped first), is submitted again; the
dead run is marked Crashed on the dashboard, with the reason. A move whose runs have
ended so `CASEWORK_MOVE_ATTEMPTS` times is given up instead: finished unmade, with a
timeline entry, so that a move that can never succeed is not submitted for ever.
`casework worker` does all this when it starts and then every
`CASEWORK_MOVE_LEASE_SECONDS / 2`.

Copies still waiting for their print are submitted again when a worker starts, as
`casework serve` prints them at its start in the embedded mode: those kept more than a
lease ago whose print no run is about to make (none scheduled, pending or running).
"""

import asyncio
import logging
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    FlowRunFilter,
    FlowRunFilterId,
    FlowRunFilterState,
    FlowRunFilterStateType,
    FlowRunFilterTags,
)
from prefect.client.schemas.objects import StateType
from prefect.states import Crashed
from sqlalchemy.orm.exc import StaleDataError

from casework.database import open_session
from casework.dossier.keeping import waiting_moments
from casework.errors import Conflict
from casework.models.columns import utc_now
from casework.services import pending_moves
from casework.services.referral_sending import waiting_partner_copies
from casework.settings import get_settings
from flows.deployment_runner import submit_move
from flows.deployment_runs import Submission, moment_print, partner_copy_print, submit
from flows.run_names import slug

logger = logging.getLogger(__name__)

# A run in any final state has ended; if its move is not finished, nothing will finish it.
_ENDED = {"CRASHED", "FAILED", "CANCELLED", "COMPLETED"}
# A requester submits its run right after keeping the move: one not submitted this long
# after it was asked for was left by a requester that stopped.
_UNSUBMITTED_AFTER = timedelta(seconds=30)


@dataclass(frozen=True)
class Recovered:
    """What a recovery submitted again."""

    moves: list[uuid.UUID]
    prints: int
    given_up: list[uuid.UUID] = field(default_factory=list)


def recover(now: datetime | None = None, *, prints: bool = False) -> Recovered:
    """Submit again every move whose run died, and the waiting prints if `prints`."""
    now = now or utc_now()
    with open_session() as session:
        unfinished = [
            move.flow_run_id
            for move in session.exec(pending_moves.unfinished()).all()
            if move.flow_run_id is not None
        ]
    states = asyncio.run(_run_states(unfinished)) if unfinished else {}
    ended = {run for run, state in states.items() if state in _ENDED}
    with open_session() as session:
        stalled = pending_moves.stalled(
            session=session,
            now=now,
            lease=get_settings().move_lease,
            unsubmitted_after=_UNSUBMITTED_AFTER,
            runs_ended=ended,
            runs_claimed={run for run, state in states.items() if state == "PENDING"},
        )
        attempts = get_settings().move_attempts
        dead = [(move.id, move.flow_run_id) for move in stalled if move.submissions < attempts]
        hopeless = [(move.id, move.flow_run_id) for move in stalled if move.submissions >= attempts]
        for move in stalled:
            if move.submissions >= attempts:
                pending_moves.give_up(move, session=session)
        try:
            session.commit()
        except StaleDataError:  # another worker's recovery finished them first
            session.rollback()
            hopeless = []
    runs = {run for _, run in [*dead, *hopeless] if run is not None}
    for silent in runs - ended:
        asyncio.run(_mark_crashed(silent))
    for gone, _ in hopeless:
        logger.error("Move %s given up: its runs ended %d times unmade", gone, attempts)
    moves = []
    for move_id, run_id in dead:
        try:
            if submit_move(move_id) is not None:
                moves.append(move_id)
                logger.warning("Move %s submitted again: its run %s died", move_id, run_id)
        except Conflict:
            continue  # another worker submitted it again at the same moment
    return Recovered(moves, _resubmit_prints(now) if prints else 0, [m for m, _ in hopeless])


async def _run_states(run_ids: list[uuid.UUID]) -> dict[uuid.UUID, str]:
    """The state type of each of these runs (`SCHEDULED`, `RUNNING`, `CRASHED`, ...)."""
    async with get_client() as client:
        runs = await client.read_flow_runs(
            flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=run_ids))
        )
    return {run.id: run.state.type.value for run in runs if run.state is not None}


async def _mark_crashed(run_id: uuid.UUID) -> None:
    message = "casework found this run's worker gone and submitted its move again"
    async with get_client() as client:
        await client.set_flow_run_state(run_id, Crashed(message=message), force=True)


def _resubmit_prints(now: datetime) -> int:
    """Submit again the prints of copies still waiting a lease after they were kept."""
    lease = get_settings().move_lease
    retry = f"retry-{int(now.timestamp() // lease.total_seconds())}"
    with open_session() as session:
        moments = waiting_moments(session=session, kept_before=now - lease)
        copies = waiting_partner_copies(session=session, kept_before=now - lease)
    if not moments and not copies:
        return 0
    printing = asyncio.run(_copies_being_printed())
    moments = [m for m in moments if not printing.intersection(m.dossier_ids)]
    copies = [c for c in copies if c.dossier_id not in printing]
    submissions: list[Submission] = [
        _again(moment_print(reference=m.reference, stage=m.stage, dossier_ids=m.dossier_ids), retry)
        for m in moments
    ] + [
        _again(
            partner_copy_print(
                reference=c.reference, partner=slug(c.partner), dossier_id=c.dossier_id
            ),
            retry,
        )
        for c in copies
    ]
    for submission in submissions:
        submit(submission)
    return len(submissions)


async def _copies_being_printed() -> set[str]:
    """The kept copies a print run is about to make or making (scheduled, pending, running)."""
    live = FlowRunFilterStateType(any_=[StateType.SCHEDULED, StateType.PENDING, StateType.RUNNING])
    async with get_client() as client:
        runs = await client.read_flow_runs(
            flow_run_filter=FlowRunFilter(
                tags=FlowRunFilterTags(all_=["dossier"]), state=FlowRunFilterState(type=live)
            )
        )
    printing: set[str] = set()
    for run in runs:
        printing.update(run.parameters.get("dossier_ids") or [])
        if run.parameters.get("dossier_id"):
            printing.add(str(run.parameters["dossier_id"]))
    return printing


def _again(submission: Submission, retry: str) -> Submission:
    """The same run under a key of its own: the first one's key answers the dead run."""
    return Submission(
        submission.flow_name, submission.parameters, f"{submission.key}-{retry}", submission.tags
    )
