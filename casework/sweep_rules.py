"""What the daily follow-up sweep flags on a case, on a given day, and what ends each flag.

A flag opens on the day its fact is found (a milestone past due, an instalment not
repaid, a referral left unanswered, a case with no activity, a figure off the plan)
and becomes a task and a line on the timeline. It ends when its fact changes — the
milestone done, the partner answering, anything happening on the case, the figure
corrected — whatever the day: what ends a flag never depends on the date, so a sweep
run for a later day (`casework sweep --on`) and the changes made today agree.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from casework.plan_milestones import year_end
from casework.vocabulary import (
    CaseStatus,
    MilestoneKind,
    ReferralStatus,
    Role,
    Stage,
    TaskKind,
)

_OPEN_STAGES = frozenset({Stage.RECEPTION, Stage.SUPPORT, Stage.LINKAGE, Stage.FOLLOW_UP})
_AWAITING_ANSWER = frozenset({ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED})

SWEPT_KINDS = frozenset(
    {
        TaskKind.MILESTONE_OVERDUE,
        TaskKind.REPAYMENT_OVERDUE,
        TaskKind.REFERRAL_UNANSWERED,
        TaskKind.STALE_CASE,
        TaskKind.PLAN_DEVIATION,
        TaskKind.REPORT_FIGURES,
    }
)


@dataclass(frozen=True)
class SweepPolicy:
    """How long the unit waits before a flag: a partner's answer, any activity on a case."""

    referral_answer_days: int = 21
    stale_after_days: int = 30


@dataclass(frozen=True)
class MilestoneFacts:
    id: uuid.UUID
    title: str
    kind: MilestoneKind
    due_date: date
    done: bool


@dataclass(frozen=True)
class AwaitedReferral:
    id: uuid.UUID
    partner: str
    status: ReferralStatus
    sent_on: date | None


@dataclass(frozen=True)
class Deviation:
    """A figure off the plan: its key within the case ("1:revenue") and its sentence."""

    key: str
    sentence: str


@dataclass(frozen=True)
class SweepFacts:
    """One case as the sweep reads it."""

    stage: Stage
    status: CaseStatus
    # The moment of the case's last event (the sweep's own lines are not activity).
    last_activity_at: datetime
    milestones: tuple[MilestoneFacts, ...] = ()
    referrals: tuple[AwaitedReferral, ...] = ()
    deviations: tuple[Deviation, ...] = ()
    # The approved plan's calendar, once in follow-up: the day year 1 began, its years,
    # and the years reported so far.
    plan_start_on: date | None = None
    plan_years: int = 0
    reported_years: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Finding:
    """A flag: the task it opens (for whom, saying what) and its line on the timeline."""

    kind: TaskKind
    subject: str
    for_role: Role
    summary: str
    # The timeline's sentence, with `{name}` for each of `texts` (what people wrote).
    event: str
    due_on: date | None = None
    texts: Mapping[str, str] = field(default_factory=dict)


def findings(facts: SweepFacts, on: date, policy: SweepPolicy) -> list[Finding]:
    """Every flag the case calls for on the day `on`."""
    if facts.status != CaseStatus.ACTIVE or facts.stage not in _OPEN_STAGES:
        return []
    return [
        *_overdue(facts, on),
        *_unanswered(facts, on, policy),
        *_stale(facts, on, policy),
        *_deviations(facts),
        *_reports_due(facts, on),
    ]


def still_holds(facts: SweepFacts, kind: TaskKind, subject: str) -> bool:
    """Whether the fact behind an open flag still stands (whatever the day)."""
    if kind in (TaskKind.MILESTONE_OVERDUE, TaskKind.REPAYMENT_OVERDUE):
        return any(str(m.id) == subject and not m.done for m in facts.milestones)
    if kind == TaskKind.REFERRAL_UNANSWERED:
        return any(str(r.id) == subject for r in facts.referrals)
    if kind == TaskKind.STALE_CASE:
        return subject == _since(facts.last_activity_at) and facts.status == CaseStatus.ACTIVE
    if kind == TaskKind.PLAN_DEVIATION:
        return any(d.key == subject for d in facts.deviations)
    if kind == TaskKind.REPORT_FIGURES:
        return facts.stage == Stage.FOLLOW_UP and int(subject) not in facts.reported_years
    return False


