"""Which unit a person belongs to, and what a unit's manager may do with the accounts.

Entrepreneurs and advisors always belong to a unit (the default one unless told
otherwise); a manager with none is the programme's. A unit's manager runs the accounts
of their own unit only: they neither see the others, nor make programme managers, nor
move anyone to another unit.
"""

import uuid
from typing import Any

from sqlmodel import Session, col, func, select

from casework.actors import Actor
from casework.errors import Conflict, Forbidden, InvalidInput, NotFound
from casework.models import Case, Unit, User
from casework.services.units import default_unit, unit_coded, unit_in_view
from casework.vocabulary import CaseStatus, Role

_OPEN = (CaseStatus.ACTIVE, CaseStatus.ON_HOLD)


def unit_for_new_account(
    code: str | None, role: Role, creator: Actor | None, *, session: Session
) -> Unit | None:
    """The unit a new account joins: the one named by `code`, else its creator's unit, else
    the default; a manager created with none by the programme's is the programme's."""
    unit = unit_coded(code, session=session) if code else None
    if creator is not None and creator.unit_id is not None:
        if unit is not None and unit.id != creator.unit_id:
            raise Forbidden("A unit's manager creates accounts in their own unit only.")
        unit = session.get(Unit, creator.unit_id)
    if unit is None and role != Role.MANAGER:
        unit = default_unit(session=session)
    return unit


def account_in_reach(user_id: uuid.UUID, manager: Actor, *, session: Session) -> User:
    """The account a manager may change: any for the programme's, their unit's for a unit's."""
    user = session.get(User, user_id)
    if user is None or not manager.sees_unit(user.unit_id):
        raise NotFound("No account with this id.")
    return user


def unit_after_change(
    user: User, changes: dict[str, Any], role: Role, manager: Actor, *, session: Session
) -> uuid.UUID | None:
    """The unit `user` belongs to once `changes` are made and their role is `role`."""
    if "unit" not in changes:
        wanted = user.unit_id
    elif changes["unit"] is None:
        if role != Role.MANAGER:
            raise InvalidInput("unit", "advisors and entrepreneurs always belong to a unit")
        if manager.unit_id is not None:
            raise Forbidden("Only the programme's managers make programme managers.")
        wanted = None
    else:
        unit = unit_coded(changes["unit"], session=session)
        if manager.unit_id is not None and unit.id != manager.unit_id:
            raise Forbidden("A unit's manager cannot move anyone to another unit.")
        wanted = unit.id
    if wanted is None and role != Role.MANAGER:
        # A programme manager who becomes an advisor joins the default unit.
        wanted = default_unit(session=session).id
    if wanted != user.unit_id and user.role == Role.ADVISOR:
        _refuse_leaving_open_cases(user, wanted, session=session)
    return wanted


def _refuse_leaving_open_cases(
    advisor: User, unit_id: uuid.UUID | None, *, session: Session
) -> None:
    """An advisor leaves a unit only once its open cases they hold are handed to someone else."""
    elsewhere = [] if unit_id is None else [col(Case.unit_id) != unit_id]
    held = session.exec(
        select(func.count())
        .select_from(Case)
        .where(Case.advisor_id == advisor.id, col(Case.status).in_(_OPEN), *elsewhere)
    ).one()
    if held:
        raise Conflict(
            f"{advisor.full_name} still advises {held} open case(s) of their unit: assign "
            "them to another advisor first (PUT /cases/{id}/advisor).",
            field="unit",
        )


def accounts_seen_by(manager: Actor, code: str | None, *, session: Session) -> list[Any]:
    """The conditions on `users` that keep the accounts `manager` may list (of unit `code`)."""
    unit_id = unit_in_view(manager, code, session=session)
    return [] if unit_id is None else [col(User.unit_id) == unit_id]
