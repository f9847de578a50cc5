"""The access log: every read of a person's data is written down; managers read the log.

There is no setting to turn it off. Rows are only ever added (a trigger refuses anything
else), and hold ids, a route and kinds of data, never the data itself.
"""

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlmodel import Session, col, func, or_, select

from casework.actors import Actor
from casework.models import AccessLog
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
    *,
    session: Session,
    case_id: uuid.UUID | None,
    user_id: uuid.UUID | None,
    since: datetime | None,
    limit: int,
    offset: int,
) -> tuple[list[AccessLog], int]:
    """Entries, newest first, with how many match; `user_id` matches the reader or the person
    whose data was read."""
    query = select(AccessLog)
    if case_id is not None:
        query = query.where(AccessLog.case_id == case_id)
    if user_id is not None:
        query = query.where(or_(AccessLog.reader_id == user_id, AccessLog.subject_id == user_id))
    if since is not None:
        query = query.where(col(AccessLog.at) >= since)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    page = query.order_by(col(AccessLog.at).desc(), col(AccessLog.id).desc())
    return list(session.exec(page.limit(limit).offset(offset))), total
