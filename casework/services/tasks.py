"""Everyone's to-do list, kept true by the transactions that change the facts.

Whatever service changes a case, the tasks its facts call for (`casework.task_rules`)
are brought up to date in the same transaction, just before it commits: a task opens
when its fact appears, its wording follows the case, and it closes, kept as history,
when the fact is gone. No service has to remember to do it; a transaction that fails
changes no task either.
"""

import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, event, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from casework.actors import Actor
from casework.models import (
    Case,
    FollowUpReport,
    InvestmentPlanVersion,
    Partner,
    Referral,
    Task,
)
from casework.models.case_version import changed_cases
from casework.models.columns import utc_now
from casework.services.cases import today
from casework.services.consents import consent_stands_for_referral
from casework.services.facts import gather_facts
from casework.services.sweep_facts import sweep_facts
from casework.stages import CaseFacts
from casework.sweep_rules import SWEPT_KINDS, still_holds
from casework.task_rules import DueTask, ReferralFacts, TaskFacts, due_tasks
from casework.vocabulary import ReferralStatus, Role, Stage, TaskKind


def reconcile_tasks(case_ids: Iterable[uuid.UUID], *, session: Session) -> None:
    """Open, reword and close the cases' tasks so that they match the cases' facts now."""
    for case_id in case_ids:
        found = session.get(Case, case_id)
        if found is not None:
            _reconcile(found, session=session)


def _reconcile(case_row: Case, *, session: Session) -> None:
    due = {(t.kind, t.subject): t for t in due_tasks(_task_facts(case_row, session=session))}
    now = utc_now()
    open_rows = session.exec(
        select(Task).where(Task.case_id == case_row.id, col(Task.closed_at).is_(None))
    ).all()
    flags = [row for row in open_rows if row.kind in SWEPT_KINDS]
    if flags:
        facts = sweep_facts(case_row, session=session)
        for row in flags:
            if not still_holds(facts, TaskKind(row.kind), row.subject):
                row.closed_at = now
                session.add(row)
    for row in open_rows:
        if row.kind in SWEPT_KINDS:
            continue
        wanted = due.pop((TaskKind(row.kind), row.subject), None)
        if wanted is None:
            row.closed_at = now
        elif (row.summary, row.for_role) != (wanted.summary, wanted.for_role):
            row.summary, row.for_role = wanted.summary, wanted.for_role
        session.add(row)
    for task in due.values():
        session.add(_opened(case_row.id, task, now))


def _opened(case_id: uuid.UUID, task: DueTask, now: datetime) -> Task:
    return Task(
        kind=task.kind,
        case_id=case_id,
        subject=task.subject,
        for_role=task.for_role,
        summary=task.summary,
        created_at=now,
    )


def _task_facts(case_row: Case, *, session: Session) -> TaskFacts:
    rows = session.execute(
        sa_select(
            col(Referral.id),
            col(Referral.partner_id),
            col(Partner.name),
            col(Referral.status),
            consent_stands_for_referral(),
            col(Referral.decline_reason),
            col(Referral.outcome),
        )
        .join(Partner, col(Partner.id) == col(Referral.partner_id))
        .where(col(Referral.case_id) == case_row.id)
    ).all()
    gate = gather_facts(case_row, session=session, today=today())
    return TaskFacts(
        title=case_row.title,
        has_advisor=case_row.advisor_id is not None,
        gate=gate,
        plan_by_entrepreneur=_plan_by_entrepreneur(case_row, gate, session=session),
        unconfirmed_reports=_unconfirmed_reports(case_row, session=session),
        referrals=tuple(
            ReferralFacts(
                id=referral_id,
                partner_id=partner_id,
                partner=name,
                status=ReferralStatus(status),
                consent_standing=bool(standing),
                has_decline_reason=bool(reason),
                has_outcome=bool(outcome),
            )
            for referral_id, partner_id, name, status, standing, reason, outcome in rows
        ),
    )


