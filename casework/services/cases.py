"""Opening, finding and listing cases."""

import uuid
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel, ConfigDict, Field
from pydantic_extra_types.country import CountryAlpha2
from sqlalchemy import ColumnElement, func
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from casework.actors import Action, Actor, require
from casework.database import dialect_insert
from casework.errors import Conflict, InvalidInput, NotFound
from casework.models import Case, ReferenceCounter, Task, User
from casework.models.columns import utc_now
from casework.services.case_guides import attach_guides
from casework.services.reorientation import come_back_from, record_return
from casework.services.timeline import record_event
from casework.services.units import default_unit, unit_coded, unit_in_view
from casework.settings import get_settings
from casework.stages import Edit, edit_refusal
from casework.vocabulary import CaseStatus, Role, Sector, Stage


class CaseCreate(BaseModel):
    """A new project proposal."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str = Field(min_length=3, max_length=200)
    sector: Sector
    country: CountryAlpha2 = Field(description="ISO 3166-1 alpha-2 code of the project's country")
    summary: str = Field(min_length=1, max_length=10_000)
    entrepreneur_id: uuid.UUID | None = None
    previous_case_id: uuid.UUID | None = Field(
        default=None,
        description="the entrepreneur's reoriented or withdrawn case this new project follows",
    )


def next_reference(*, session: Session, year: int) -> str:
    """The next human reference of `year`, e.g. RU-2026-0042, unique however many ask at once."""
    # One atomic upsert: a read-then-write counter hands two racing requests the same
    # number on SQLite, where SELECT ... FOR UPDATE locks nothing.
    counters = ReferenceCounter.__table__  # type: ignore[attr-defined]
    number = session.execute(
        dialect_insert(session)(counters)
        .values(year=year, last_number=1)
        .on_conflict_do_update(
            index_elements=[counters.c.year], set_={"last_number": counters.c.last_number + 1}
        )
        .returning(counters.c.last_number)
    ).scalar_one()
    return f"{get_settings().reference_prefix}-{year}-{number:04d}"


def open_case(data: CaseCreate, actor: Actor, *, session: Session) -> Case:
    """Open a case in reception for the caller (entrepreneur) or for a named entrepreneur."""
    require(Action.OPEN_CASE, actor)
    owner_id, unit_id = _case_owner(data, actor, session=session)
    previous = (
        come_back_from(data.previous_case_id, owner_id, session=session)
        if data.previous_case_id
        else None
    )
    now = utc_now()
    case = Case(
        reference=next_reference(session=session, year=now.year),
        title=data.title,
        sector=data.sector,
        country=str(data.country),
        summary=data.summary,
        stage=Stage.RECEPTION,
        status=CaseStatus.ACTIVE,
        entrepreneur_id=owner_id,
        advisor_id=actor.id if actor.role == Role.ADVISOR else None,
        unit_id=unit_id,
        created_at=now,
        updated_at=now,
        stage_entered_at=now,
        previous_case_id=previous.id if previous else None,
    )
    session.add(case)
    session.flush()
    follows = f" It follows case {previous.reference} ({previous.status})." if previous else ""
    record_event(
        case,
        "case_opened",
        f"Project proposal received: {{title}}.{follows}",
        session=session,
        actor_id=actor.id,
        texts={"title": case.title},
        at=now,
    )
    if previous is not None:
        record_return(previous, case, actor.id, session=session)
    attach_guides(case, session=session)
    return case


def _case_owner(data: CaseCreate, actor: Actor, *, session: Session) -> tuple[uuid.UUID, uuid.UUID]:
    """The case's entrepreneur, and their unit: the case's unit."""
    if actor.role == Role.ENTREPRENEUR:
        if data.entrepreneur_id not in (None, actor.id):
            raise InvalidInput("entrepreneur_id", "an entrepreneur opens cases for themself only")
        return actor.id, actor.unit_id or default_unit(session=session).id
    if data.entrepreneur_id is None:
        raise InvalidInput("entrepreneur_id", "required when an advisor opens a case")
    owner = session.get(User, data.entrepreneur_id)
    if owner is None or owner.role != Role.ENTREPRENEUR:
        raise InvalidInput("entrepreneur_id", "no entrepreneur account has this id")
    unit_id = owner.unit_id or default_unit(session=session).id
    if not actor.sees_unit(unit_id):
        # Their case would be their unit's, which this advisor could then not see.
        raise InvalidInput("entrepreneur_id", "no entrepreneur account of your unit has this id")
    return owner.id, unit_id


def may_know(case: Case, actor: Actor) -> bool:
    """Whether `actor` may know the case exists: its entrepreneur, or its unit's staff (the
    programme's staff know every unit's)."""
    if actor.role == Role.ENTREPRENEUR:
        return case.entrepreneur_id == actor.id
    return actor.sees_unit(case.unit_id)


def visible_case(case_id: uuid.UUID, actor: Actor, *, session: Session) -> Case:
    """The case, if `actor` may know it exists; NotFound otherwise (no hint either way)."""
    case = session.get(Case, case_id)
    if case is None or not may_know(case, actor):
        raise NotFound("No case with this id.")
    return case


def case_for(action: Action, case_id: uuid.UUID, actor: Actor, *, session: Session) -> Case:
    """The case `actor` may see, after checking they may do `action` with it."""
    case = visible_case(case_id, actor, session=session)
    require(action, actor, owner_id=case.entrepreneur_id)
    return case


@dataclass(frozen=True)
class CaseFilter:
    """Which cases a list keeps; None (or False) keeps every case on that count."""

    stage: Stage | None = None
    status: CaseStatus | None = None
    unit: str | None = None  # a unit's code
    country: str | None = None  # ISO 3166-1 alpha-2
    sector: Sector | None = None
    advisor_id: uuid.UUID | None = None
    overdue: bool = False  # only cases with an open task past its due day


def list_cases(
    actor: Actor,
    *,
    session: Session,
    keep: CaseFilter = CaseFilter(),
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Case], int]:
    """A page of the cases `actor` may see, newest first, and how many there are in all.

    An entrepreneur's own; a unit's staff, their unit's; the programme's, every unit's
    (or unit `keep.unit`'s).
    """
    query = list_scope(actor, session=session, unit=keep.unit).where(*_kept(keep))
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    page = session.exec(
        query.order_by(col(Case.created_at).desc(), col(Case.reference).desc())
        .limit(limit)
        .offset(offset)
    ).all()
    return list(page), total


def advisors_in_view(actor: Actor, *, session: Session) -> list[tuple[uuid.UUID, str]]:
    """The advisors of the cases `actor` may list, as (id, name) by name: a list's choices."""
    visible = list_scope(actor, session=session)
    query = (
        select(User.id, User.full_name)
        .where(col(User.id).in_(visible.with_only_columns(col(Case.advisor_id))))
        .order_by(col(User.full_name))
    )
    return [(row[0], row[1]) for row in session.exec(query)]


def list_scope(actor: Actor, *, session: Session, unit: str | None = None) -> SelectOfScalar[Case]:
    """Every case `actor` may list (of unit `unit`, by its code, when given)."""
    query = select(Case)
    if actor.role == Role.ENTREPRENEUR:
        query = query.where(Case.entrepreneur_id == actor.id)
        if unit is not None:
            asked = unit_coded(unit, session=session, location="query")
            query = query.where(Case.unit_id == asked.id)
    elif (unit_id := unit_in_view(actor, unit, session=session)) is not None:
        query = query.where(Case.unit_id == unit_id)
    return query


def _kept(keep: CaseFilter) -> list[ColumnElement[bool]]:
    conditions = [
        column == value
        for column, value in (
            (col(Case.stage), keep.stage),
            (col(Case.status), keep.status),
            (col(Case.country), keep.country),
            (col(Case.sector), keep.sector),
            (col(Case.advisor_id), keep.advisor_id),
        )
        if value is not None
    ]
    if keep.overdue:
        late = select(Task.id).where(
            col(Task.case_id) == Case.id,
            col(Task.closed_at).is_(None),
            col(Task.due_on) < today(),
        )
        conditions.append(late.exists())
    return conditions


def require_edit(case: Case, edit: Edit, role: Role | None = None) -> None:
    """Raise Conflict unless the edits table lets `role` (default: staff) make `edit` now."""
    refusal = edit_refusal(edit, Stage(case.stage), CaseStatus(case.status), role or Role.ADVISOR)
    if refusal is not None:
        raise Conflict(refusal)


def today() -> date:
    """Today's date in UTC, the unit's calendar."""
    return utc_now().date()
