"""Every stage gate, table-driven, on plain facts: no database, no HTTP, no flow run."""

import uuid
from dataclasses import replace
from datetime import date

import pytest

from casework.actors import RULES, Action, Actor
from casework.errors import Forbidden, InvalidInput
from casework.services.transitions import authorize
from casework.stages import (
    FORWARD,
    TRANSITIONS,
    CaseFacts,
    is_made,
    next_steps,
    unmet_requirements,
)
from casework.vocabulary import (
    AssessmentDecision,
    CaseStatus,
    FeasibilityConclusion,
    Role,
    Stage,
    Transition,
)

TODAY = date(2026, 11, 28)

# The smallest facts that open each gate.
OPEN = {
    "support": CaseFacts(
        Stage.RECEPTION, CaseStatus.ACTIVE, TODAY, assessment_decision=AssessmentDecision.PROCEED
    ),
    "linkage": CaseFacts(
        Stage.SUPPORT,
        CaseStatus.ACTIVE,
        TODAY,
        feasibility_conclusion=FeasibilityConclusion.VIABLE,
        plan_version=2,
        plan_approved=True,
    ),
    "follow_up": CaseFacts(Stage.LINKAGE, CaseStatus.ACTIVE, TODAY, accepted_referrals=1),
    "completed": CaseFacts(Stage.FOLLOW_UP, CaseStatus.ACTIVE, TODAY, follow_up_until=TODAY),
    "reorientation": CaseFacts(Stage.SUPPORT, CaseStatus.ACTIVE, TODAY),
}


@pytest.mark.parametrize("name", sorted(OPEN))
def test_gate_is_open_when_every_requirement_holds(name):
    assert unmet_requirements(TRANSITIONS[name], OPEN[name]) == []


CLOSED = [
    # (transition, change to the open facts, words the unmet sentence must contain)
    ("support", {"assessment_decision": None}, "not yet assessed"),
    ("support", {"assessment_decision": AssessmentDecision.REORIENT}, "reorient"),
    ("support", {"training_required": True}, "training"),
    ("support", {"required_trainings_open": 2}, "2 required training course(s)"),
    ("support", {"status": CaseStatus.ON_HOLD}, "on hold"),
    ("support", {"stage": Stage.SUPPORT}, "only be taken from reception"),
    ("linkage", {"feasibility_conclusion": None}, "not yet concluded"),
    ("linkage", {"feasibility_conclusion": FeasibilityConclusion.PENDING}, "not yet concluded"),
    ("linkage", {"feasibility_conclusion": FeasibilityConclusion.NOT_VIABLE}, "not viable"),
    ("linkage", {"plan_version": None, "plan_approved": False}, "no investment plan"),
    ("linkage", {"plan_approved": False}, "not yet approved version 2"),
    ("linkage", {"status": CaseStatus.REORIENTED}, "reoriented"),
    (
        "linkage",
        {"plan_advisor_share": 0.8, "supplant_threshold": 0.5},
        "Project leader supplanted? Advisors wrote 80% of investment plan version 2",
    ),
    ("follow_up", {"accepted_referrals": 0}, "No partner has accepted"),
    ("follow_up", {"stage": Stage.SUPPORT}, "only be taken from linkage"),
    ("completed", {"follow_up_until": None}, "no end date"),
    ("completed", {"follow_up_until": date(2026, 11, 29)}, "runs until 2026-11-29"),
    ("completed", {"open_milestones": 2}, "2 follow-up milestone(s) are still open"),
    ("reorientation", {"stage": Stage.LINKAGE}, "reception or support"),
    ("reorientation", {"status": CaseStatus.WITHDRAWN}, "withdrawn"),
    ("reorientation", {"status": CaseStatus.REORIENTED}, "reoriented"),
]


@pytest.mark.parametrize(("name", "change", "words"), CLOSED)
def test_gate_reports_each_unmet_requirement_in_words(name, change, words):
    unmet = unmet_requirements(TRANSITIONS[name], replace(OPEN[name], **change))
    assert len(unmet) == 1
    assert words in unmet[0]


