"""The one place a stage-transition flow is launched.

Embedded mode runs the flow in this process against the configured Prefect
server and waits for it; a scaled mode (deployments served by workers) would
replace this function's body, and nothing that calls it.
"""

import asyncio
import uuid

from prefect import tags

from casework.database import open_session
from casework.errors import GateClosed
from casework.services.transitions import Reorientation, check
from flows.stage_flows import FLOWS, TransitionOutcome, reorient_case


def run_transition(
    transition: str,
    *,
    case_id: uuid.UUID,
    reference: str,
    actor_id: uuid.UUID | None,
    reorientation: Reorientation | None = None,
) -> TransitionOutcome:
    """Run the flow of `transition` for the case and wait for its outcome (call from sync code)."""
    with tags(f"case:{reference}", f"stage:{transition}"):
        if reorientation is not None:
            return asyncio.run(
                reorient_case(
                    case_id=case_id,
                    reference=reference,
                    reason=reorientation.reason,
                    suggestions=list(reorientation.suggestions),
                    actor_id=actor_id,
                )
            )
        return asyncio.run(
            FLOWS[transition](case_id=case_id, reference=reference, actor_id=actor_id)
        )


def request_transition(
    transition: str,
    *,
    case_id: uuid.UUID,
    reference: str,
    actor_id: uuid.UUID | None,
    reorientation: Reorientation | None = None,
) -> TransitionOutcome:
    """Make `transition` if its gate is open (GateClosed otherwise); a no-op if already made.

    A closed gate is answered without starting a flow run; the flow checks the gate again.
    """
    with open_session() as session:
        gate = check(case_id, transition, session=session)
    if gate.already_made:
        return TransitionOutcome(already_made=True)
    if gate.unmet:
        raise GateClosed(gate.unmet)
    outcome = run_transition(
        transition,
        case_id=case_id,
        reference=reference,
        actor_id=actor_id,
        reorientation=reorientation,
    )
    if outcome.unmet:
        raise GateClosed(outcome.unmet)
    return outcome
