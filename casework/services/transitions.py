"""Stage transitions in the case store: checking a gate, and committing a move with its event.

A flow calls these in order: `check` (read only), the stage's automated work,
then `commit`, which re-checks the gate on fresh data and writes the move, its
records, one kept dossier per audience and its event in the one transaction the
caller commits.
"""

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlmodel import Session, col, delete

from casework.actors import Actor
from casework.dossier_audience import KEPT_AUDIENCES
from casework.dossier_context import ReorientationSummary
from casework.errors import Conflict, Forbidden, GateClosed, InvalidInput, NotFound
from casework.models import Case, Dossier, PartnerMatch
from casework.models.columns import utc_now
from casework.partner_matching import Match
from casework.services.cases import today
from casework.services.dossier import KeptDossier, Moment
from casework.services.facts import gather_facts
from casework.services.plans import current_plan, results_of
from casework.services.timeline import record_event
from casework.settings import get_settings
from casework.stages import (
    TRANSITIONS,
    Step,
    TransitionRule,
    event_summary,
    is_made,
    unmet_requirements,
)
from casework.vocabulary import Audience, Stage, Transition

_DAYS_PER_MONTH = 30.44


@dataclass(frozen=True)
class GateCheck:
    """Where a case stands against a transition's gate, at one version of the case."""

    case_id: uuid.UUID
    reference: str
    transition: str
    stage: Stage
    version: int
    already_made: bool
    unmet: list[str]


@dataclass(frozen=True)
class Reorientation:
    """Why a case is reoriented, and what the entrepreneur could do instead."""

    reason: str
    suggestions: list[str] = field(default_factory=list)


def transition_named(name: str) -> TransitionRule:
    """The stage machine's row for `name`."""
    try:
        return TRANSITIONS[Transition(name)]
    except ValueError:
        raise NotFound(f"There is no transition named {name!r}.") from None


def authorize(name: str, actor: Actor, *, reason: str | None = None) -> None:
    """Raise unless the row of transition `name` lets `actor` make it, with a reason if it asks."""
    row = transition_named(name)
    if actor.role not in row.roles:
        raise Forbidden(f"{actor.role_in_words.capitalize()} may not make the move {name}.")
    if row.reason_required and not reason:
        raise InvalidInput("reason", f"say why: the move {name} is recorded with its reason")


def check(case_id: uuid.UUID, name: str, *, session: Session) -> GateCheck:
    """Evaluate the gate of transition `name` for the case as it is now."""
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("No case with this id.")
    transition = transition_named(name)
    facts = gather_facts(case, session=session, today=today())
    made = is_made(transition, facts)
    return GateCheck(
        case_id=case.id,
        reference=case.reference,
        transition=name,
        stage=Stage(case.stage),
        version=case.version,
        already_made=made,
        unmet=[] if made else unmet_requirements(transition, facts),
    )


def commit(
    check_made: GateCheck,
    *,
    session: Session,
    actor_id: uuid.UUID | None,
    dossiers: Sequence[KeptDossier],
    matches: list[Match] | None = None,
    reorientation: Reorientation | None = None,
    reason: str | None = None,
) -> Case:
    """Re-check the gate on fresh data and write the move, its steps, its dossiers, its event."""
    if sorted(d.audience for d in dossiers) != sorted(KEPT_AUDIENCES):
        raise ValueError(f"A transition keeps one dossier for each of {list(KEPT_AUDIENCES)}.")
    fresh = check(check_made.case_id, check_made.transition, session=session)
    if fresh.already_made:
        raise Conflict("The transition was made meanwhile.")
    if fresh.unmet:
        raise GateClosed(fresh.unmet)
    if fresh.version != check_made.version:
        raise Conflict("The case changed while the transition was being prepared.")
    case = session.get(Case, check_made.case_id)
    assert case is not None
    transition = transition_named(check_made.transition)
    now = utc_now()
    leaving = Stage(case.stage)
    if transition.target_stage is not None:
        case.stage = transition.target_stage
        case.stage_entered_at = now
    case.status = transition.target_status
    for step in transition.steps:
        _STEPS[step](case, session=session, matches=matches, reorientation=reorientation)
    unit_copy = next(d for d in dossiers if d.audience == Audience.UNIT)
    for dossier in dossiers:
        session.add(
            Dossier(
                case_id=case.id,
                moment=dossier.moment,
                stage=Stage(case.stage),
                audience=dossier.audience,
                sha256=dossier.sha256,
                size_bytes=len(dossier.content),
                content=dossier.content,
                flow_run_id=dossier.flow_run_id,
                created_at=now,
            )
        )
    record_event(
        case,
        transition.event_kind,
        event_summary(transition, leaving, reorientation.reason if reorientation else reason),
        session=session,
        actor_id=actor_id,
        detail={
            "from": leaving.value,
            "to": Stage(case.stage).value,
            # The unit's copy, as before audiences; every copy's fingerprint beside it.
            "dossier_sha256": unit_copy.sha256,
            "dossier_sha256_by_audience": {d.audience.value: d.sha256 for d in dossiers},
            "flow_run_id": unit_copy.flow_run_id,
            "reason": reorientation.reason if reorientation else reason,
        },
        at=now,
    )
    session.flush()
    return case