def test_training_done_reopens_the_support_gate():
    trained = replace(OPEN["support"], training_required=True, training_completed=True)
    assert unmet_requirements(TRANSITIONS["support"], trained) == []


def test_self_financed_plan_opens_follow_up_without_a_partner():
    facts = replace(OPEN["follow_up"], accepted_referrals=0, self_financed=True)
    assert unmet_requirements(TRANSITIONS["follow_up"], facts) == []


def test_every_unmet_requirement_is_listed_together():
    nothing = CaseFacts(Stage.SUPPORT, CaseStatus.ACTIVE, TODAY)
    assert len(unmet_requirements(TRANSITIONS["linkage"], nothing)) == 2


def test_reorientation_is_allowed_while_on_hold():
    facts = replace(OPEN["reorientation"], status=CaseStatus.ON_HOLD)
    assert unmet_requirements(TRANSITIONS["reorientation"], facts) == []


@pytest.mark.parametrize("name", sorted(TRANSITIONS))
@pytest.mark.parametrize("role", list(Role))
def test_the_row_alone_says_who_may_make_a_move(name, role):
    actor = Actor(uuid.uuid4(), role)
    if role in TRANSITIONS[name].roles:
        authorize(name, actor, reason="Asked by the entrepreneur")
    else:
        with pytest.raises(Forbidden, match=name):
            authorize(name, actor, reason="Asked by the entrepreneur")


@pytest.mark.parametrize("name", sorted(t.name for t in TRANSITIONS.values() if t.reason_required))
def test_a_move_that_asks_why_is_refused_without_a_reason(name):
    with pytest.raises(InvalidInput, match="reason"):
        authorize(name, Actor(uuid.uuid4(), Role.ADVISOR))


def test_the_route_level_rules_are_the_tables_unions():
    moves = [t for t in TRANSITIONS.values() if t.target_stage is not None]
    assert RULES[Action.MOVE_STAGE].roles == frozenset(r for t in moves for r in t.roles)
    assert RULES[Action.REORIENT].roles == TRANSITIONS[Transition.REORIENTATION].roles


def test_every_transition_has_a_row():
    assert set(TRANSITIONS) == set(Transition)


def test_the_forward_path_runs_through_the_four_stages_in_order():
    path = [Stage.RECEPTION]
    while path[-1] in FORWARD:
        target = FORWARD[path[-1]].target_stage
        assert target is not None
        path.append(target)
    assert path == [Stage.RECEPTION, Stage.SUPPORT, Stage.LINKAGE, Stage.FOLLOW_UP, Stage.COMPLETED]


def test_a_transition_is_made_once_the_case_stands_at_its_target():
    assert is_made(TRANSITIONS["support"], replace(OPEN["support"], stage=Stage.SUPPORT))
    assert not is_made(TRANSITIONS["support"], OPEN["support"])
    reoriented = replace(OPEN["reorientation"], status=CaseStatus.REORIENTED)
    assert is_made(TRANSITIONS["reorientation"], reoriented)


def test_next_steps_repeat_the_gate_in_plain_words():
    waiting = replace(OPEN["linkage"], plan_approved=False)
    assert next_steps(waiting) == [
        "The entrepreneur has not yet approved version 2 of the investment plan, the current one."
    ]
    assert next_steps(OPEN["linkage"]) == [
        "Everything is ready: an advisor can now move the case to linkage."
    ]


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (CaseStatus.REORIENTED, "reoriented"),
        (CaseStatus.WITHDRAWN, "withdrawn"),
        (CaseStatus.ON_HOLD, "on hold"),
        (CaseStatus.COMPLETED, "complete"),
    ],
)
def test_next_steps_for_a_case_that_is_not_active(status, words):
    assert words in next_steps(replace(OPEN["support"], status=status))[0]


def test_an_advisor_share_at_the_limit_does_not_close_the_gate():
    facts = replace(OPEN["linkage"], plan_advisor_share=0.5, supplant_threshold=0.5)
    assert unmet_requirements(TRANSITIONS["linkage"], facts) == []
