"""One Prefect flow per stage transition, named `<stage>-<reference>`.

The flows are async: Prefect joins a sync flow's heartbeat thread for up to a
second at the end of every run, and an async flow does not wait for it.
"""

import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import acreate_markdown_artifact
from prefect.context import TagsContext

from casework.errors import Conflict
from casework.partner_matching import Match
from casework.services.transitions import Reorientation, moment_for
from casework.stages import TRANSITIONS, Step
from casework.vocabulary import Transition
from flows.tasks import check_gate, commit_transition, rank_partner_matches, render_moment_dossier

_ATTEMPTS = 3


@dataclass(frozen=True)
class TransitionOutcome:
    """What a transition flow did: moved the case, found it moved already, or found it shut.

    Flows return it as a plain dict (`dataclasses.asdict`), so any runner can carry it.
    """

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
    reason: str | None = None,
) -> dict[str, Any]:
    # The flow run carries the case and stage tags; its task runs get none. A tagged
    # task run first asks the server for tag concurrency slots, a write that collides
    # on a SQLite Prefect server ("database is locked") and costs a 2 s client retry.
    with TagsContext(current_tags=set()):
        return asdict(await _attempts(case_id, transition, actor_id, reorientation, reason))


async def _attempts(
    case_id: uuid.UUID,
    transition: str,
    actor_id: uuid.UUID | None,
    reorientation: Reorientation | None,
    reason: str | None,
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
        # Ranking reads the store and can take a while: a task of its own, before the commit
        # that writes it with the row's other steps.
        ranked = Step.RANK_PARTNERS in TRANSITIONS[Transition(transition)].steps
        matches: list[Match] | None = rank_partner_matches(case_id) if ranked else None
        moment = moment_for(gate, reorientation, matches, reason)
        dossiers = render_moment_dossier(case_id, moment)
        try:
            made = commit_transition(
                gate,
                actor_id=actor_id,
                dossiers=dossiers,
                matches=matches,
                reorientation=reorientation,
                reason=reason,
            )
        except Conflict as clash:
            logger.warning(
                "Attempt %d for %s clashed (%s); starting over", attempt, gate.reference, clash
            )
            continue
        fingerprints = {d.audience.value: d.sha256 for d in dossiers}
        stage, status = made["stage"], made["status"]
        await _report(gate.reference, transition, stage, status, fingerprints, made["frozen_plan"])
        return TransitionOutcome(stage=stage, status=status)
    raise Conflict(f"The case kept changing; {transition} was not made after {_ATTEMPTS} attempts.")


async def _report(
    reference: str,
    transition: str,
    stage: str,
    status: str,
    fingerprints: dict[str, str],
    frozen_plan: dict[str, Any] | None,
) -> None:
    lines = [
        f"### {reference}: {transition.replace('_', ' ')}",
        f"- stage **{stage}**, status **{status}**",
        *(f"- {audience}'s dossier sha256 `{sha}`" for audience, sha in fingerprints.items()),
    ]
    if frozen_plan is not None:
        lines.append(
            f"- frozen plan: NPV {frozen_plan['npv']:,.2f}, band {frozen_plan['funding_band']}"
        )
    await acreate_markdown_artifact(
        key=f"case-{reference.lower()}",
        markdown="\n".join(lines),
        description=f"{reference} {transition}",
    )


@flow(name="enter-support", flow_run_name="support-{reference}")
async def enter_support(
    case_id: uuid.UUID, reference: str, actor_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """Reception → support, once the assessment says proceed and training is done."""
    return await _move(case_id, "support", actor_id)


@flow(name="enter-linkage", flow_run_name="linkage-{reference}")
async def enter_linkage(
    case_id: uuid.UUID, reference: str, actor_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """Support → linkage: freeze the approved plan's results and rank partner matches."""
    return await _move(case_id, "linkage", actor_id)


@flow(name="enter-follow-up", flow_run_name="follow_up-{reference}")
async def enter_follow_up(
    case_id: uuid.UUID, reference: str, actor_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """Linkage → follow-up, once a partner accepted or the plan is self-financed."""
    return await _move(case_id, "follow_up", actor_id)


@flow(name="complete-case", flow_run_name="completed-{reference}")
async def complete_case(
    case_id: uuid.UUID, reference: str, actor_id: uuid.UUID | None = None
) -> dict[str, Any]:
    """Follow-up → completed, once the follow-up period is over."""
    return await _move(case_id, "completed", actor_id)


@flow(name="reorient-case", flow_run_name="reorientation-{reference}")
async def reorient_case(
    case_id: uuid.UUID,
    reference: str,
    reason: str,
    suggestions: list[str],
    actor_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Reception or support → reoriented, with the reason and suggested activities."""
    return await _move(case_id, "reorientation", actor_id, Reorientation(reason, suggestions))


@flow(name="change-status", flow_run_name="{transition}-{reference}")
async def change_status(
    case_id: uuid.UUID,
    reference: str,
    transition: str,
    reason: str | None = None,
    actor_id: uuid.UUID | None = None,
) -> dict[str, Any]:
    """Put on hold, resume or withdraw: the case keeps its stage, its status changes."""
    return await _move(case_id, transition, actor_id, reason=reason)


STATUS_MOVES = frozenset({Transition.ON_HOLD, Transition.RESUME, Transition.WITHDRAWAL})

FLOWS = {
    Transition.SUPPORT: enter_support,
    Transition.LINKAGE: enter_linkage,
    Transition.FOLLOW_UP: enter_follow_up,
    Transition.COMPLETED: complete_case,
}
