"""What the daily sweep flags on a day, and what ends each flag (casework/sweep_rules.py)."""

import uuid
from datetime import UTC, date, datetime

import pytest

from casework.sweep_rules import (
    AwaitedReferral,
    Deviation,
    MilestoneFacts,
    SweepFacts,
    SweepPolicy,
    findings,
    still_holds,
)
from casework.vocabulary import CaseStatus, MilestoneKind, ReferralStatus, Stage, TaskKind

POLICY = SweepPolicy(referral_answer_days=21, stale_after_days=30)
# For the rows about other flags: a case would have to be quiet for decades to be stale.
PATIENT = SweepPolicy(referral_answer_days=21, stale_after_days=100_000)
LAST = datetime(2027, 1, 10, 9, 30, tzinfo=UTC)
START = MilestoneFacts(
    uuid.UUID(int=1),
    "Start of operations",
    MilestoneKind.START_OF_OPERATIONS,
    date(2027, 1, 1),
    done=False,
)
INSTALMENT = MilestoneFacts(
    uuid.UUID(int=2),
    "Meso credit: instalment of year 1",
    MilestoneKind.INSTALMENT,
    date(2027, 12, 31),
    done=False,
)
DONE = MilestoneFacts(START.id, START.title, START.kind, START.due_date, done=True)
SENT = AwaitedReferral(uuid.UUID(int=3), "BIO", ReferralStatus.SENT, date(2027, 1, 5))
OFF = Deviation("1:revenue", "revenue 38.0% below plan in year 1")


def case(
    stage: Stage = Stage.FOLLOW_UP, status: CaseStatus = CaseStatus.ACTIVE, **facts
) -> SweepFacts:
    return SweepFacts(stage=stage, status=status, last_activity_at=LAST, **facts)


def kinds(facts: SweepFacts, on: date, policy: SweepPolicy) -> list[tuple[TaskKind, str]]:
    return [(f.kind, f.subject) for f in findings(facts, on, policy)]


TABLE = [
    ("a milestone due today is not late", case(milestones=(START,)), date(2027, 1, 1), []),
    (
        "the day after, it is",
        case(milestones=(START,)),
        date(2027, 1, 2),
        [(TaskKind.MILESTONE_OVERDUE, str(START.id))],
    ),
    ("a done milestone never is", case(milestones=(DONE,)), date(2027, 3, 1), []),
    (
        "an instalment past due is a repayment flag",
        case(milestones=(INSTALMENT,)),
        date(2028, 1, 1),
        [(TaskKind.REPAYMENT_OVERDUE, str(INSTALMENT.id))],
    ),
    ("a partner has 21 days", case(Stage.LINKAGE, referrals=(SENT,)), date(2027, 1, 25), []),
    (
        "on the 21st day, it is flagged",
        case(Stage.LINKAGE, referrals=(SENT,)),
        date(2027, 1, 26),
        [(TaskKind.REFERRAL_UNANSWERED, str(SENT.id))],
    ),
    ("30 days without activity is not yet stale", case(), date(2027, 2, 8), []),
    ("31 days is", case(), date(2027, 2, 9), [(TaskKind.STALE_CASE, f"since {LAST.isoformat()}")]),
    (
        "a figure off the plan",
        case(deviations=(OFF,)),
        date(2027, 1, 11),
        [(TaskKind.PLAN_DEVIATION, "1:revenue")],
    ),
    (
        "a plan year ended and not reported",
        case(plan_start_on=date(2027, 1, 1), plan_years=5),
        date(2028, 1, 1),
        [(TaskKind.REPORT_FIGURES, "1")],
    ),
    (
        "reported, nothing to ask",
        case(plan_start_on=date(2027, 1, 1), plan_years=5, reported_years=frozenset({1})),
        date(2028, 1, 1),
        [],
    ),
    (
        "a case on hold is not swept",
        case(status=CaseStatus.ON_HOLD, milestones=(START,), deviations=(OFF,)),
        date(2029, 1, 1),
        [],
    ),
    (
        "nor a completed one",
        case(Stage.COMPLETED, CaseStatus.COMPLETED, milestones=(START,)),
        date(2029, 1, 1),
        [],
    ),
]


@pytest.mark.parametrize(
    ("facts", "on", "expected"), [r[1:] for r in TABLE], ids=[r[0] for r in TABLE]
)
def test_what_the_sweep_flags_on_a_day(facts, on, expected):
    stale = any(kind == TaskKind.STALE_CASE for kind, _ in expected)
    assert kinds(facts, on, POLICY if stale or on < date(2027, 2, 9) else PATIENT) == expected


def test_what_ends_a_flag_never_depends_on_the_day():
    facts = case(milestones=(START,), referrals=(SENT,), deviations=(OFF,))
    assert still_holds(facts, TaskKind.MILESTONE_OVERDUE, str(START.id))
    assert still_holds(facts, TaskKind.REFERRAL_UNANSWERED, str(SENT.id))
    assert still_holds(facts, TaskKind.STALE_CASE, f"since {LAST.isoformat()}")
    assert still_holds(facts, TaskKind.PLAN_DEVIATION, "1:revenue")
    later = SweepFacts(
        Stage.FOLLOW_UP, CaseStatus.ACTIVE, LAST.replace(minute=31), milestones=(DONE,)
    )
    assert not still_holds(later, TaskKind.MILESTONE_OVERDUE, str(START.id))
    assert not still_holds(later, TaskKind.REFERRAL_UNANSWERED, str(SENT.id))
    # Anything recorded later, even the same day, ends a quiet spell.
    assert not still_holds(later, TaskKind.STALE_CASE, f"since {LAST.isoformat()}")
    assert not still_holds(later, TaskKind.PLAN_DEVIATION, "1:revenue")
