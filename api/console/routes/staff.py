"""Running the accounts (managers): the accounts a manager runs, new staff accounts, roles,
units and deactivation; and the programme's units, which its own managers shape."""

import uuid
from typing import Annotated, Any, TypeVar
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Path, Query
from fastapi.responses import RedirectResponse, Response
from pydantic import Field, ValidationError
from sqlmodel import Session
from starlette import status
from starlette.datastructures import FormData

from api.console.forms import Filters, Problems, attempt_or_clash, known_id
from api.console.session import PATH, CheckedForm
from api.console.visit import ConsoleVisit, Visit
from casework.actors import Action, Actor, is_allowed, require
from casework.models import Unit, User
from casework.services.units import (
    UnitInput,
    UnitUpdate,
    create_unit,
    list_units,
    update_unit,
)
from casework.services.users import (
    STAFF_ROLES,
    StaffAccountInput,
    StaffAccountUpdate,
    create_user,
    list_users,
    update_account,
)
from casework.vocabulary import Role

router = APIRouter()

PAGE = 50
RecordId = Annotated[str, Path(max_length=64)]
Written = TypeVar("Written")
# What the forms of a row say of an account, as the API's StaffAccountUpdate names it.
_CHANGES = ("full_name", "role", "unit", "is_active")
_NEW = ("full_name", "email", "role", "unit")


class AccountFilters(Filters):
    """The list's filters, as the API's GET /users takes them; empty keeps every account."""

    role: Role | None = None
    active: bool | None = None
    unit: str | None = Field(default=None, max_length=32)
    page: int = Field(default=1, ge=1, le=10_000)


@router.get("/staff")
def staff_page(filters: Annotated[AccountFilters, Query()], visit: ConsoleVisit) -> Response:
    """The accounts the manager runs (a unit's manager: their unit's), by name, filtered."""
    require(Action.MANAGE_USERS, visit.actor)
    return _staff(visit, filters, problems={})


