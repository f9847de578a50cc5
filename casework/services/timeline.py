"""Writing to a case's append-only timeline."""

import uuid
from datetime import datetime
from typing import Any

from sqlmodel import Session

from casework.models import Case, CaseEvent
from casework.models.columns import utc_now


def record_event(
    case: Case,
    kind: str,
    summary: str,
    *,
    session: Session,
    actor_id: uuid.UUID | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """Append an event to the case's timeline and mark the case as changed."""
    now = at or utc_now()
    event = CaseEvent(
        case_id=case.id,
        at=now,
        actor_id=actor_id,
        kind=kind,
        stage=case.stage,
        summary=summary,
        detail=detail or {},
    )
    case.updated_at = now
    session.add(case)
    session.add(event)
    return event
