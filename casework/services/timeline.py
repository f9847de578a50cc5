"""A case's append-only timeline: writing an event, and reading it back in words.

An event is never changed, so it holds nothing an erasure would have to clear: its
summary carries a `{name}` where a text a person wrote goes (a hold's reason, a
milestone's title, a note), and the text itself is kept in `case_event_texts`, which
an erasure may clear. Reading puts the texts back in their places.
"""

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Select, bindparam
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from casework.database import read_rows
from casework.models import Case, CaseEvent, CaseEventText
from casework.models.columns import utc_now
from casework.timeline_words import in_words


def record_event(
    case: Case,
    kind: str,
    summary: str,
    *,
    session: Session,
    actor_id: uuid.UUID | None = None,
    detail: dict[str, Any] | None = None,
    texts: Mapping[str, str | None] | None = None,
    at: datetime | None = None,
) -> CaseEvent:
    """Append an event to the case's timeline and mark the case as changed.

    `summary` names each of `texts` as `{name}`; `detail` holds no free text.
    """
    now = at or utc_now()
    event = CaseEvent(
        case_id=case.id,
        at=now,
        actor_id=actor_id,
        kind=kind,
        stage=case.stage,
        summary=summary,
        detail=detail or {},
        texts=[
            CaseEventText(case_id=case.id, name=name, text=text)
            for name, text in (texts or {}).items()
            if text is not None
        ],
    )
    case.updated_at = now
    session.add(case)
    session.add(event)
    return event


@dataclass(frozen=True)
class TimelineEntry:
    """An event as people read it: its texts in place, and in its detail for the staff."""

    at: datetime
    kind: str
    summary: str
    actor_id: uuid.UUID | None
    detail: dict[str, Any]


def texts_by_event(case_id: uuid.UUID, session: Session) -> dict[int, dict[str, str]]:
    """Every text of the case's events, by event id (one query for the whole timeline)."""
    found: dict[int, dict[str, str]] = {}
    rows = read_rows(session, _texts_query(), {"case_id": case_id})
    for event_id, name, text in rows:
        found.setdefault(event_id or 0, {})[name] = text
    return found


def timeline(case: Case, *, session: Session) -> list[TimelineEntry]:
    """The case's events, oldest first, in words."""
    query = select(CaseEvent).where(col(CaseEvent.case_id) == case.id)
    events = session.exec(query.order_by(col(CaseEvent.at), col(CaseEvent.id))).all()
    texts = texts_by_event(case.id, session)
    entries = []
    for event in events:
        own = texts.get(event.id or 0, {})
        entries.append(
            TimelineEntry(
                event.at,
                event.kind,
                in_words(event.summary, own),
                event.actor_id,
                {**event.detail, **own},
            )
        )
    return entries


# Built once, on first use, with the case id as a parameter.
@cache
def _texts_query() -> Select[int | None, str, str]:
    return sa_select(
        col(CaseEventText.event_id), col(CaseEventText.name), col(CaseEventText.text)
    ).where(col(CaseEventText.case_id) == bindparam("case_id"))