def _overdue(facts: SweepFacts, on: date) -> list[Finding]:
    found = []
    for milestone in facts.milestones:
        if milestone.done or milestone.due_date >= on:
            continue
        due = milestone.due_date.isoformat()
        if milestone.kind == MilestoneKind.INSTALMENT:
            found.append(
                Finding(
                    TaskKind.REPAYMENT_OVERDUE,
                    str(milestone.id),
                    Role.ADVISOR,
                    f"{milestone.title}: due on {due}, not recorded as repaid. "
                    "Check with the entrepreneur and the lender, then record it.",
                    f"Follow-up check: the instalment due on {due} is not recorded as repaid.",
                    milestone.due_date,
                )
            )
        else:
            found.append(
                Finding(
                    TaskKind.MILESTONE_OVERDUE,
                    str(milestone.id),
                    Role.ADVISOR,
                    f"“{milestone.title}” was due on {due} and is not recorded as done.",
                    f"Follow-up check: “{{milestone}}”, due on {due}, is not done yet.",
                    milestone.due_date,
                    {"milestone": milestone.title},
                )
            )
    return found


def _unanswered(facts: SweepFacts, on: date, policy: SweepPolicy) -> list[Finding]:
    wait = timedelta(days=policy.referral_answer_days)
    return [
        Finding(
            TaskKind.REFERRAL_UNANSWERED,
            str(referral.id),
            Role.ADVISOR,
            f"{referral.partner} has not answered the referral sent on "
            f"{referral.sent_on.isoformat()}: remind them.",
            f"Follow-up check: {referral.partner} has not answered yet "
            f"(sent on {referral.sent_on.isoformat()}).",
            referral.sent_on + wait,
        )
        for referral in facts.referrals
        if referral.status in _AWAITING_ANSWER
        and referral.sent_on is not None
        and referral.sent_on + wait <= on
    ]


def _stale(facts: SweepFacts, on: date, policy: SweepPolicy) -> list[Finding]:
    last = facts.last_activity_at.date()
    if last + timedelta(days=policy.stale_after_days) > on:
        return []
    since = last.isoformat()
    return [
        Finding(
            TaskKind.STALE_CASE,
            _since(facts.last_activity_at),
            Role.ADVISOR,
            f"Nothing has happened on the case since {since}: get in touch with the entrepreneur.",
            f"Follow-up check: nothing recorded on the case since {since}.",
        )
    ]


def _deviations(facts: SweepFacts) -> list[Finding]:
    return [
        Finding(
            TaskKind.PLAN_DEVIATION,
            deviation.key,
            Role.ADVISOR,
            f"{deviation.sentence[:1].upper()}{deviation.sentence[1:]}: talk it over with the "
            "entrepreneur.",
            f"Follow-up check: {deviation.sentence}.",
        )
        for deviation in facts.deviations
    ]


def _reports_due(facts: SweepFacts, on: date) -> list[Finding]:
    if facts.stage != Stage.FOLLOW_UP or facts.plan_start_on is None:
        return []
    found = []
    for year in range(1, facts.plan_years + 1):
        ended = year_end(facts.plan_start_on, year)
        if ended >= on:
            break
        if year in facts.reported_years:
            continue
        found.append(
            Finding(
                TaskKind.REPORT_FIGURES,
                str(year),
                Role.ENTREPRENEUR,
                f"Year {year} of your plan ended on {ended.isoformat()}: report its revenue, "
                "costs, jobs and repayments.",
                f"Follow-up check: the figures of year {year} are not reported yet.",
                ended,
            )
        )
    return found


def _since(moment: datetime) -> str:
    # To the microsecond: anything recorded later, even the same day, ends the flag.
    return f"since {moment.isoformat()}"
