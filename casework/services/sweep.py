"""The daily follow-up sweep, one case at a time: each new flag a task and a timeline line.

A flag is opened once: while its task stays open, sweeping again (the same day or
later) adds nothing. Each case's flags commit with their events in the caller's
transaction; the flow commits case by case, so one case that fails stops no other.
"""

import uuid
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, col, select

from casework.models import Case, Task
from casework.models.columns import utc_now
from casework.services.sweep_facts import SWEEP_EVENT, sweep_facts, sweep_policy
from casework.services.tasks import reconcile_tasks
from casework.services.timeline import record_event
from casework.sweep_rules import Finding, findings
from casework.vocabulary import CaseStatus, Stage

_SWEPT_STAGES = (Stage.RECEPTION, Stage.SUPPORT, Stage.LINKAGE, Stage.FOLLOW_UP)


@dataclass(frozen=True)
class Flagged:
    """A flag the sweep opened on a case."""

    reference: str
    finding: Finding


def cases_to_sweep(*, session: Session) -> list[uuid.UUID]:
    """The active cases at an open stage, by reference."""
    query = select(Case.id).where(
        Case.status == CaseStatus.ACTIVE, col(Case.stage).in_(_SWEPT_STAGES)
    )
    return list(session.exec(query.order_by(col(Case.reference))).all())


def sweep_case(case_id: uuid.UUID, on: date, *, session: Session) -> list[Flagged]:
    """Open the flags the case calls for on `on` that are not open already; the new ones."""
    case = session.get(Case, case_id)
    if case is None:
        return []
    # The tasks the case's facts call for, brought up to date even if nothing else changes.
    reconcile_tasks([case.id], session=session)
    found = findings(sweep_facts(case, session=session), on, sweep_policy())
    if not found:
        return []
    open_now = set(
        session.exec(
            select(Task.kind, Task.subject).where(
                Task.case_id == case.id, col(Task.closed_at).is_(None)
            )
        ).all()
    )
    new = [f for f in found if (f.kind, f.subject) not in open_now]
    now = utc_now()
    for finding in new:
        session.add(
            Task(
                kind=finding.kind,
                case_id=case.id,
                subject=finding.subject,
                for_role=finding.for_role,
                summary=finding.summary,
                due_on=finding.due_on,
                created_at=now,
            )
        )
        record_event(
            case,
            SWEEP_EVENT,
            finding.event,
            session=session,
            detail={"flag": finding.kind.value, "subject": finding.subject, "on": on.isoformat()},
            texts=finding.texts,
            at=now,
        )
    return [Flagged(case.reference, finding) for finding in new]
