"""One Prefect flow per stage transition, named `<stage>-<reference>`.

The flows are async: Prefect joins a sync flow's heartbeat thread for up to a
second at the end of every run, and an async flow does not wait for it.
"""

import uuid
from dataclasses import dataclass, field
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import acreate_markdown_artifact
from prefect.context import TagsContext
from sqlalchemy.orm.exc import StaleDataError

from casework.errors import Conflict
from casework.partner_matching import Match
from casework.services.transitions import Reorientation, moment_for
from flows.tasks import (
    check_gate,
    commit_transition,
    freeze_plan_results,
    rank_partner_matches,
    render_moment_dossier,
)

_ATTEMPTS = 3


@dataclass(frozen=True)
class TransitionOutcome:
    """What a transition flow did: moved the case, found it moved already, or found it shut."""

    stage: str | None = None
    status: str | None = None
    already_made: bool = False
    unmet: list[str] = field(default_factory=list)

    @property
    def made(self) -> bool:
        """Whether this run moved the case."""
        return self.stage is not None and not self.already_made


async def _move(
    case_id: uuid.UUID,
    transition: str,
    actor_id: uuid.UUID | None,
    reorientation: Reorientation | None = None,
) -> TransitionOutcome:
    # The flow run carries the case and stage tags; its task runs get none. A tagged
    # task run first asks the server for tag concurrency slots, a write that collides
    # on a SQLite Prefect server ("database is locked") and costs a 2 s client retry.
    with TagsContext(current_tags=set()):
        return await _attempts(case_id, transition, actor_id, reorientation)


async def _attempts(
    case_id: uuid.UUID,
    transition: str,
    actor_id: uuid.UUID | None,
    reorientation: Reorientation | None,
) -> TransitionOutcome:
    logger = get_run_logger()
    for attempt in range(1, _ATTEMPTS + 1):
        gate = check_gate(case_id, transition)
        if gate.already_made:
            logger.info("%s is already done for %s: nothing to change", transition, gate.reference)
            return TransitionOutcome(already_made=True)
        if gate.unmet:
            logger.warning("Gate closed for %s: %s", gate.reference, "; ".join(gate.unmet))
            return TransitionOutcome(unmet=gate.unmet)
        plan_results = freeze_plan_results(case_id) if transition == "linkage" else None
        matches: list[Match] | None = (
            rank_partner_matches(case_id) if transition == "linkage" else None
        )
        dossiers = render_moment_dossier(case_id, moment_for(gate, reorientation, matches))
        try:
            stage, status = commit_transition(
                gate,
                actor_id=actor_id,
                dossiers=dossiers,
                plan_results=plan_results,
                matches=matches,
                reorientation=reorientation,
            )
        except (Conflict, StaleDataError) as clash:
            logger.warning(
                "Attempt %d for %s clashed (%s); starting over", attempt, gate.reference, clash
            )
            continue
        fingerprints = {d.audience.value: d.sha256 for d in dossiers}
        await _report(gate.reference, transition, stage, status, fingerprints, plan_results)
        return TransitionOutcome(stage=stage, status=status)
    raise Conflict(f"The case kept changing; {transition} was not made after {_ATTEMPTS} attempts.")


async def _report(
    reference: str,
    transition: str,
    stage: str,
    status: str,
    fingerprints: dict[str, str],
    plan_results: dict[str, Any] | None,
) -> None:
    lines = [
        f"### {reference}: {transition.replace('_', ' ')}",
        f"- stage **{stage}**, status **{status}**",
        *(f"- {audience}'s dossier sha256 `{sha}`" for audience, sha in fingerprints.items()),
    ]
    if plan_results is not None:
        lines.append(
            f"- frozen plan: NPV {plan_results['npv']:,.2f}, band {plan_results['funding_band']}"
        )
    await acreate_markdown_artifact(
        key=f"case-{reference.lower()}",
        markdown="\n".join(lines),
        description=f"{reference} {transition}",
    )


@flow(name="enter-support", flow_run_name="support-{reference}")
async def enter_support(
    case_id: uuid.UUID, reference: str, actor_id: uuid.UUID | None = None
) -> TransitionOutcome:
    """Reception → support, once the assessment says proceed and training is done."""
    return await _move(case_id, "support", actor_id)


@flow(name="enter-linkage", flow_run_name="linkage-{reference}")
async def enter_linkage(
    case_id: uuid.UUID, reference: str, actor_id: uuid.UUID | None = None
) -> TransitionOutcome:
    """Support → linkage: freeze the approved plan's results and rank partner matches."""
    return await _move(case_id, "linkage", actor_id)


@flow(name="enter-follow-up", flow_run_name="follow_up-{reference}")
async def enter_follow_up(
    case_id: uuid.UUID, reference: str, actor_id: uuid.UUID | None = None
) -> TransitionOutcome:
    """Linkage → follow-up, once a partner accepted or the plan is self-financed."""
    return await _move(case_id, "follow_up", actor_id)


@flow(name="complete-case", flow_run_name="completed-{reference}")
async def complete_case(
    case_id: uuid.UUID, reference: str, actor_id: uuid.UUID | None = None
) -> TransitionOutcome:
    """Follow-up → completed, once the follow-up period is over."""
    return await _move(case_id, "completed", actor_id)


@flow(name="reorient-case", flow_run_name="reorientation-{reference}")
async def reorient_case(
    case_id: uuid.UUID,
    reference: str,
    reason: str,
    suggestions: list[str],
    actor_id: uuid.UUID | None = None,
) -> TransitionOutcome:
    """Reception or support → reoriented, with the reason and suggested activities."""
    return await _move(case_id, "reorientation", actor_id, Reorientation(reason, suggestions))


FLOWS = {
    "support": enter_support,
    "linkage": enter_linkage,
    "follow_up": enter_follow_up,
    "completed": complete_case,
}
