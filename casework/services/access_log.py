"""The access log: every read of a person's data is written down; managers read the log.

There is no setting to turn it off. Rows are only ever added (a trigger refuses anything
else), and hold ids, a route and kinds of data, never the data itself.
"""

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, and_, col, func, or_, select

from casework.actors import Actor
from casework.models import AccessLog, Case, User
from casework.personal_data import PersonalField


def record_read(
    reader: Actor,
    subject_id: uuid.UUID,
    fields: Iterable[PersonalField],
    *,
    route: str,
    case_id: uuid.UUID | None = None,
    session: Session,
) -> None:
    """Write down that `reader` is shown `fields` of `subject_id`'s data (committed with the
    request: an answer that fails was not a read)."""
    entry = AccessLog(
        reader_id=reader.id,
        subject_id=subject_id,
        case_id=case_id,
        route=route,
        fields=[str(f) for f in fields],
    )
    session.add(entry)


def read_log(
    reader: Actor,
    *,
    session: Session,
    case_id: uuid.UUID | None,
    user_id: uuid.UUID | None,
    since: datetime | None,
    limit: int,
    offset: int,
) -> tuple[list[AccessLog], int]:
    """Entries, newest first, with how many match; `user_id` matches the reader or the person
    whose data was read. A unit's manager reads the reads of their unit's people's data."""
    query = select(AccessLog)
    if reader.unit_id is not None:
        query = query.where(_of_unit(reader.unit_id))
    if case_id is not None:
        query = query.where(AccessLog.case_id == case_id)
    if user_id is not None:
        query = query.where(or_(AccessLog.reader_id == user_id, AccessLog.subject_id == user_id))
    if since is not None:
        query = query.where(col(AccessLog.at) >= since)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    page = query.order_by(col(AccessLog.at).desc(), col(AccessLog.id).desc())
    return list(session.exec(page.limit(limit).offset(offset))), total


def _of_unit(unit_id: uuid.UUID) -> Any:
    """Reads through the unit's cases, and reads of its people's data through no case."""
    cases = select(Case.id).where(Case.unit_id == unit_id)
    people = select(User.id).where(User.unit_id == unit_id)
    return or_(
        col(AccessLog.case_id).in_(cases),
        and_(col(AccessLog.case_id).is_(None), col(AccessLog.subject_id).in_(people)),
    )


@dataclass(frozen=True)
class LogNames:
    """What a page of the log shows in place of its ids: people's names, cases' references."""

    people: dict[uuid.UUID, str]
    cases: dict[uuid.UUID, str]


def names_in_log(entries: Sequence[AccessLog], *, session: Session) -> LogNames:
    """The names of the people and the references of the cases `entries` mention (entries the
    reader was allowed to read, so nothing beyond them is named)."""
    people = {e.reader_id for e in entries} | {e.subject_id for e in entries}
    cases = {e.case_id for e in entries if e.case_id is not None}
    named = session.exec(select(User.id, User.full_name).where(col(User.id).in_(people))).all()
    referenced = session.exec(select(Case.id, Case.reference).where(col(Case.id).in_(cases))).all()
    return LogNames(
        people={row[0]: row[1] for row in named}, cases={row[0]: row[1] for row in referenced}
    )
