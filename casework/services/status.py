"""The entrepreneur's view of a case: where it stands, what comes next, what happened.

Every party to a case reads this view, often and at once, so it costs three small
statements once the case is known: the gate facts (`gather_facts`, one statement
that loads no plan JSON), what waits on the entrepreneur (their open tasks) and the
public timeline.
"""

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlmodel import Session, col

from casework.database import read_rows
from casework.models import Case, CaseEvent
from casework.services.cases import today
from casework.services.facts import gather_facts
from casework.services.tasks import waiting_on_entrepreneur
from casework.stages import next_steps


@dataclass(frozen=True)
class PublicEvent:
    """A timeline line anyone on the case may read."""

    at: datetime
    kind: str
    summary: str


@dataclass(frozen=True)
class CaseStatusView:
    """Reference, stage, status, the next steps and the public timeline.

    The next steps begin with what the entrepreneur is asked to do (their open tasks),
    then what the case still needs before it moves on.
    """

    reference: str
    stage: str
    status: str
    next_steps: list[str]
    timeline: list[PublicEvent]


def status_view(case: Case, *, session: Session) -> CaseStatusView:
    """The case as its entrepreneur follows it, with no internal detail."""
    facts = gather_facts(case, session=session, today=today())
    waiting = waiting_on_entrepreneur(case.id, session=session)
    rows = read_rows(session, _timeline_query(), {"case_id": case.id}).all()
    return CaseStatusView(
        reference=case.reference,
        stage=case.stage,
        status=case.status,
        next_steps=[*waiting, *next_steps(facts)],
        timeline=[PublicEvent(at, kind, summary) for at, kind, summary in rows],
    )


# Built once, on first use, with the case id as a parameter: building it cost ten times
# what running it does.
@cache
def _timeline_query() -> Select[datetime, str, str]:
    query = select(col(CaseEvent.at), col(CaseEvent.kind), col(CaseEvent.summary))
    query = query.where(col(CaseEvent.case_id) == bindparam("case_id"))
    return query.order_by(col(CaseEvent.at), col(CaseEvent.id))
