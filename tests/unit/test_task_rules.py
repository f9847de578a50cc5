"""The tasks a case's facts call for, on a table of cases (casework/task_rules.py)."""

import uuid
from datetime import date

import pytest

from casework.stages import CaseFacts
from casework.task_rules import ReferralFacts, TaskFacts, due_tasks
from casework.vocabulary import (
    AssessmentDecision,
    CaseStatus,
    ReferralStatus,
    Role,
    Stage,
    TaskKind,
)

TODAY = date(2026, 12, 2)
REFERRAL = uuid.UUID(int=1)
PARTNER = uuid.UUID(int=2)


def gate(
    stage: Stage = Stage.RECEPTION, status: CaseStatus = CaseStatus.ACTIVE, **facts
) -> CaseFacts:
    return CaseFacts(stage=stage, status=status, today=TODAY, **facts)


def referral(status: ReferralStatus, *, consent: bool = True, **facts) -> ReferralFacts:
    return ReferralFacts(REFERRAL, PARTNER, "BIO", status, consent_standing=consent, **facts)


def case(gate_facts: CaseFacts, *referrals: ReferralFacts, advisor: bool = True) -> TaskFacts:
    return TaskFacts("Cold storage", has_advisor=advisor, gate=gate_facts, referrals=referrals)


def kinds(facts: TaskFacts) -> set[tuple[TaskKind, str, Role]]:
    return {(t.kind, t.subject, t.for_role) for t in due_tasks(facts)}


LINKAGE = gate(Stage.LINKAGE, plan_version=1, plan_approved=True)
ADVISOR, ENTREPRENEUR = Role.ADVISOR, Role.ENTREPRENEUR

TABLE = [
    (
        "a new case without an advisor",
        case(gate(), advisor=False),
        {(TaskKind.ASSIGN_ADVISOR, "", ADVISOR)},
    ),
    ("a case with its advisor, not yet assessed", case(gate()), set()),
    (
        "assessed to proceed: the gate to support is open",
        case(gate(assessment_decision=AssessmentDecision.PROCEED)),
        {(TaskKind.MOVE_CASE, "support", ADVISOR)},
    ),
    (
        "assessed to reorient: no move to propose",
        case(gate(assessment_decision=AssessmentDecision.REORIENT)),
        set(),
    ),
    (
        "a plan not yet approved, in support",
        case(gate(Stage.SUPPORT, plan_version=3)),
        {(TaskKind.APPROVE_PLAN, "3", ENTREPRENEUR)},
    ),
    (
        "a plan the entrepreneur saved waits for the advisor's review too",
        TaskFacts(
            "Cold storage", True, gate(Stage.SUPPORT, plan_version=2), plan_by_entrepreneur=True
        ),
        {(TaskKind.APPROVE_PLAN, "2", ENTREPRENEUR), (TaskKind.REVIEW_PLAN, "2", ADVISOR)},
    ),
    (
        "reported figures wait for an advisor's confirmation",
        TaskFacts("Cold storage", True, gate(Stage.FOLLOW_UP), unconfirmed_reports=(1, 2)),
        {(TaskKind.CONFIRM_REPORT, "1", ADVISOR), (TaskKind.CONFIRM_REPORT, "2", ADVISOR)},
    ),
    (
        "an approved plan asks nothing of the entrepreneur",
        case(gate(Stage.SUPPORT, plan_version=3, plan_approved=True)),
        set(),
    ),
    (
        "a draft referral without consent",
        case(LINKAGE, referral(ReferralStatus.DRAFT, consent=False)),
        {(TaskKind.GIVE_CONSENT, str(PARTNER), ENTREPRENEUR)},
    ),
    ("a draft referral with consent", case(LINKAGE, referral(ReferralStatus.DRAFT)), set()),
    (
        "a sent referral whose consent was withdrawn",
        case(LINKAGE, referral(ReferralStatus.SENT, consent=False)),
        {(TaskKind.CONSENT_WITHDRAWN, str(REFERRAL), ADVISOR)},
    ),
    (
        "an accepted referral whose consent was withdrawn",
        case(LINKAGE, referral(ReferralStatus.ACCEPTED, consent=False, has_decline_reason=False)),
        {(TaskKind.CONSENT_WITHDRAWN, str(REFERRAL), ADVISOR)},
    ),
    (
        "a referral withdrawn after consent was withdrawn",
        case(LINKAGE, referral(ReferralStatus.WITHDRAWN, consent=False)),
        set(),
    ),
    (
        "declined without a reason",
        case(LINKAGE, referral(ReferralStatus.DECLINED)),
        {(TaskKind.COMPLETE_REFERRAL_RECORD, str(REFERRAL), ADVISOR)},
    ),
    (
        "declined with its reason",
        case(LINKAGE, referral(ReferralStatus.DECLINED, has_decline_reason=True)),
        set(),
    ),
    (
        "completed without an outcome, on a completed case",
        case(gate(Stage.COMPLETED, CaseStatus.COMPLETED), referral(ReferralStatus.COMPLETED)),
        {(TaskKind.COMPLETE_REFERRAL_RECORD, str(REFERRAL), ADVISOR)},
    ),
    (
        "completed with its outcome",
        case(LINKAGE, referral(ReferralStatus.COMPLETED, has_outcome=True)),
        set(),
    ),
    (
        "on hold: no move, no assignment, no consent asked",
        case(
            gate(status=CaseStatus.ON_HOLD, assessment_decision=AssessmentDecision.PROCEED),
            referral(ReferralStatus.DRAFT, consent=False),
            advisor=False,
        ),
        set(),
    ),
    (
        "reoriented: nothing more is asked",
        case(gate(status=CaseStatus.REORIENTED), advisor=False),
        set(),
    ),
]


@pytest.mark.parametrize(
    ("facts", "expected"), [row[1:] for row in TABLE], ids=[r[0] for r in TABLE]
)
def test_the_tasks_each_case_calls_for(facts, expected):
    assert kinds(facts) == expected


def test_each_task_says_what_to_do_and_names_the_partner():
    facts = case(
        LINKAGE,
        referral(ReferralStatus.DRAFT, consent=False),
        ReferralFacts(uuid.UUID(int=3), PARTNER, "BIO", ReferralStatus.DECLINED, True),
    )
    summaries = {t.kind: t.summary for t in due_tasks(facts)}
    assert "send your dossier to BIO" in summaries[TaskKind.GIVE_CONSENT]
    assert "nothing is shared without it" in summaries[TaskKind.GIVE_CONSENT]
    assert summaries[TaskKind.COMPLETE_REFERRAL_RECORD] == (
        "The referral to BIO is declined: record the partner's reason for declining."
    )
