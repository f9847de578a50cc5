"""Stage transitions in the case store: checking a gate, and committing a move with its event.

The launcher calls `check` (read only) to answer a closed gate without a flow
run; the flow calls `commit`, which checks the gate again in its own transaction
and writes the move, the row's steps, its event and the moment's dossier data.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from casework.actors import Actor
from casework.dossier.audience import KEPT_AUDIENCES
from casework.dossier.keeping import keep_moment
from casework.errors import Conflict, Forbidden, InvalidInput, NotFound
from casework.investment_plan.phrases import Phrase, in_english
from casework.models import Case
from casework.models.columns import utc_now
from casework.services.cases import today
from casework.services.facts import gather_facts
from casework.services.partners import record_matches
from casework.services.plan_follow_up import set_plan_milestones
from casework.services.plans import current_plan
from casework.services.reorientation import offered
from casework.services.timeline import record_event
from casework.settings import get_settings
from casework.stages import (
    TRANSITIONS,
    CaseFacts,
    Step,
    TransitionRule,
    event_summary,
    is_made,
    moves_offered,
    needs_of,
    unmet_requirements,
)
from casework.vocabulary import CaseStatus, ReorientationReason, Role, Stage, Transition

_DAYS_PER_MONTH = 30.44


@dataclass(frozen=True)
class GateCheck:
    """Where a case stands against a transition's gate."""

    case_id: uuid.UUID
    reference: str
    transition: str
    stage: Stage
    already_made: bool
    unmet: list[str]
    # The same needs as phrases, for a page in the reader's language.
    needs: list[Phrase] = field(default_factory=list)


@dataclass(frozen=True)
class TransitionOutcome:
    """What a transition's commit did: moved the case, found it moved already, or found it shut.

    Plain values only (flows return it as a dict), so any runner can carry it.
    """

    stage: str | None = None
    status: str | None = None
    already_made: bool = False
    unmet: list[str] = field(default_factory=list)
    dossier_ids: list[str] = field(default_factory=list)
    # Scaled mode: the run had not committed when the request stopped waiting for it.
    under_way: bool = False
    # Scaled mode: the request was pinned to a version (If-Match) the case had left when
    # its run came to write it; nothing changed, and this is the case's version now.
    moved_on: int | None = None
    # Scaled mode: its runs died or failed this many times; the move was given up unmade.
    gave_up: int | None = None

    @property
    def made(self) -> bool:
        """Whether this run moved the case."""
        return self.stage is not None and not self.already_made


@dataclass(frozen=True)
class Reorientation:
    """Why a case is reoriented, and what the entrepreneur could do instead."""

    reason: str
    suggestions: list[str] = field(default_factory=list)
    code: str = "other"  # a ReorientationReason
    activity_ids: list[str] = field(default_factory=list)  # the catalogue's, as text


