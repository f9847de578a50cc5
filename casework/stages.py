"""The stage machine: one table of transitions, each with its guards and who may trigger it.

Pure rules over plain facts; no database, no web, no workflow engine. A closed
gate is reported as the list of unmet requirements, in sentences a person can act on.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from casework.investment_plan.phrases import Phrase, figure, in_english
from casework.language import N_
from casework.vocabulary import (
    AssessmentDecision,
    CaseStatus,
    FeasibilityConclusion,
    Role,
    Stage,
    Transition,
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
    # One sentence per external financing line of the plan not yet covered (in linkage).
    financing_gaps: tuple[str, ...] = ()
    open_milestones: int = 0
    follow_up_until: date | None = None


@dataclass(frozen=True)
class Requirement:
    """A guard: a predicate on the facts, and the sentence to show when it fails."""

    holds: Callable[[CaseFacts], bool]
    needs: Callable[[CaseFacts], Phrase]

    def unmet(self, facts: CaseFacts) -> str:
        """What is still needed, in English (the API's words)."""
        return in_english(self.needs(facts))


class Step(StrEnum):
    """The automated work a transition does besides moving the case, in the order it runs."""

    RANK_PARTNERS = "rank the directory's partners for the case"
    FREEZE_PLAN = "freeze the approved plan's figures, as approved"
    START_FOLLOW_UP_PERIOD = "set the end of the follow-up period"
    SET_PLAN_MILESTONES = "set the milestones of the approved plan: start, instalments, reviews"
    RECORD_REORIENTATION = "record the reason and the suggested activities"


@dataclass(frozen=True)
class TransitionRule:
    """One row of the stage machine: everything about a move, declared in one place."""

    name: Transition
    sources: frozenset[Stage]
    target_stage: Stage | None
    target_status: CaseStatus
    requirements: tuple[Requirement, ...]
    roles: frozenset[Role]
    steps: tuple[Step, ...] = ()
    allowed_statuses: frozenset[CaseStatus] = frozenset({CaseStatus.ACTIVE})
    # Wording: the moment's dossier title, the timeline event's kind and sentence
    # ({leaving}, {target} and {reason} are filled in).
    moment: str = ""
    event_kind: str = "stage_changed"
    summary: str = "The case moved from {leaving} to {target}."
    # A move that changes the status alone asks why (a hold, a resumption); None: it need not.
    reason_required: bool = False


def _said(sentence: str) -> Callable[[CaseFacts], Phrase]:
    phrase = Phrase(text=sentence)
    return lambda _facts: phrase


ASSESSED_TO_PROCEED = Requirement(
    lambda f: f.assessment_decision == AssessmentDecision.PROCEED,
    lambda f: Phrase(
        text=N_("The advisor's assessment decided to reorient the project, not to proceed.")
        if f.assessment_decision == AssessmentDecision.REORIENT
        else N_(
            "An advisor has not yet assessed the project leader's technical ability, "
            "financial ability and motivation."
        )
    ),
)
TRAINING_DONE = Requirement(
    lambda f: f.required_trainings_open == 0 and (not f.training_required or f.training_completed),
    lambda f: (
        Phrase(
            text=N_("%(count)s required training course(s) are not completed yet."),
            values={"count": figure("number", f.required_trainings_open)},
        )
        if f.required_trainings_open
        else Phrase(
            text=N_("The technical training required by the assessment is not finished yet.")
        )
    ),
)
FEASIBILITY_VIABLE = Requirement(
    lambda f: f.feasibility_conclusion == FeasibilityConclusion.VIABLE,
    lambda f: Phrase(
        text=N_("The feasibility study concluded that the project is not viable.")
        if f.feasibility_conclusion == FeasibilityConclusion.NOT_VIABLE
        else N_("The feasibility study has not yet concluded that the project is viable.")
    ),
)
PLAN_APPROVED = Requirement(
    lambda f: f.plan_version is not None and f.plan_approved,
    lambda f: (
        Phrase(text=N_("There is no investment plan yet."))
        if f.plan_version is None
        else Phrase(
            text=N_(
                "The entrepreneur has not yet approved version %(version)s "
                "of the investment plan, the current one."
            ),
            values={"version": figure("number", f.plan_version)},
        )
    ),
)
# The project leader must not be supplanted: the plan is theirs to write.
PROJECT_LEADER_AUTHORS_PLAN = Requirement(
    lambda f: f.plan_version is None or f.plan_advisor_share <= f.supplant_threshold,
    lambda f: Phrase(
        text=N_(
            "Project leader supplanted? Advisors wrote %(share)s of investment plan version "
            "%(version)s, above the unit's limit of %(limit)s: the entrepreneur should put "
            "the plan's figures in their own words."
        ),
        values={
            "share": figure("text", f"{f.plan_advisor_share:.0%}"),
            "version": figure("number", f.plan_version or 0),
            "limit": figure("text", f"{f.supplant_threshold:.0%}"),
        },
    ),
)
PARTNER_ACCEPTED_OR_SELF_FINANCED = Requirement(
    lambda f: f.accepted_referrals > 0 or f.self_financed,
    _said(
        N_(
            "No partner has accepted a referral yet, and the approved plan "
            "still needs money from outside the entrepreneur's own circle."
        )
    ),
)
EXTERNAL_FINANCING_COVERED = Requirement(
    lambda f: not f.financing_gaps,
    lambda f: Phrase(text="%(gaps)s", values={"gaps": figure("text", " ".join(f.financing_gaps))}),
)
FOLLOW_UP_PERIOD_ENDED = Requirement(
    lambda f: f.follow_up_until is not None and f.follow_up_until <= f.today,
    lambda f: (
        Phrase(text=N_("The follow-up period has no end date yet."))
        if f.follow_up_until is None
        else Phrase(
            text=N_("The follow-up period runs until %(day)s."),
            values={"day": figure("text", f.follow_up_until.isoformat())},
        )
    ),
)
NO_OPEN_MILESTONES = Requirement(
    lambda f: f.open_milestones == 0,
    lambda f: Phrase(
        text=N_("%(count)s follow-up milestone(s) are still open: record them as done first."),
        values={"count": figure("number", f.open_milestones)},
    ),
)

_STAFF = frozenset({Role.ADVISOR})
_OPEN_STAGES = frozenset({Stage.RECEPTION, Stage.SUPPORT, Stage.LINKAGE, Stage.FOLLOW_UP})

TRANSITIONS: dict[Transition, TransitionRule] = {
    t.name: t
    for t in (
        TransitionRule(
            Transition.SUPPORT,
            frozenset({Stage.RECEPTION}),
            Stage.SUPPORT,
            CaseStatus.ACTIVE,
            (ASSESSED_TO_PROCEED, TRAINING_DONE),
            _STAFF,
            moment="Entry into support",
        ),
        TransitionRule(
            Transition.LINKAGE,
            frozenset({Stage.SUPPORT}),
            Stage.LINKAGE,
            CaseStatus.ACTIVE,
            (FEASIBILITY_VIABLE, PLAN_APPROVED, PROJECT_LEADER_AUTHORS_PLAN),
            _STAFF,
            steps=(Step.RANK_PARTNERS, Step.FREEZE_PLAN),
            moment="Entry into linkage",
        ),
        TransitionRule(
            Transition.FOLLOW_UP,
            frozenset({Stage.LINKAGE}),
            Stage.FOLLOW_UP,
            CaseStatus.ACTIVE,
            (PARTNER_ACCEPTED_OR_SELF_FINANCED, EXTERNAL_FINANCING_COVERED),
            _STAFF,
            steps=(Step.START_FOLLOW_UP_PERIOD, Step.SET_PLAN_MILESTONES),
            moment="Entry into follow-up",
        ),
        TransitionRule(
            Transition.COMPLETED,
            frozenset({Stage.FOLLOW_UP}),
            Stage.COMPLETED,
            CaseStatus.COMPLETED,
            (FOLLOW_UP_PERIOD_ENDED, NO_OPEN_MILESTONES),
            _STAFF,
            moment="Completion",
            summary="Follow-up is over: support for the project is complete.",
        ),
        TransitionRule(
            Transition.REORIENTATION,
            frozenset({Stage.RECEPTION, Stage.SUPPORT}),
            None,
            CaseStatus.REORIENTED,
            (),
            _STAFF,
            steps=(Step.RECORD_REORIENTATION,),
            allowed_statuses=frozenset({CaseStatus.ACTIVE, CaseStatus.ON_HOLD}),
            moment="Reorientation",
            event_kind="reoriented",
            summary="The project was reoriented: {reason}",
        ),
        TransitionRule(
            Transition.ON_HOLD,
            _OPEN_STAGES,
            None,
            CaseStatus.ON_HOLD,
            (),
            _STAFF,
            moment="Put on hold",
            event_kind="put_on_hold",
            summary="The case was put on hold: {reason}",
            reason_required=True,
        ),
        TransitionRule(
            Transition.RESUME,
            _OPEN_STAGES,
            None,
            CaseStatus.ACTIVE,
            (),
            _STAFF,
            allowed_statuses=frozenset({CaseStatus.ON_HOLD}),
            moment="Resumption",
            event_kind="resumed",
            summary="The case resumed: {reason}",
            reason_required=True,
        ),
        # Support is never conditional: the entrepreneur may leave at any open stage.
        TransitionRule(
            Transition.WITHDRAWAL,
            _OPEN_STAGES,
            None,
            CaseStatus.WITHDRAWN,
            (),
            frozenset({Role.ENTREPRENEUR}),
            allowed_statuses=frozenset({CaseStatus.ACTIVE, CaseStatus.ON_HOLD}),
            moment="Withdrawal",
            event_kind="withdrawn",
            summary="The entrepreneur withdrew the case{because}.",
        ),
    )
}

FORWARD: dict[Stage, TransitionRule] = {
    source: t for t in TRANSITIONS.values() if t.target_stage for source in t.sources
}
STAGE_MOVES = frozenset(t.name for t in TRANSITIONS.values() if t.target_stage is not None)
# What `POST /cases/{id}/transitions` takes: every move but reorientation, which has its route.
REQUESTED_MOVES = frozenset(TRANSITIONS) - {Transition.REORIENTATION}


def moves_offered(stage: Stage, status: CaseStatus, role: Role) -> list[TransitionRule]:
    """The moves `role` may ask for a case standing at `stage` and `status`, forward first
    (whether each one's gate is open is for the facts to say)."""
    return [
        rule
        for rule in TRANSITIONS.values()
        if rule.name in REQUESTED_MOVES and _may_ask(rule, stage, status, role)
    ]


def reorientation_offered(stage: Stage, status: CaseStatus, role: Role) -> bool:
    """Whether `role` may reorient a case standing at `stage` and `status` (a move with a
    route of its own: it carries a reason and suggestions)."""
    return _may_ask(TRANSITIONS[Transition.REORIENTATION], stage, status, role)


def _may_ask(rule: TransitionRule, stage: Stage, status: CaseStatus, role: Role) -> bool:
    return stage in rule.sources and status in rule.allowed_statuses and role in rule.roles


def roles_that_may_trigger(names: frozenset[Transition]) -> frozenset[Role]:
    """Every role that may trigger at least one of the transitions `names`."""
    return frozenset(role for name in names for role in TRANSITIONS[name].roles)


def event_summary(transition: TransitionRule, leaving: Stage, reason: str | None = None) -> str:
    """The timeline's public sentence for `transition`, made from stage `leaving`.

    The reason a person gave stays `{reason}` in it: the event keeps it apart, as a text.
    """
    target = transition.target_stage or leaving
    return transition.summary.format(
        leaving=leaving.value.replace("_", " "),
        target=target.value.replace("_", " "),
        reason="{reason}" if reason else "",
        because=": {reason}" if reason else "",
    )


class Edit(StrEnum):
    """What may be changed on a case; the edits table says at which stages."""

    CASE_DETAILS = "the case's details"
    ASSESSMENT = "the assessment"
    TRAINING = "the training plan"
    FEASIBILITY = "the feasibility study"
    INVESTMENT_PLAN = "the investment plan"
    REFERRALS = "the referrals"
    MILESTONES = "the follow-up milestones"
    FOLLOW_UP_PERIOD = "the follow-up period"
    FOLLOW_UP_REPORTS = "the follow-up reports"
    INTAKE = "the intake"
    GUIDES = "the case's country guides"


@dataclass(frozen=True)
class EditRule:
    """At which stages an edit is open, and what to say when it is closed."""

    stages: frozenset[Stage]
    closed: str
    # Where the entrepreneur's own edits stop earlier than the staff's; None: the same stages.
    entrepreneur_stages: frozenset[Stage] | None = None


# A case at one of these statuses is closed: nothing more will be recorded on it.
CLOSED_STATUSES = frozenset({CaseStatus.REORIENTED, CaseStatus.WITHDRAWN, CaseStatus.COMPLETED})
_PREPARATION = frozenset({Stage.RECEPTION, Stage.SUPPORT})

# Which edits each stage allows; every service asks `edit_refusal` before it writes.
EDITS: dict[Edit, EditRule] = {
    Edit.CASE_DETAILS: EditRule(
        _OPEN_STAGES,
        N_("The case's details can be corrected while it is open."),
        entrepreneur_stages=_PREPARATION,
    ),
    Edit.ASSESSMENT: EditRule(
        frozenset({Stage.RECEPTION}),
        N_("The assessment can only change while the case is in reception."),
    ),
    Edit.TRAINING: EditRule(_OPEN_STAGES, N_("The case is completed.")),
    Edit.FEASIBILITY: EditRule(
        _PREPARATION, N_("The feasibility study is closed: the case has left the support stage.")
    ),
    Edit.INVESTMENT_PLAN: EditRule(
        _PREPARATION, N_("The investment plan is frozen: the case has left the support stage.")
    ),
    Edit.REFERRALS: EditRule(
        frozenset({Stage.LINKAGE, Stage.FOLLOW_UP}),
        N_("Referrals are made once the case is in linkage."),
    ),
    Edit.MILESTONES: EditRule(
        _OPEN_STAGES, N_("The case is completed; its milestones are closed.")
    ),
    Edit.FOLLOW_UP_PERIOD: EditRule(
        frozenset({Stage.FOLLOW_UP}),
        N_("The follow-up period can only be set while the case is in follow-up."),
    ),
    Edit.FOLLOW_UP_REPORTS: EditRule(
        frozenset({Stage.FOLLOW_UP}),
        N_("Follow-up reports are made while the case is in follow-up."),
    ),
    Edit.INTAKE: EditRule(_OPEN_STAGES, N_("The case is completed: its intake is kept as it was.")),
    Edit.GUIDES: EditRule(
        _OPEN_STAGES, N_("The case is completed: its guides are kept as they were.")
    ),
}


def edit_refusal(edit: Edit, stage: Stage, status: CaseStatus, role: Role) -> str | None:
    """Why `edit` is closed for `role` on a case at `stage` and `status`; None when it is open."""
    rule = EDITS[edit]
    if status in CLOSED_STATUSES and stage != Stage.COMPLETED:
        return f"The case is {status.value}: {edit.value} can no longer change."
    stages = rule.entrepreneur_stages if role == Role.ENTREPRENEUR else None
    if stage not in (stages or rule.stages):
        if stages is not None and stage in rule.stages:
            open_at = " or ".join(sorted(s.value for s in stages))
            return f"An entrepreneur corrects {edit.value} in {open_at}; ask your advisor now."
        return rule.closed
    return None


def unmet_requirements(transition: TransitionRule, facts: CaseFacts) -> list[str]:
    """Every requirement of `transition` that `facts` do not meet, in English; empty when the
    gate is open."""
    return [in_english(need) for need in needs_of(transition, facts)]


def needs_of(transition: TransitionRule, facts: CaseFacts) -> list[Phrase]:
    """What `transition`'s gate still needs, as phrases any language can print."""
    needs: list[Phrase] = []
    if facts.stage not in transition.sources:
        wanted = " or ".join(sorted(s.value for s in transition.sources))
        needs.append(
            Phrase(
                text=f"The case is in {facts.stage.value}; "
                f"this step can only be taken from {wanted}."
            )
        )
    if facts.status not in transition.allowed_statuses:
        wanted = " or ".join(sorted(s.value.replace("_", " ") for s in transition.allowed_statuses))
        needs.append(
            Phrase(
                text=f"The case is {facts.status.value.replace('_', ' ')}; "
                f"this step needs it {wanted}."
            )
        )
    needs.extend(r.needs(facts) for r in transition.requirements if not r.holds(facts))
    return needs


def is_made(transition: TransitionRule, facts: CaseFacts) -> bool:
    """Whether the case already stands where `transition` leads (re-running it changes nothing)."""
    if transition.target_stage is None:
        return facts.status == transition.target_status
    return facts.stage == transition.target_stage


# What the entrepreneur reads once a stage's gate is open, by the stage the case is at.
_READY = {
    Stage.RECEPTION: N_("Everything is ready: an advisor can now move the case to support."),
    Stage.SUPPORT: N_("Everything is ready: an advisor can now move the case to linkage."),
    Stage.LINKAGE: N_("Everything is ready: an advisor can now move the case to follow up."),
    Stage.FOLLOW_UP: N_("Everything is ready: an advisor can now move the case to completed."),
}


# What comes next for a case whose status, not its gate, says it.
_STATUS_STEPS = {
    CaseStatus.REORIENTED: N_(
        "The project has been reoriented: see the reason and suggested activities."
    ),
    CaseStatus.WITHDRAWN: N_("The project was withdrawn; nothing more is planned."),
    CaseStatus.COMPLETED: N_("Support is complete. Congratulations on your enterprise."),
    CaseStatus.ON_HOLD: N_("The case is on hold; your advisor will tell you when it resumes."),
}


def next_steps(facts: CaseFacts) -> list[str]:
    """What has to happen next for the case to move on, in plain English words."""
    return [in_english(step) for step in next_step_phrases(facts)]


def next_step_phrases(facts: CaseFacts) -> list[Phrase]:
    """What has to happen next for the case to move on, as phrases any language can print."""
    if facts.status in _STATUS_STEPS:
        return [Phrase(text=_STATUS_STEPS[facts.status])]
    if facts.stage == Stage.COMPLETED:
        return [Phrase(text=_STATUS_STEPS[CaseStatus.COMPLETED])]
    transition = FORWARD[facts.stage]
    needs = [r.needs(facts) for r in transition.requirements if not r.holds(facts)]
    return needs or [Phrase(text=_READY[facts.stage])]
