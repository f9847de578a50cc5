"""One Prefect flow per stage transition; its runs are named `<transition>-<reference>`.

A transition's flow does one thing: commit the move, its steps, its event and the
moment's dossier data in one transaction (`transitions.commit`), starting over if
the case changed meanwhile. It has no Prefect task: each task run would cost a
client and API calls of its own for work that is one transaction. The dossier is
printed afterwards by the `render-dossier` flow (`flows/dossier_flow.py`).

What people wrote (a reason, a suggestion) is passed as `SecretStr`: the flow reads it,
and Prefect keeps `**********` among the run's parameters. Its database lies outside
the case store and is never erased, so no free text may reach it. A deployment run
(scaled mode) gets none at all: it takes the move under way `move_id`, reads what was
written from the case store, and commits the move and the move's end together; it then
submits the print of the moment's copies itself, since the request may not wait for it.

The flows are async: Prefect joins a sync flow's heartbeat thread for up to a
second at the end of every run, and an async flow does not wait for it.
"""

import uuid
from dataclasses import asdict
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from pydantic import SecretStr

from casework.database import CaseMovedOn, open_session
from casework.errors import Conflict
from casework.models import Case, PendingMove
from casework.services import pending_moves, transitions
from casework.services.transitions import Reorientation, TransitionOutcome, transition_named
from casework.vocabulary import Transition
from flows.deployment_runs import asubmit, moment_print
from flows.moves_under_way import finish_unmade, finished_outcome, keeping_lease, take_move
from flows.run_names import move_named, started_by

_ATTEMPTS = 3
_NOTHING = SecretStr("")