class ReorientationInput(BaseModel):
    """Why the project is reoriented, and activities to suggest instead."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reason: str = Field(min_length=3, max_length=5_000)
    reason_code: ReorientationReason = Field(
        default=ReorientationReason.OTHER, description="why, in one of the unit's words"
    )
    suggestions: list[str] = Field(
        default_factory=list, max_length=20, description="activities suggested in free text"
    )
    activity_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=20,
        description="activities of the catalogue (GET /reorientation-activities) suggested",
    )


def reorientation_of(data: ReorientationInput, session: Session) -> Reorientation:
    """The reorientation `data` asks for, its activities checked against the catalogue (each
    one still offered, else InvalidInput)."""
    chosen = offered(data.activity_ids, session=session)
    return Reorientation(
        data.reason, data.suggestions, data.reason_code.value, [str(a.id) for a in chosen]
    )


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
    return _gate(case, name, session=session)


def gates_offered(case: Case, role: Role, facts: CaseFacts) -> list[GateCheck]:
    """The gate of each move `role` may ask for the case now, as it stands (`facts`, one read
    of them): an empty `unmet` is an open gate."""
    offered = moves_offered(Stage(case.stage), CaseStatus(case.status), role)
    return [_offered(case, rule, needs_of(rule, facts)) for rule in offered]


def _offered(case: Case, rule: TransitionRule, needs: list[Phrase]) -> GateCheck:
    return GateCheck(
        case_id=case.id,
        reference=case.reference,
        transition=rule.name,
        stage=Stage(case.stage),
        already_made=False,
        unmet=[in_english(need) for need in needs],
        needs=needs,
    )


def _gate(case: Case, name: str, *, session: Session) -> GateCheck:
    transition = transition_named(name)
    facts = gather_facts(case, session=session, today=today())
    made = is_made(transition, facts)
    return GateCheck(
        case_id=case.id,
        reference=case.reference,
        transition=name,
        stage=Stage(case.stage),
        already_made=made,
        unmet=[] if made else unmet_requirements(transition, facts),
    )


def commit(
    case_id: uuid.UUID,
    name: str,
    *,
    session: Session,
    actor_id: uuid.UUID | None,
    reorientation: Reorientation | None = None,
    reason: str | None = None,
    flow_run_id: str | None = None,
) -> TransitionOutcome:
    """Check the gate of `name` and, if open, write the move, its steps, its event, its dossiers.

    The only place a case's stage and status change. The caller commits the session; the
    dossiers are kept as the moment's data, pending their print.
    """
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound("No case with this id.")
    # The gate is read and the move written on this one loaded case: its version column
    # makes the write fail (Conflict) if anything about the case changed in between.
    gate = _gate(case, name, session=session)
    if gate.already_made:
        return TransitionOutcome(already_made=True)
    if gate.unmet:
        return TransitionOutcome(unmet=gate.unmet)
    transition = transition_named(name)
    leaving = Stage(case.stage)
    why = reorientation.reason if reorientation else reason
    now = utc_now()
    if transition.target_stage is not None:
        case.stage = transition.target_stage
        case.stage_entered_at = now
    case.status = transition.target_status
    for step in transition.steps:
        _STEPS[step](case, session=session, reorientation=reorientation)
    # The event names the copies kept of its moment; their sha256 follow once printed.
    copies = {audience: uuid.uuid4() for audience in KEPT_AUDIENCES}
    record_event(
        case,
        transition.event_kind,
        event_summary(transition, leaving, why),
        session=session,
        actor_id=actor_id,
        texts={"reason": why},
        detail={
            "from": leaving.value,
            "to": Stage(case.stage).value,
            "flow_run_id": flow_run_id,
            "dossier_ids": {audience.value: str(id_) for audience, id_ in copies.items()},
        },
        at=now,
    )
    session.flush()
    dossiers = keep_moment(
        case, transition.moment, copies, session=session, flow_run_id=flow_run_id
    )
    session.flush()
    return TransitionOutcome(
        stage=str(case.stage),
        status=str(case.status),
        dossier_ids=[str(d.id) for d in dossiers],
    )


def _freeze_plan(case: Case, *, session: Session, **_: Any) -> None:
    # The figures the entrepreneur approved stay as they were saved: recomputing them
    # under today's settings could make them disagree with what the dossier printed.
    plan = current_plan(case, session=session)
    if plan is None or plan.approved_at is None:
        raise Conflict("The case has no approved investment plan to freeze.")
    plan.results_frozen_at = utc_now()
    session.add(plan)


def _record_matches(case: Case, *, session: Session, **_: Any) -> None:
    record_matches(case, session=session)


def _start_follow_up_period(case: Case, **_: Any) -> None:
    months = get_settings().follow_up_months
    case.follow_up_until = utc_now().date() + timedelta(days=round(months * _DAYS_PER_MONTH))


def _set_plan_milestones(case: Case, *, session: Session, **_: Any) -> None:
    set_plan_milestones(case, session=session)


def _record_reorientation(case: Case, *, reorientation: Reorientation | None, **_: Any) -> None:
    assert reorientation is not None, "a reorientation carries its reason"
    case.reorientation_reason = reorientation.reason
    case.reorientation_suggestions = list(reorientation.suggestions)
    case.reorientation_code = reorientation.code
    case.reorientation_activity_ids = list(reorientation.activity_ids)


# What each named step of the stage table writes in the committing transaction.
_STEPS: dict[Step, Any] = {
    Step.RANK_PARTNERS: _record_matches,
    Step.FREEZE_PLAN: _freeze_plan,
    Step.START_FOLLOW_UP_PERIOD: _start_follow_up_period,
    Step.SET_PLAN_MILESTONES: _set_plan_milestones,
    Step.RECORD_REORIENTATION: _record_reorientation,
}
