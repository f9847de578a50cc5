"""The entrepreneur's view of a case: where it stands, what comes next, what happened."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from casework.models import Case
from casework.services.cases import timeline, today
from casework.services.facts import gather_facts
from casework.stages import next_steps


@dataclass(frozen=True)
class PublicEvent:
    """A timeline line anyone on the case may read."""

    at: datetime
    kind: str
    summary: str


@dataclass(frozen=True)
class CaseStatusView:
    """Reference, stage, status, the next steps and the public timeline."""

    reference: str
    stage: str
    status: str
    next_steps: list[str]
    timeline: list[PublicEvent]


def status_view(case: Case, *, session: Session) -> CaseStatusView:
    """The case as its entrepreneur follows it, with no internal detail."""
    facts = gather_facts(case, session=session, today=today())
    return CaseStatusView(
        reference=case.reference,
        stage=case.stage,
        status=case.status,
        next_steps=next_steps(facts),
        timeline=[PublicEvent(e.at, e.kind, e.summary) for e in timeline(case, session=session)],
    )