async def _move(
    case_id: uuid.UUID,
    transition: str,
    actor_id: uuid.UUID | None,
    reorientation: Reorientation | None = None,
    reason: str | None = None,
    move_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    if move_id is None:
        return asdict(_attempts(case_id, transition, actor_id, reorientation, reason))
    inputs = take_move(move_id)
    if inputs is None:
        return finished_outcome(move_id)
    if transition == Transition.REORIENTATION:
        reorientation = Reorientation(**inputs["reorientation"])
    reason = inputs.get("reason")
    with keeping_lease(move_id):
        outcome = _attempts(case_id, transition, actor_id, reorientation, reason, move_id)
    if outcome.made:
        reference = str(flow_run.parameters.get("reference", ""))
        await asubmit(
            moment_print(
                reference=reference, stage=str(outcome.stage), dossier_ids=outcome.dossier_ids
            )
        )
    return asdict(outcome)


def _attempts(
    case_id: uuid.UUID,
    transition: str,
    actor_id: uuid.UUID | None,
    reorientation: Reorientation | None,
    reason: str | None,
    move_id: uuid.UUID | None = None,
) -> TransitionOutcome:
    logger = get_run_logger()
    run_id = str(flow_run.get_id() or "") or None
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            with open_session() as session:
                move = None if move_id is None else session.get(PendingMove, move_id)
                if move is not None and move.outcome is not None:
                    return TransitionOutcome(**move.outcome)  # another run of it finished it
                # Loaded before the commit, which reuses it: the stage the case leaves.
                case = session.get(Case, case_id)
                leaving = case.stage if case is not None else None
                outcome = transitions.commit(
                    case_id,
                    transition,
                    session=session,
                    actor_id=actor_id,
                    reorientation=reorientation,
                    reason=reason,
                    flow_run_id=run_id,
                )
                if move is not None:
                    # In the move's transaction: made and finished, or neither.
                    pending_moves.finish(move, asdict(outcome), session=session)
                session.commit()
        except Conflict as clash:
            logger.warning(
                "Attempt %d of %s clashed (%s); starting over", attempt, transition, clash
            )
            continue
        except CaseMovedOn as moved:
            logger.warning("Not made: the case changed since it was asked for; nothing changed")
            return _unmade(TransitionOutcome(moved_on=moved.current_version), move_id)
        _log(logger, transition, leaving, outcome)
        return outcome
    raise Conflict(f"The case kept changing; {transition} was not made after {_ATTEMPTS} attempts.")


def _unmade(outcome: TransitionOutcome, move_id: uuid.UUID | None) -> TransitionOutcome:
    if move_id is not None:
        finish_unmade(move_id, asdict(outcome))
    return outcome


def _log(logger: Any, transition: str, leaving: str | None, outcome: TransitionOutcome) -> None:
    """What the move did, in references, stages and counts only: Prefect keeps it for good."""
    who = started_by(flow_run.tags)
    if outcome.already_made:
        logger.info("Already made (asked by %s): nothing changed", who)
        return
    if outcome.unmet:
        logger.warning("Gate closed: %d requirement(s) unmet; nothing changed", len(outcome.unmet))
        return
    met = len(transition_named(transition).requirements)
    if met:
        logger.info("Gate open: %d requirement(s) met", met)
    stage, status = _words(outcome.stage), _words(outcome.status)
    if outcome.stage != leaving:
        logger.info("Case moved from %s to %s by %s", _words(leaving), stage, who)
    else:
        logger.info("Case now %s, still in %s, by %s", status, stage, who)
    logger.info("%d dossier copies kept; their print follows", len(outcome.dossier_ids))


def _words(value: str | None) -> str:
    return str(value).replace("_", " ")


@flow(name="enter-support", flow_run_name=move_named(Transition.SUPPORT))
async def enter_support(
    case_id: uuid.UUID,
    reference: str,
    actor_id: uuid.UUID | None = None,
    move_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Reception → support, once the assessment says proceed and training is done."""
    return await _move(case_id, "support", actor_id, move_id=move_id)


@flow(name="enter-linkage", flow_run_name=move_named(Transition.LINKAGE))
async def enter_linkage(
    case_id: uuid.UUID,
    reference: str,
    actor_id: uuid.UUID | None = None,
    move_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Support → linkage: freeze the approved plan's results and rank partner matches."""
    return await _move(case_id, "linkage", actor_id, move_id=move_id)


@flow(name="enter-follow-up", flow_run_name=move_named(Transition.FOLLOW_UP))
async def enter_follow_up(
    case_id: uuid.UUID,
    reference: str,
    actor_id: uuid.UUID | None = None,
    move_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Linkage → follow-up, once a partner accepted or the plan is self-financed."""
    return await _move(case_id, "follow_up", actor_id, move_id=move_id)


@flow(name="complete-case", flow_run_name=move_named(Transition.COMPLETED))
async def complete_case(
    case_id: uuid.UUID,
    reference: str,
    actor_id: uuid.UUID | None = None,
    move_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Follow-up → completed, once the follow-up period is over."""
    return await _move(case_id, "completed", actor_id, move_id=move_id)


@flow(name="reorient-case", flow_run_name=move_named(Transition.REORIENTATION))
async def reorient_case(
    case_id: uuid.UUID,
    reference: str,
    reason: SecretStr = _NOTHING,
    suggestions: list[SecretStr] | None = None,
    activity_ids: list[str] | None = None,
    reason_code: str = "other",
    actor_id: uuid.UUID | None = None,
    move_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Reception or support → reoriented, with the reason and suggested activities."""
    reorientation = Reorientation(
        reason.get_secret_value(),
        [each.get_secret_value() for each in suggestions or []],
        reason_code,
        list(activity_ids or []),
    )
    return await _move(case_id, "reorientation", actor_id, reorientation, move_id=move_id)


@flow(name="change-status", flow_run_name=move_named())
async def change_status(
    case_id: uuid.UUID,
    reference: str,
    transition: str,
    reason: SecretStr | None = None,
    actor_id: uuid.UUID | None = None,
    move_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Put on hold, resume or withdraw: the case keeps its stage, its status changes."""
    written = None if reason is None else reason.get_secret_value()
    return await _move(case_id, transition, actor_id, reason=written, move_id=move_id)


STATUS_MOVES = frozenset({Transition.ON_HOLD, Transition.RESUME, Transition.WITHDRAWAL})

FLOWS = {
    Transition.SUPPORT: enter_support,
    Transition.LINKAGE: enter_linkage,
    Transition.FOLLOW_UP: enter_follow_up,
    Transition.COMPLETED: complete_case,
}
