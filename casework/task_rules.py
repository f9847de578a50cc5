"""What waits on whom in one case: the tasks its facts call for.

Nobody types a task in. Each rule below reads the case's facts and says which tasks
are due now; the store keeps them (`casework/services/tasks.py`), opening a task the
moment its fact appears and closing it the moment the fact is gone, so a to-do list
is never stale and its history stays.

A task is known within its case by its kind and its subject (the partner, the
referral, the target stage, the plan version it is about): the same fact, however
often the case changes, is one task.
"""

import uuid
from dataclasses import dataclass

from casework.referral_lifecycle import HOLDING_DOSSIER, record_gap
from casework.stages import FORWARD, CaseFacts, unmet_requirements
from casework.vocabulary import CaseStatus, ReferralStatus, Role, Stage, TaskKind


@dataclass(frozen=True)
class ReferralFacts:
    """What the tasks need to know of one referral of the case."""

    id: uuid.UUID
    partner_id: uuid.UUID
    partner: str
    status: ReferralStatus
    consent_standing: bool
    has_decline_reason: bool = False
    has_outcome: bool = False


@dataclass(frozen=True)
class TaskFacts:
    """One case as its tasks read it: the gates' facts, its advisor, its referrals."""

    title: str
    has_advisor: bool
    gate: CaseFacts
    referrals: tuple[ReferralFacts, ...] = ()
    # Whether the entrepreneur wrote the plan's current version.
    plan_by_entrepreneur: bool = False
    # The plan years whose reported figures no advisor has confirmed yet.
    unconfirmed_reports: tuple[int, ...] = ()


@dataclass(frozen=True)
class DueTask:
    """A task the facts call for: who acts, on what, and what to do, in words."""

    kind: TaskKind
    subject: str
    for_role: Role
    summary: str


def due_tasks(facts: TaskFacts) -> list[DueTask]:
    """Every task the case's facts call for now."""
    return [
        *_case_tasks(facts),
        *(task for referral in facts.referrals for task in _referral_tasks(facts, referral)),
    ]


def _case_tasks(facts: TaskFacts) -> list[DueTask]:
    gate = facts.gate
    if gate.status != CaseStatus.ACTIVE or gate.stage == Stage.COMPLETED:
        return []
    tasks: list[DueTask] = []
    if not facts.has_advisor:
        tasks.append(
            DueTask(
                TaskKind.ASSIGN_ADVISOR,
                "",
                Role.ADVISOR,
                f"“{facts.title}” has no advisor yet: take it on, or assign it.",
            )
        )
    forward = FORWARD[gate.stage]
    if forward.target_stage is not None and not unmet_requirements(forward, gate):
        target = forward.target_stage
        tasks.append(
            DueTask(
                TaskKind.MOVE_CASE,
                target.value,
                Role.ADVISOR,
                f"Every requirement is met: move the case to {target.value.replace('_', ' ')}.",
            )
        )
    awaiting_approval = (
        gate.stage == Stage.SUPPORT and gate.plan_version is not None and not gate.plan_approved
    )
    if awaiting_approval and facts.plan_by_entrepreneur:
        tasks.append(
            DueTask(
                TaskKind.REVIEW_PLAN,
                str(gate.plan_version),
                Role.ADVISOR,
                f"The entrepreneur saved version {gate.plan_version} of the investment plan: "
                "review it with them before they approve it.",
            )
        )
    for year in facts.unconfirmed_reports:
        tasks.append(
            DueTask(
                TaskKind.CONFIRM_REPORT,
                str(year),
                Role.ADVISOR,
                f"The entrepreneur reported the figures of year {year}: check and confirm them.",
            )
        )
    if awaiting_approval:
        tasks.append(
            DueTask(
                TaskKind.APPROVE_PLAN,
                str(gate.plan_version),
                Role.ENTREPRENEUR,
                f"Read version {gate.plan_version} of your investment plan and approve it "
                "when it says what you intend.",
            )
        )
    return tasks


def _referral_tasks(facts: TaskFacts, referral: ReferralFacts) -> list[DueTask]:
    tasks: list[DueTask] = []
    gap = record_gap(
        referral.status,
        has_reason=referral.has_decline_reason,
        has_outcome=referral.has_outcome,
    )
    if gap:
        tasks.append(
            DueTask(
                TaskKind.COMPLETE_REFERRAL_RECORD,
                str(referral.id),
                Role.ADVISOR,
                f"The referral to {referral.partner} is {referral.status.value}: record {gap}.",
            )
        )
    if referral.status in HOLDING_DOSSIER and not referral.consent_standing:
        tasks.append(
            DueTask(
                TaskKind.CONSENT_WITHDRAWN,
                str(referral.id),
                Role.ADVISOR,
                f"The entrepreneur withdrew their consent, and {referral.partner} holds the "
                "dossier: withdraw the referral, or talk it over with the entrepreneur.",
            )
        )
    if (
        referral.status == ReferralStatus.DRAFT
        and not referral.consent_standing
        and facts.gate.status == CaseStatus.ACTIVE
    ):
        tasks.append(
            DueTask(
                TaskKind.GIVE_CONSENT,
                str(referral.partner_id),
                Role.ENTREPRENEUR,
                f"Your advisor proposes to send your dossier to {referral.partner}: "
                "give your consent if you agree; nothing is shared without it.",
            )
        )
    return tasks
