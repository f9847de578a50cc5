"""The `send-referral` flow and the print of the partner's copy it keeps.

Sending a referral is one transaction (`referral_sending.commit_send`): the move to
`sent`, its event and the data of the copy this partner may read. The run is named
`send-referral-<reference>-<partner slug>` and tagged like a stage flow's
(`case:<reference>`, `by:<role>`), so a case's runs are found together. Re-running it
for a referral already sent changes nothing. The PDF is printed afterwards from the kept
data alone, by the `render-referral-dossier` flow, and kept with its sha256; it never
goes through Prefect.
"""

import gc
import uuid
from dataclasses import asdict
from typing import Any

from prefect import flow, get_run_logger
from prefect.runtime import flow_run
from pydantic import SecretStr

from casework.database import CaseMovedOn, open_session
from casework.dossier.keeping import WAITING, print_kept
from casework.errors import Conflict
from casework.models import Dossier, PendingMove
from casework.services import pending_moves
from casework.services.referral_sending import SendOutcome, commit_send
from flows.deployment_runs import asubmit, partner_copy_print
from flows.dossier_flow import PrintFailed, keep_outcome
from flows.moves_under_way import finish_unmade, finished_outcome, keeping_lease, take_move
from flows.run_names import named, started_by

_ATTEMPTS = 3
_NO_NOTE = SecretStr("")


@flow(name="send-referral", flow_run_name=named("send-referral", "partner"))
async def send_referral(
    referral_id: uuid.UUID,
    reference: str,
    partner: str,
    note: SecretStr = _NO_NOTE,
    internal_note: SecretStr | None = None,
    actor_id: uuid.UUID | None = None,
    move_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Draft → sent, with the partner's copy of the dossier kept as data, in one transaction.

    The notes are what staff wrote: `SecretStr`, so that Prefect keeps `**********`. A
    deployment run gets the move under way `move_id` instead, and reads them from the
    case store; it submits the copy's print itself.
    """
    notes = {
        "note": note.get_secret_value(),
        "internal_note": None if internal_note is None else internal_note.get_secret_value(),
    }
    if move_id is not None:
        inputs = take_move(move_id)
        if inputs is None:
            return finished_outcome(move_id)
        notes = {"note": inputs.get("note", ""), "internal_note": inputs.get("internal_note")}
    if move_id is None:
        outcome = _attempts(referral_id, actor_id, notes, move_id)
    else:
        with keeping_lease(move_id):
            outcome = _attempts(referral_id, actor_id, notes, move_id)
    _log(get_run_logger(), reference, partner, outcome)
    if move_id is not None and outcome.dossier_id and not outcome.already_sent:
        await asubmit(
            partner_copy_print(reference=reference, partner=partner, dossier_id=outcome.dossier_id)
        )
    return asdict(outcome)


def _attempts(
    referral_id: uuid.UUID,
    actor_id: uuid.UUID | None,
    notes: dict[str, Any],
    move_id: uuid.UUID | None,
) -> SendOutcome:
    logger = get_run_logger()
    run_id = str(flow_run.get_id() or "") or None
    for attempt in range(1, _ATTEMPTS + 1):
        try:
            with open_session() as session:
                move = None if move_id is None else session.get(PendingMove, move_id)
                if move is not None and move.outcome is not None:
                    return SendOutcome(**move.outcome)  # another run of it finished it
                outcome = commit_send(
                    referral_id,
                    session=session,
                    actor_id=actor_id,
                    note=notes["note"],
                    internal_note=notes["internal_note"],
                    flow_run_id=run_id,
                )
                if move is not None:
                    # In the send's transaction: sent and finished, or neither.
                    pending_moves.finish(move, asdict(outcome), session=session)
                session.commit()
        except Conflict as clash:
            logger.warning("Attempt %d clashed (%s); starting over", attempt, clash)
            continue
        except CaseMovedOn as moved:
            logger.warning("Not sent: the case changed since it was asked for; nothing changed")
            outcome = SendOutcome(moved_on=moved.current_version)
            if move_id is not None:
                finish_unmade(move_id, asdict(outcome))
            return outcome
        return outcome
    raise Conflict(f"The case kept changing; the referral was not sent after {_ATTEMPTS} attempts.")


def _log(logger: Any, reference: str, partner: str, outcome: SendOutcome) -> None:
    """What the send did, by reference, partner slug and role only: Prefect keeps it for good."""
    who = started_by(flow_run.tags)
    if outcome.moved_on is not None:
        return  # said by the attempt that found it
    if outcome.already_sent:
        logger.info(
            "Referral of %s to %s already sent (asked by %s): nothing changed",
            reference,
            partner,
            who,
        )
    elif outcome.unmet:
        logger.warning("Not sent: %d requirement(s) unmet", len(outcome.unmet))
    elif outcome.refusal:
        logger.warning("Not sent: the referral's status does not allow it")
    else:
        logger.info("Referral of %s sent to %s by %s", reference, partner, who)
        logger.info("The partner's dossier copy is kept; its print follows")


@flow(name="render-referral-dossier", flow_run_name=named("render-referral-dossier", "partner"))
async def render_referral_dossier(reference: str, partner: str, dossier_id: str) -> dict[str, Any]:
    """Print the partner's kept copy, unless printed already; its sha256."""
    logger = get_run_logger()
    waiting = _waiting(uuid.UUID(dossier_id))
    if waiting is None:
        return {"printed": None}
    try:
        content = print_kept(waiting)
    except Exception as error:
        logger.exception(
            "The referral dossier of %s for %s could not be printed", reference, partner
        )
        keep_outcome(uuid.UUID(dossier_id), failure=error)
        raise PrintFailed(f"{reference}: the copy for {partner} could not be printed.") from error
    finally:
        # WeasyPrint leaves large reference cycles: collected here, off any request's path.
        gc.collect()
    sha256 = keep_outcome(uuid.UUID(dossier_id), content=content)
    logger.info("Dossier for %s printed: %d KB, sha256 %s", partner, len(content) // 1024, sha256)
    return {"printed": sha256}


def _waiting(dossier_id: uuid.UUID) -> Dossier | None:
    with open_session() as session:
        dossier = session.get(Dossier, dossier_id)
        if dossier is None or dossier.status not in WAITING:
            return None
        session.expunge(dossier)  # read as loaded; printed with no connection held
        return dossier