def frozen_figures(case: Case, *, session: Session) -> dict[str, Any] | None:
    """The frozen plan's headline figures (NPV, funding band), or None while none is frozen."""
    plan = current_plan(case, session=session)
    if plan is None or plan.results_frozen_at is None:
        return None
    results = results_of(plan)
    return {"npv": results.npv, "funding_band": results.funding_band.value}


def _freeze_plan(case: Case, *, session: Session, **_: Any) -> None:
    # The figures the entrepreneur approved stay as they were saved: recomputing them
    # under today's settings could make them disagree with what the dossier printed.
    plan = current_plan(case, session=session)
    if plan is None or plan.approved_at is None:
        raise Conflict("The case has no approved investment plan to freeze.")
    plan.results_frozen_at = utc_now()
    session.add(plan)


def _record_matches(case: Case, *, session: Session, matches: list[Match] | None, **_: Any) -> None:
    assert matches is not None, "ranking the partners is a step of its own, before the commit"
    session.exec(delete(PartnerMatch).where(col(PartnerMatch.case_id) == case.id))
    for rank, match in enumerate(matches, start=1):
        session.add(
            PartnerMatch(
                case_id=case.id,
                partner_id=match.partner_id,
                rank=rank,
                score=match.score,
                reasons=match.reasons,
            )
        )


def _start_follow_up_period(case: Case, **_: Any) -> None:
    months = get_settings().follow_up_months
    case.follow_up_until = utc_now().date() + timedelta(days=round(months * _DAYS_PER_MONTH))


def _record_reorientation(case: Case, *, reorientation: Reorientation | None, **_: Any) -> None:
    assert reorientation is not None, "a reorientation carries its reason"
    case.reorientation_reason = reorientation.reason
    case.reorientation_suggestions = list(reorientation.suggestions)


# What each named step of the stage table writes in the committing transaction.
_STEPS: dict[Step, Any] = {
    Step.RANK_PARTNERS: _record_matches,
    Step.FREEZE_PLAN: _freeze_plan,
    Step.START_FOLLOW_UP_PERIOD: _start_follow_up_period,
    Step.RECORD_REORIENTATION: _record_reorientation,
}


def moment_for(
    gate: GateCheck,
    reorientation: Reorientation | None = None,
    matches: list[Match] | None = None,
    reason: str | None = None,
) -> Moment:
    """How the case will stand once the transition checked by `gate` is made."""
    transition = transition_named(gate.transition)
    target = transition.target_stage
    reason = reorientation.reason if reorientation else reason
    return Moment(
        title=transition.moment,
        stage=target.value if target else None,
        status=transition.target_status.value,
        matches=matches,
        reorientation=(
            ReorientationSummary(reorientation.reason, list(reorientation.suggestions))
            if reorientation
            else None
        ),
        pending_event=event_summary(transition, gate.stage, reason),
    )
