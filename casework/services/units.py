"""The programme's units: listed for anyone, created and changed by the programme's managers."""

import uuid

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session, col, select

from casework.actors import Action, Actor, require
from casework.errors import Forbidden, InvalidInput, NotFound
from casework.models import Unit

_CODE = r"^[a-z0-9][a-z0-9-]{0,31}$"
_CODE_WORDS = "lower-case letters, digits and hyphens, 1 to 32 (e.g. dakar, west-africa)"


class UnitInput(BaseModel):
    """A new unit."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    code: str = Field(pattern=_CODE, description=_CODE_WORDS)
    name: str = Field(min_length=2, max_length=200)
    is_default: bool = Field(
        default=False, description="true: it becomes the default unit in place of the current one"
    )


class UnitUpdate(BaseModel):
    """A rename, or making the unit the default (the default is never unset, only moved)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str | None = Field(default=None, min_length=2, max_length=200)
    is_default: bool | None = Field(
        default=None, description="true: the default unit from now on; false is refused"
    )


def list_units(*, session: Session) -> list[Unit]:
    """Every unit, the default first, then by name."""
    query = select(Unit).order_by(col(Unit.is_default).desc(), col(Unit.name), col(Unit.code))
    return list(session.exec(query).all())


def default_unit(*, session: Session) -> Unit:
    """The programme's default unit (a store always has one: migrated or created)."""
    found = session.exec(select(Unit).where(col(Unit.is_default))).first()
    if found is None:
        raise NotFound("This store has no default unit: run `casework db upgrade`.")
    return found


def unit_coded(code: str, *, session: Session, field: str = "unit", location: str = "body") -> Unit:
    """The unit with this code; InvalidInput naming `field` (in the body or query) if none."""
    found = session.exec(select(Unit).where(Unit.code == code.strip().lower())).first()
    if found is None:
        known = ", ".join(u.code for u in list_units(session=session))
        raise InvalidInput(field, f"no unit has this code; the units are: {known}", location)
    return found


def unit_of(unit_id: uuid.UUID | None, *, session: Session) -> Unit | None:
    """The unit with this id, or None for none (the programme)."""
    return session.get(Unit, unit_id) if unit_id is not None else None


def create_unit(data: UnitInput, actor: Actor, *, session: Session) -> Unit:
    """Add a unit to the programme (the programme's managers); codes are unique."""
    require(Action.MANAGE_UNITS, actor)
    unit = Unit(code=data.code, name=data.name)
    session.add(unit)
    session.flush()
    if data.is_default:
        _make_default(unit, session=session)
    return unit


def update_unit(unit_id: uuid.UUID, data: UnitUpdate, actor: Actor, *, session: Session) -> Unit:
    """Rename a unit, or make it the default (the programme's managers)."""
    require(Action.MANAGE_UNITS, actor)
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise NotFound("No unit with this id.")
    changes = data.model_dump(exclude_unset=True)
    if "name" in changes and changes["name"] is None:
        raise InvalidInput("name", "Leave the field out to keep its value; it cannot be null.")
    if "is_default" in changes and changes["is_default"] is not True:
        raise InvalidInput(
            "is_default", "the default moves by making another unit the default, never unset"
        )
    if "name" in changes:
        unit.name = changes["name"]
    if changes.get("is_default"):
        _make_default(unit, session=session)
    session.add(unit)
    session.flush()
    return unit


def _make_default(unit: Unit, *, session: Session) -> None:
    if unit.is_default:
        return
    for former in session.exec(select(Unit).where(col(Unit.is_default))).all():
        former.is_default = False
        session.add(former)
    # The former default is written first: the store admits one default at any moment.
    session.flush()
    unit.is_default = True
    session.add(unit)
    session.flush()


def unit_in_view(actor: Actor, code: str | None, *, session: Session) -> uuid.UUID | None:
    """The unit a staff list or report keeps to: a unit's staff, their own (asking for
    another is refused); the programme's, the unit `code` names, or None: every unit."""
    asked = unit_coded(code, session=session, location="query") if code else None
    if actor.unit_id is not None:
        if asked is not None and asked.id != actor.unit_id:
            raise Forbidden("A unit's staff see their own unit only.")
        return actor.unit_id
    return asked.id if asked is not None else None


def owning_unit(
    code: str | None, actor: Actor | None, *, session: Session, refusal: str
) -> uuid.UUID | None:
    """The unit whose own record (a partner, a guide) a manager writes: a unit's manager,
    always their own (naming another is refused with `refusal`); the programme's, the unit
    `code` names, or None: shared by the programme."""
    unit = unit_coded(code, session=session) if code else None
    if actor is not None and actor.unit_id is not None:
        if unit is not None and unit.id != actor.unit_id:
            raise Forbidden(refusal)
        return actor.unit_id
    return unit.id if unit else None
