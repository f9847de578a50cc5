"""A console page's case: found the way the API finds it (404 for a case the reader may not
know), its personal data's reads logged, and writes pinned to the version the page showed."""

import uuid

from sqlmodel import Session

from casework.actors import Action, Actor
from casework.database import CaseMovedOn, expect_version
from casework.errors import NotFound
from casework.models import Case
from casework.personal_data import PersonalField
from casework.services.access_log import record_read
from casework.services.cases import case_for


def console_case(
    case_id: str,
    action: Action,
    actor: Actor,
    session: Session,
    *,
    personal: tuple[PersonalField, ...] = (),
    page: str = "",
) -> Case:
    """The case, if `actor` may know it (else 404, as for a case that does not exist) and may
    do `action` with it (else 403); a page showing the entrepreneur's `personal` data logs
    the read under its name `page` (e.g. `GET /app/cases/{case_id}/assessment`)."""
    try:
        known = uuid.UUID(case_id)
    except ValueError:
        raise NotFound("No case with this id.") from None
    case = case_for(action, known, actor, session=session)
    if personal:
        record_read(
            actor, case.entrepreneur_id, personal, route=page, case_id=case.id, session=session
        )
    return case


def pin(case: Case, version: object) -> None:
    """Write only from the version the page showed: a page left open while the case moved on
    changes nothing (CaseMovedOn: the reader is asked to reload it)."""
    if not isinstance(version, str) or not version.isdigit() or int(version) != case.version:
        raise CaseMovedOn(case.version)
    expect_version(case.id, case.version)
