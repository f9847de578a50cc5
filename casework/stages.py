"""The stage machine: one table of transitions, each with its guards and who may trigger it.

Pure rules over plain facts; no database, no web, no workflow engine. A closed
gate is reported as the list of unmet requirements, in sentences a person can act on.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from casework.vocabulary import (
    AssessmentDecision,
    CaseStatus,
    FeasibilityConclusion,
    Role,
    Stage,
)


@dataclass(frozen=True)
class CaseFacts:
    """What the gates look at, gathered from the case store."""

    stage: Stage
    status: CaseStatus
    today: date
    assessment_decision: AssessmentDecision | None = None
    training_required: bool = False
    training_completed: bool = False
    required_trainings_open: int = 0
    feasibility_conclusion: FeasibilityConclusion | None = None
    plan_version: int | None = None
    plan_approved: bool = False
    plan_advisor_share: float = 0.0
    supplant_threshold: float = 1.0
    accepted_referrals: int = 0
    self_financed: bool = False
    open_milestones: int = 0
    follow_up_until: date | None = None


@dataclass(frozen=True)
class Requirement:
    """A guard: a predicate on the facts, and the sentence to show when it fails."""

    holds: Callable[[CaseFacts], bool]
    unmet: Callable[[CaseFacts], str]


@dataclass(frozen=True)
class Transition:
    """One row of the stage machine."""

    name: str
    sources: frozenset[Stage]
    target_stage: Stage | None
    target_status: CaseStatus
    requirements: tuple[Requirement, ...]
    roles: frozenset[Role]
    allowed_statuses: frozenset[CaseStatus] = frozenset({CaseStatus.ACTIVE})


def _said(sentence: str) -> Callable[[CaseFacts], str]:
    return lambda _facts: sentence


ASSESSED_TO_PROCEED = Requirement(
    lambda f: f.assessment_decision == AssessmentDecision.PROCEED,
    lambda f: (
        "The advisor's assessment decided to reorient the project, not to proceed."
        if f.assessment_decision == AssessmentDecision.REORIENT
        else "An advisor has not yet assessed the project leader's technical ability, "
        "financial ability and motivation."
    ),
)
TRAINING_DONE = Requirement(
    lambda f: f.required_trainings_open == 0 and (not f.training_required or f.training_completed),
    lambda f: (
        f"{f.required_trainings_open} required training course(s) are not completed yet."
        if f.required_trainings_open
        else "The technical training required by the assessment is not finished yet."
    ),
)
FEASIBILITY_VIABLE = Requirement(
    lambda f: f.feasibility_conclusion == FeasibilityConclusion.VIABLE,
    lambda f: (
        "The feasibility study concluded that the project is not viable."
        if f.feasibility_conclusion == FeasibilityConclusion.NOT_VIABLE
        else "The feasibility study has not yet concluded that the project is viable."
    ),
)
PLAN_APPROVED = Requirement(
    lambda f: f.plan_version is not None and f.plan_approved,
    lambda f: (
        "There is no investment plan yet."
        if f.plan_version is None
        else f"The entrepreneur has not yet approved version {f.plan_version} "
        "of the investment plan, the current one."
    ),
)
# The project leader must not be supplanted: the plan is theirs to write.
PROJECT_LEADER_AUTHORS_PLAN = Requirement(
    lambda f: f.plan_version is None or f.plan_advisor_share <= f.supplant_threshold,
    lambda f: (
        f"Project leader supplanted? Advisors wrote {f.plan_advisor_share:.0%} of investment "
        f"plan version {f.plan_version}, above the unit's limit of {f.supplant_threshold:.0%}: "
        "the entrepreneur should put the plan's figures in their own words."
    ),
)
PARTNER_ACCEPTED_OR_SELF_FINANCED = Requirement(
    lambda f: f.accepted_referrals > 0 or f.self_financed,
    _said(
        "No partner has accepted a referral yet, and the approved plan "
        "still needs money from outside the entrepreneur's own circle."
    ),
)
FOLLOW_UP_PERIOD_ENDED = Requirement(
    lambda f: f.follow_up_until is not None and f.follow_up_until <= f.today,
    lambda f: (
        "The follow-up period has no end date yet."
        if f.follow_up_until is None
        else f"The follow-up period runs until {f.follow_up_until.isoformat()}."
    ),
)
NO_OPEN_MILESTONES = Requirement(
    lambda f: f.open_milestones == 0,
    lambda f: (
        f"{f.open_milestones} follow-up milestone(s) are still open: record them as done first."
    ),
)

_STAFF = frozenset({Role.ADVISOR})

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in (
        Transition(
            "support",
            frozenset({Stage.RECEPTION}),
            Stage.SUPPORT,
            CaseStatus.ACTIVE,
            (ASSESSED_TO_PROCEED, TRAINING_DONE),
            _STAFF,
        ),
        Transition(
            "linkage",
            frozenset({Stage.SUPPORT}),
            Stage.LINKAGE,
            CaseStatus.ACTIVE,
            (FEASIBILITY_VIABLE, PLAN_APPROVED, PROJECT_LEADER_AUTHORS_PLAN),
            _STAFF,
        ),
        Transition(
            "follow_up",
            frozenset({Stage.LINKAGE}),
            Stage.FOLLOW_UP,
            CaseStatus.ACTIVE,
            (PARTNER_ACCEPTED_OR_SELF_FINANCED,),
            _STAFF,
        ),
        Transition(
            "completed",
            frozenset({Stage.FOLLOW_UP}),
            Stage.COMPLETED,
            CaseStatus.COMPLETED,
            (FOLLOW_UP_PERIOD_ENDED, NO_OPEN_MILESTONES),
            _STAFF,
        ),
        Transition(
            "reorientation",
            frozenset({Stage.RECEPTION, Stage.SUPPORT}),
            None,
            CaseStatus.REORIENTED,
            (),
            _STAFF,
            allowed_statuses=frozenset({CaseStatus.ACTIVE, CaseStatus.ON_HOLD}),
        ),
    )
}

FORWARD: dict[Stage, Transition] = {
    source: t for t in TRANSITIONS.values() if t.target_stage for source in t.sources
}


def may_trigger(transition: Transition, role: Role) -> bool:
    """Whether someone with `role` may trigger `transition`."""
    return role in transition.roles


def unmet_requirements(transition: Transition, facts: CaseFacts) -> list[str]:
    """Every requirement of `transition` that `facts` do not meet; empty when the gate is open."""
    unmet: list[str] = []
    if facts.stage not in transition.sources:
        wanted = " or ".join(sorted(s.value for s in transition.sources))
        unmet.append(
            f"The case is in {facts.stage.value}; this step can only be taken from {wanted}."
        )
    if facts.status not in transition.allowed_statuses:
        unmet.append(f"The case is {facts.status.value.replace('_', ' ')}, not active.")
    unmet.extend(r.unmet(facts) for r in transition.requirements if not r.holds(facts))
    return unmet


def is_made(transition: Transition, facts: CaseFacts) -> bool:
    """Whether the case already stands where `transition` leads (re-running it changes nothing)."""
    if transition.target_stage is None:
        return facts.status == transition.target_status
    return facts.stage == transition.target_stage


def next_steps(facts: CaseFacts) -> list[str]:
    """What has to happen next for the case to move on, in plain words."""
    if facts.status == CaseStatus.REORIENTED:
        return ["The project has been reoriented: see the reason and suggested activities."]
    if facts.status == CaseStatus.WITHDRAWN:
        return ["The project was withdrawn; nothing more is planned."]
    if facts.status == CaseStatus.COMPLETED or facts.stage == Stage.COMPLETED:
        return ["Support is complete. Congratulations on your enterprise."]
    if facts.status == CaseStatus.ON_HOLD:
        return ["The case is on hold; your advisor will tell you when it resumes."]
    transition = FORWARD[facts.stage]
    unmet = [r.unmet(facts) for r in transition.requirements if not r.holds(facts)]
    target = transition.target_stage.value.replace("_", " ") if transition.target_stage else ""
    return unmet or [f"Everything is ready: an advisor can now move the case to {target}."]