def _plan_by_entrepreneur(case_row: Case, gate: CaseFacts, *, session: Session) -> bool:
    # Asked only while a plan waits for approval in support: no task reads it otherwise.
    if gate.stage != Stage.SUPPORT or gate.plan_version is None or gate.plan_approved:
        return False
    author = session.exec(
        select(InvestmentPlanVersion.author_role).where(
            InvestmentPlanVersion.case_id == case_row.id,
            InvestmentPlanVersion.version == gate.plan_version,
        )
    ).first()
    return author == Role.ENTREPRENEUR


def _unconfirmed_reports(case_row: Case, *, session: Session) -> tuple[int, ...]:
    if case_row.stage != Stage.FOLLOW_UP:
        return ()
    periods = session.exec(
        select(FollowUpReport.period)
        .where(FollowUpReport.case_id == case_row.id, col(FollowUpReport.confirmed_at).is_(None))
        .distinct()
    ).all()
    return tuple(sorted(periods))


@event.listens_for(Session, "before_commit")
def _follow_the_facts(session: Session) -> None:
    # Flushed first, so that every case this transaction changed is known.
    if session.new or session.dirty or session.deleted:
        session.flush()
    cases = changed_cases(session)
    if cases:
        reconcile_tasks(sorted(cases), session=session)


def tasks_for(
    actor: Actor,
    *,
    session: Session,
    kind: TaskKind | None = None,
    advisor_id: uuid.UUID | None = None,
    include_closed: bool = False,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[tuple[Task, str | None]], int]:
    """A page of what waits on `actor` (open first, soonest due first), and how many in all.

    An advisor's: the staff's tasks on their cases and on their unit's cases with no advisor
    yet; a manager's: the staff's tasks across their unit (the programme's: every unit's);
    an entrepreneur's: their own cases' tasks for them. `advisor_id` narrows to the cases
    that advisor holds.
    """
    query = select(Task, Case.reference).outerjoin(Case, col(Case.id) == col(Task.case_id))
    query = query.where(*_whose(actor))
    if kind is not None:
        query = query.where(Task.kind == kind)
    if advisor_id is not None:
        query = query.where(Case.advisor_id == advisor_id)
    if not include_closed:
        query = query.where(col(Task.closed_at).is_(None))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    page = session.exec(
        query.order_by(
            case((col(Task.closed_at).is_(None), 0), else_=1),
            case((col(Task.due_on).is_(None), 1), else_=0),
            col(Task.due_on),
            col(Task.created_at).desc(),
            col(Task.id),
        )
        .limit(limit)
        .offset(offset)
    ).all()
    return [(task, reference) for task, reference in page], total


def _whose(actor: Actor) -> list[Any]:
    if actor.role == Role.ENTREPRENEUR:
        return [col(Task.for_role) == Role.ENTREPRENEUR, col(Case.entrepreneur_id) == actor.id]
    # A unit's staff: their unit's cases (and its tasks about no case); the programme's: all.
    unit = [] if actor.unit_id is None else [_of_unit(actor.unit_id)]
    if actor.role == Role.MANAGER:
        return [col(Task.for_role).in_([Role.ADVISOR, Role.MANAGER]), *unit]
    mine = or_(col(Case.advisor_id) == actor.id, col(Case.advisor_id).is_(None))
    return [and_(col(Task.for_role) == Role.ADVISOR, mine), *unit]


def _of_unit(unit_id: uuid.UUID) -> Any:
    # A task about no case is its unit's (a shared guide's: the programme's).
    caseless = and_(col(Task.case_id).is_(None), col(Task.unit_id) == unit_id)
    return or_(col(Case.unit_id) == unit_id, caseless)


def waiting_on_entrepreneur(case_id: uuid.UUID, *, session: Session) -> list[str]:
    """What the case's entrepreneur is asked to do now, in words, oldest first."""
    query = select(Task.summary).where(
        Task.case_id == case_id,
        Task.for_role == Role.ENTREPRENEUR,
        col(Task.closed_at).is_(None),
    )
    return list(session.exec(query.order_by(col(Task.created_at), col(Task.id))).all())
