"""The one place a stage-transition flow is launched, behind a runner a setting chooses.

`FlowRunner` is the seam: the embedded runner (today's only one) runs the flow in
this process against the configured Prefect server and waits for it; the scaled
mode's deployment runner will be a second implementation of the same protocol,
chosen by `CASEWORK_FLOW_RUNNER`, with no change to any caller. Flows take and
return plain JSON values (ids, strings, numbers), so any runner can carry them.
"""

import asyncio
import uuid
from typing import Any, Protocol

from prefect import tags

from casework.database import open_session
from casework.errors import GateClosed
from casework.services.transitions import Reorientation, check, transition_named
from casework.settings import get_settings
from casework.vocabulary import Transition
from flows.stage_flows import (
    FLOWS,
    STATUS_MOVES,
    TransitionOutcome,
    change_status,
    reorient_case,
)


class FlowRunner(Protocol):
    """Runs the flow of one transition for one case and returns its plain-JSON outcome."""

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
        """Run the flow to its end and return what it returned."""
        ...


class EmbeddedRunner:
    """Runs the flow in this process against the configured Prefect server (from sync code)."""

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
        """Run the flow to its end and return what it returned."""
        with tags(f"case:{reference}", f"stage:{transition}"):
            if transition == Transition.REORIENTATION:
                assert reorientation is not None, "a reorientation carries its reason"
                return asyncio.run(
                    reorient_case(
                        case_id=case_id,
                        reference=reference,
                        reason=reorientation.reason,
                        suggestions=list(reorientation.suggestions),
                        actor_id=actor_id,
                    )
                )
            if transition in STATUS_MOVES:
                return asyncio.run(
                    change_status(
                        case_id=case_id,
                        reference=reference,
                        transition=transition.value,
                        reason=reason,
                        actor_id=actor_id,
                    )
                )
            return asyncio.run(
                FLOWS[transition](case_id=case_id, reference=reference, actor_id=actor_id)
            )


_RUNNERS: dict[str, FlowRunner] = {"embedded": EmbeddedRunner()}


def flow_runner() -> FlowRunner:
    """The runner `CASEWORK_FLOW_RUNNER` names."""
    return _RUNNERS[get_settings().flow_runner]


def run_transition(
    transition: str,
    *,
    case_id: uuid.UUID,
    reference: str,
    actor_id: uuid.UUID | None,
    reorientation: Reorientation | None = None,
    reason: str | None = None,
) -> TransitionOutcome:
    """Run the flow of `transition` for the case through the configured runner; its outcome."""
    made = flow_runner().run(
        transition_named(transition).name,
        case_id=case_id,
        reference=reference,
        actor_id=actor_id,
        reorientation=reorientation,
        reason=reason,
    )
    return TransitionOutcome(**made)


def request_transition(
    transition: str,
    *,
    case_id: uuid.UUID,
    reference: str,
    actor_id: uuid.UUID | None,
    reorientation: Reorientation | None = None,
    reason: str | None = None,
) -> TransitionOutcome:
    """Make `transition` if its gate is open (GateClosed otherwise); a no-op if already made.

    A closed gate is answered without starting a flow run; the flow checks the gate again.
    """
    name = transition_named(transition).name
    with open_session() as session:
        gate = check(case_id, name, session=session)
    if gate.already_made:
        return TransitionOutcome(already_made=True)
    if gate.unmet:
        raise GateClosed(gate.unmet)
    outcome = run_transition(
        name,
        case_id=case_id,
        reference=reference,
        actor_id=actor_id,
        reorientation=reorientation,
        reason=reason,
    )
    if outcome.unmet:
        raise GateClosed(outcome.unmet)
    return outcome