@router.post("/staff")
def add_staff(form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Create a staff account with the password the manager chose (there are no default
    passwords): the API's POST /users."""
    actor, session = visit.actor, visit.session
    require(Action.MANAGE_USERS, actor)
    given = {name: str(form.get(name, "")).strip() for name in _NEW}
    body: dict[str, Any] = {name: value for name, value in given.items() if value}
    body["password"] = str(form.get("password", ""))
    _, problems = attempt_or_clash(lambda: _create(body, actor, session), session)
    if problems:
        return _staff(visit, _listing(form), problems, asked="new", given=given)
    return _back_to_staff(form, "created")


@router.post("/staff/{user_id}")
def change_staff(user_id: RecordId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Rename an account, change a staff member's role or unit, or (de)activate it: the API's
    PATCH /users/{id}, with only the fields the form sent."""
    actor, session = visit.actor, visit.session
    require(Action.MANAGE_USERS, actor)
    account_id = known_id(user_id, "account")
    given: dict[str, Any] = {name: str(form[name]).strip() for name in _CHANGES if name in form}
    if given.get("unit") == "":
        given["unit"] = None  # none: a manager of the whole programme
    change = StaffAccountUpdate.model_validate
    _, problems = attempt_or_clash(
        lambda: update_account(actor, account_id, change(given), session=session), session
    )
    if problems:
        asked = str(account_id)
        return _staff(visit, _listing(form), problems, asked=asked, given=given)
    notice = {"false": "deactivated", "true": "reactivated"}.get(given.get("is_active", ""), "")
    return _back_to_staff(form, notice or "changed")


def _create(body: dict[str, Any], actor: Actor, session: Session) -> User:
    account = StaffAccountInput.model_validate(body)
    return create_user(account, account.role, session=session, creator=actor)


def _listing(form: FormData) -> AccountFilters:
    """The list's filters the form was sent from (kept in its `listing` field)."""
    try:
        return AccountFilters.model_validate(dict(parse_qsl(str(form.get("listing", "")))))
    except ValidationError:
        return AccountFilters()


def _back_to_staff(form: FormData, notice: str) -> Response:
    kept = _listing(form).model_dump(mode="json", exclude_defaults=True)
    url = f"{PATH}/staff?{urlencode({**kept, 'notice': notice})}"
    return RedirectResponse(url, status.HTTP_303_SEE_OTHER)


def _staff(
    visit: Visit,
    filters: AccountFilters,
    problems: Problems,
    *,
    asked: str = "",
    given: dict[str, Any] | None = None,
) -> Response:
    actor, session, offset = visit.actor, visit.session, (filters.page - 1) * PAGE
    accounts, total = list_users(
        actor,
        session=session,
        role=filters.role,
        active=filters.active,
        unit=filters.unit,
        limit=PAGE,
        offset=offset,
    )
    units: dict[uuid.UUID | None, Unit] = {unit.id: unit for unit in list_units(session=session)}
    kept = filters.model_dump(mode="json", exclude_defaults=True, exclude={"page"})
    context = {
        "rows": [(account, units.get(account.unit_id)) for account in accounts],
        "total": total,
        "filters": filters,
        "listing": urlencode(filters.model_dump(mode="json", exclude_defaults=True)),
        "page_links": [
            (n, urlencode({**kept, "page": n})) for n in range(1, -(-total // PAGE) + 1)
        ],
        "roles": list(Role),
        "staff_roles": [role for role in Role if role in STAFF_ROLES],
        # Only the programme's managers choose among units: a unit's manager runs their own.
        "units": list(units.values()) if actor.is_programme_staff else [],
        "shapes_units": is_allowed(Action.MANAGE_UNITS, actor),
        "asked": asked,
        "given": given or {},
        "problems": problems,
        "notice": visit.notice,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("staff.html.j2", context, status_code=code)


@router.get("/units")
def units_page(visit: ConsoleVisit) -> Response:
    """The programme's units, the default first (managers; the programme's shape them)."""
    require(Action.MANAGE_USERS, visit.actor)
    return _units(visit, problems={})


@router.post("/units")
def add_unit(form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Add a unit (the programme's managers): the API's POST /units."""
    actor, session = visit.actor, visit.session
    require(Action.MANAGE_UNITS, actor)
    given: dict[str, Any] = {name: str(form.get(name, "")).strip() for name in ("code", "name")}
    given["is_default"] = form.get("is_default") == "true"
    unit = UnitInput.model_validate
    _, problems = attempt_or_clash(
        lambda: create_unit(unit(given), actor, session=session), session
    )
    if problems:
        return _units(visit, problems, asked="new", given=given)
    return RedirectResponse(f"{PATH}/units?notice=added", status.HTTP_303_SEE_OTHER)


@router.post("/units/{unit_id}")
def change_unit(unit_id: RecordId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Rename a unit, or make it the default (the programme's managers): PATCH /units/{id}."""
    actor, session = visit.actor, visit.session
    require(Action.MANAGE_UNITS, actor)
    known = known_id(unit_id, "unit")
    given: dict[str, Any] = {
        name: str(form[name]).strip() for name in ("name", "is_default") if name in form
    }
    change = UnitUpdate.model_validate
    _, problems = attempt_or_clash(
        lambda: update_unit(known, change(given), actor, session=session), session
    )
    if problems:
        return _units(visit, problems, asked=str(known), given=given)
    notice = "default" if "is_default" in given else "renamed"
    return RedirectResponse(f"{PATH}/units?notice={notice}", status.HTTP_303_SEE_OTHER)


def _units(
    visit: Visit, problems: Problems, *, asked: str = "", given: dict[str, Any] | None = None
) -> Response:
    context = {
        "units": list_units(session=visit.session),
        "shapes_units": is_allowed(Action.MANAGE_UNITS, visit.actor),
        "asked": asked,
        "given": given or {},
        "problems": problems,
        "notice": visit.notice,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("units.html.j2", context, status_code=code)
