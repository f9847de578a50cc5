"""Scaled mode's runner: each flow runs as a deployment run on a Prefect worker.

A move is kept in the case store as a move under way (`pending_moves.ask`), with what
people wrote, and a run of its flow's deployment is submitted with the move's id and
plain values only. The request then waits for the run to commit, up to
`CASEWORK_MOVE_WAIT_SECONDS`, reading the store; past it, the move is answered as under
way and the run goes on alone (it submits the moment's print itself). A second request
for the same move joins the first; a move whose run died is submitted again by the
recovery (`flows/recovery.py`). Prints are submitted as `render-dossier` runs, once per
moment: the idempotency key makes the run's own submission and this one the same run.
"""

import time
import uuid
from dataclasses import asdict
from typing import Any

from sqlmodel import Session

from casework.database import expected_version, open_session
from casework.models import Case, Partner, PendingMove, Referral
from casework.models.pending_moves import IF_VERSION, REFERRAL_SEND
from casework.services import pending_moves
from casework.services.transitions import Reorientation
from casework.settings import get_settings
from casework.vocabulary import Transition
from flows.deployment_runs import Submission, moment_print, partner_copy_print, submit
from flows.referral_flow import send_referral
from flows.run_names import by_tag, role_of, slug
from flows.stage_flows import FLOWS, STATUS_MOVES, change_status, reorient_case

# The flow of each move, by its name.
_FLOW_NAMES = {
    **{transition: each.name for transition, each in FLOWS.items()},
    Transition.REORIENTATION: reorient_case.name,
    **dict.fromkeys(STATUS_MOVES, change_status.name),
}
_UNDER_WAY = {"under_way": True}


class DeploymentRunner:
    """Submits every flow as a deployment run; waits a while for a move's commit."""

    def run(
        self,
        transition: Transition,
        *,
        case_id: uuid.UUID,
        reference: str,
        actor_id: uuid.UUID | None,
        reorientation: Reorientation | None,
        reason: str | None,
    ) -> dict[str, Any]:
        """Ask for the move, submit its run, and wait for it; its outcome, or `under_way`."""
        inputs: dict[str, Any] = {}
        if reorientation is not None:
            inputs["reorientation"] = asdict(reorientation)
        if reason is not None:
            inputs["reason"] = reason
        inputs |= _pinned(case_id)
        with open_session() as session:
            move, joined = pending_moves.ask(
                case_id, transition.value, session=session, actor_id=actor_id, inputs=inputs
            )
        if not joined:
            submit_move(move.id)
        return _wait(move.id)

    def print_dossiers(self, *, reference: str, stage: str, dossier_ids: list[str]) -> None:
        """Submit the moment's `render-dossier` run (the move's run may have done it)."""
        submit(moment_print(reference=reference, stage=stage, dossier_ids=dossier_ids))

    def send_referral(
        self,
        *,
        referral_id: uuid.UUID,
        reference: str,
        partner: str,
        note: str,
        internal_note: str | None,
        actor_id: uuid.UUID | None,
    ) -> dict[str, Any]:
        """Ask for the send, submit its `send-referral` run, and wait for it."""
        with open_session() as session:
            referral = session.get(Referral, referral_id)
            assert referral is not None, "the referral was found before it was sent"
            move, joined = pending_moves.ask(
                referral.case_id,
                REFERRAL_SEND,
                session=session,
                actor_id=actor_id,
                inputs={"note": note, "internal_note": internal_note, **_pinned(referral.case_id)},
                referral_id=referral_id,
            )
        if not joined:
            submit_move(move.id)
        return _wait(move.id)

    def print_referral_dossier(self, *, reference: str, partner: str, dossier_id: str) -> None:
        """Submit the partner's copy's `render-referral-dossier` run (once per copy)."""
        submit(partner_copy_print(reference=reference, partner=partner, dossier_id=dossier_id))

    def settle(self, timeout: float | None = None) -> bool:
        """Nothing runs in this process: there is nothing to wait for here."""
        return True

    def close(self) -> None:
        """Nothing runs in this process: the runs go on on the workers."""


def _pinned(case_id: uuid.UUID) -> dict[str, Any]:
    """The version the request pinned its write of the case to (If-Match), for the run."""
    version = expected_version(case_id)
    return {} if version is None else {IF_VERSION: version}


def submit_move(move_id: uuid.UUID) -> uuid.UUID | None:
    """Submit a run for the move under way (again, after a crash); its id, or None if finished.

    Each submission has a number of its own, claimed in the store, so two recoveries of
    one move never submit two runs, and a resubmission is never taken for the first.
    """
    with open_session() as session:
        number = pending_moves.claim_submission(move_id, session=session)
        move = session.get(PendingMove, move_id)
        if number is None or move is None:
            return None
        submission = _submission(move, number, session=session)
    run_id = submit(submission)
    with open_session() as session:
        pending_moves.submitted(move_id, run_id, session=session)
    return run_id


def _submission(move: PendingMove, number: int, *, session: Session) -> Submission:
    case = session.get(Case, move.case_id)
    assert case is not None, "a move under way keeps its case"
    reference = case.reference
    parameters: dict[str, Any] = {
        "reference": reference,
        "actor_id": None if move.actor_id is None else str(move.actor_id),
        "move_id": str(move.id),
    }
    tags = [f"case:{reference}", by_tag(role_of(move.actor_id))]
    if move.kind == REFERRAL_SEND:
        referral = session.get(Referral, move.referral_id)
        partner = session.get(Partner, referral.partner_id) if referral else None
        assert referral is not None, "a referral being sent keeps its row"
        assert partner is not None, "a partner once referred to is never deleted"
        parameters |= {"referral_id": str(referral.id), "partner": slug(partner.name)}
        flow_name = send_referral.name
        tags.append("referral")
    else:
        transition = Transition(move.kind)
        parameters["case_id"] = str(move.case_id)
        if transition in STATUS_MOVES:
            parameters["transition"] = transition.value
        flow_name = _FLOW_NAMES[transition]
        tags.append(f"stage:{transition}")
    return Submission(flow_name, parameters, key=f"move-{move.id}-{number}", tags=tags)


def _wait(move_id: uuid.UUID) -> dict[str, Any]:
    """The move's outcome once its run commits, or `under_way` past the configured wait."""
    deadline = time.monotonic() + get_settings().move_wait_seconds
    pause = 0.05
    while True:
        with open_session() as session:
            outcome = pending_moves.outcome_of(move_id, session=session)
        if outcome is not None:
            return outcome
        if time.monotonic() >= deadline:
            return dict(_UNDER_WAY)
        time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
        pause = min(pause * 2, 0.5)
