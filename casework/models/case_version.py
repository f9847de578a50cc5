"""A case's version covers its whole record: any change to a row of the case moves it.

`Case.version` is the optimistic lock every write of a case checks. A row that belongs
to a case (one with a `case_id`: its assessment, plan versions, referrals, milestones,
timeline, ...) is part of what the case says, so adding, changing or deleting one also
touches the case: the version moves in the same flush, whichever service wrote it. Two
consequences rely on it: a stage move's gate, read at one version, cannot be written
over a change made meanwhile (the write fails and the move starts over), and an answer
derived from the case can be kept for as long as its version stands.

The PDFs kept of past moments, the partners' ranking, the tasks, the moves under way,
the portfolio's figures and the access log are kept beside the case, not part of what it says:
printing, re-ranking, a task opening or a worker taking a move moves no version (and
never clashes with a person editing the case). The tasks and figures follow from what
changed: `changed_cases` names the cases whose record moved in the transaction so far.
"""

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from casework.models.access_log import AccessLog
from casework.models.case_figures import CaseFigures
from casework.models.cases import Case
from casework.models.dossiers import Dossier
from casework.models.partners import PartnerMatch
from casework.models.pending_moves import PendingMove
from casework.models.tasks import Task

_NOT_THE_RECORD: tuple[type, ...] = (
    AccessLog,
    Case,
    CaseFigures,
    Dossier,
    PartnerMatch,
    PendingMove,
    Task,
)


_MOVED = "casework_cases_moved"


@event.listens_for(Session, "before_flush")
def _touch_changed_cases(session: Session, _context: Any, _instances: Any) -> None:
    # The cases whose version has already moved in this transaction move no further:
    # one change of the record, one version, however many flushes it takes.
    moved: set[Any] = session.info.setdefault(_MOVED, set())
    for row in (*session.new, *session.dirty):
        if isinstance(row, Case) and (row in session.new or session.is_modified(row)):
            moved.add(row.id)
    changed = {
        row.case_id
        for row in (*session.new, *session.dirty, *session.deleted)
        if not isinstance(row, _NOT_THE_RECORD)
        and getattr(row, "case_id", None) is not None
        and (row not in session.dirty or session.is_modified(row))
    }
    for case_id in changed - moved:
        case = session.get(Case, case_id)
        if case is not None and case not in session.deleted:
            flag_modified(case, "updated_at")
            moved.add(case_id)


def changed_cases(session: Session) -> frozenset[Any]:
    """The ids of the cases whose record this transaction has changed (once flushed)."""
    return frozenset(session.info.get(_MOVED, ()))


@event.listens_for(Session, "after_commit")
@event.listens_for(Session, "after_soft_rollback")
def _new_transaction(session: Session, *_: Any) -> None:
    session.info.pop(_MOVED, None)
