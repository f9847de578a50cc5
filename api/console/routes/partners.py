"""The partner directory: staff read it and each partner's page; managers add partners,
change them and retire them (never deleted), as the API's /partners routes do."""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import RedirectResponse, Response
from starlette import status
from starlette.datastructures import FormData

from api.console.forms import Problems, attempt_or_clash, countries, known_id
from api.console.pages import page, reader_language
from api.console.session import PATH, CheckedForm, ConsoleActor, ConsoleUser
from api.dependencies import SessionDep
from casework.actors import Action, Actor, is_allowed, require
from casework.models import Partner, User
from casework.services.partners import (
    PartnerFilter,
    PartnerInput,
    PartnerUpdate,
    add_partner,
    list_partners,
    may_change_partner,
    partner_in_view,
    update_partner,
)
from casework.services.units import list_units, unit_in_view
from casework.vocabulary import PartnerKind, PartnerService, Sector

router = APIRouter()

PartnerId = Annotated[str, Path(max_length=64)]
_LISTS = ("services", "sectors", "countries")
_CONTACT = ("name", "email", "phone", "website")


@router.get("/partners")
def directory(
    request: Request, user: ConsoleUser, actor: ConsoleActor, session: SessionDep
) -> Response:
    """The partners the reader's unit works with (the programme's managers: all of them)."""
    require(Action.READ_PARTNERS, actor)
    return _page(request, user, actor, session, given={}, problems={})


@router.post("/partners")
def add(
    request: Request, form: CheckedForm, user: ConsoleUser, actor: ConsoleActor, session: SessionDep
) -> Response:
    """Add a partner (managers): shared by the programme, or a unit manager's unit's own."""
    require(Action.MANAGE_PARTNERS, actor)
    given = _given(form)
    partner = PartnerInput.model_validate
    _, problems = attempt_or_clash(
        lambda: add_partner(partner(given), session=session, actor=actor), session
    )
    if problems:
        return _page(request, user, actor, session, given=given, problems=problems)
    return RedirectResponse(f"{PATH}/partners?notice=added", status.HTTP_303_SEE_OTHER)


@router.get("/partners/{partner_id}")
def partner_page(
    request: Request,
    partner_id: PartnerId,
    user: ConsoleUser,
    actor: ConsoleActor,
    session: SessionDep,
) -> Response:
    """One partner, whole (staff); with the form that changes or retires it (its managers)."""
    require(Action.READ_PARTNERS, actor)
    partner = partner_in_view(known_id(partner_id, "partner"), actor, session=session)
    return _partner(request, user, actor, session, partner, shown=_shown(partner), problems={})


@router.post("/partners/{partner_id}")
def change(
    request: Request,
    partner_id: PartnerId,
    form: CheckedForm,
    user: ConsoleUser,
    actor: ConsoleActor,
    session: SessionDep,
) -> Response:
    """Change a partner's fields, or retire it or put it back in the directory (managers; a
    unit's manager, their unit's own): the API's PATCH /partners/{id}."""
    require(Action.MANAGE_PARTNERS, actor)
    known = known_id(partner_id, "partner")
    shown = _shown_of(form)
    changes = PartnerUpdate.model_validate
    _, problems = attempt_or_clash(
        lambda: update_partner(known, changes(_changes(shown)), session=session, actor=actor),
        session,
    )
    if problems:
        partner = partner_in_view(known, actor, session=session)
        shown = {**_shown(partner), **shown}
        return _partner(request, user, actor, session, partner, shown, _by_field(problems))
    notice = {"false": "retired", "true": "reactivated"}.get(str(shown.get("active")), "saved")
    return RedirectResponse(f"{PATH}/partners/{known}?notice={notice}", status.HTTP_303_SEE_OTHER)


def _given(form: FormData) -> dict[str, Any]:
    given: dict[str, Any] = {
        "name": form.get("name", ""),
        "kind": form.get("kind", ""),
        "services": form.getlist("services"),
        "sectors": form.getlist("sectors"),
        "countries": form.getlist("countries"),
        "description": form.get("description", ""),
    }
    return given


def _amount(value: float | None) -> str:
    return "" if value is None else f"{value:f}".rstrip("0").rstrip(".")


def _shown(partner: Partner) -> dict[str, Any]:
    """The partner's fields as its form shows them (the contact flat, the languages as text)."""
    return {
        "name": partner.name,
        "kind": partner.kind,
        **{name: list(getattr(partner, name)) for name in _LISTS},
        "ticket_min_eur": _amount(partner.ticket_min_eur),
        "ticket_max_eur": _amount(partner.ticket_max_eur),
        "languages": ", ".join(partner.languages),
        "contact.name": partner.contact_name or "",
        "contact.email": partner.contact_email or "",
        "contact.phone": partner.contact_phone or "",
        "contact.website": partner.website or "",
        "description": partner.description,
    }


def _shown_of(form: FormData) -> dict[str, Any]:
    """What the form sent, as it would show it again: the whole edit form (`part=fields`),
    or the retire / reactivate button's `active` alone."""
    if form.get("part") != "fields":
        return {"active": str(form.get("active", ""))}
    texts = ("name", "kind", "ticket_min_eur", "ticket_max_eur", "languages", "description")
    shown: dict[str, Any] = {name: str(form.get(name, "")).strip() for name in texts}
    shown |= {name: [str(v) for v in form.getlist(name)] for name in _LISTS}
    shown |= {f"contact.{k}": str(form.get(f"contact.{k}", "")).strip() for k in _CONTACT}
    return shown


def _changes(shown: dict[str, Any]) -> dict[str, Any]:
    """The PATCH body the form's fields make: blank numbers and contact details are none."""
    if "name" not in shown:
        return shown
    body = {name: shown[name] for name in ("name", "kind", "description", *_LISTS)}
    for name in ("ticket_min_eur", "ticket_max_eur"):
        body[name] = shown[name] or None
    body["languages"] = [code.strip() for code in shown["languages"].split(",") if code.strip()]
    body["contact"] = {k: shown[f"contact.{k}"] or None for k in _CONTACT}
    return body


def _by_field(problems: Problems) -> Problems:
    """Each problem under the field the form shows it by: a list's item's, under the list."""
    found: Problems = {}
    for name, said in problems.items():
        field = name if name.startswith("contact.") else name.partition(".")[0]
        found.setdefault(field, said)
    return found


def _choices(request: Request, shown: dict[str, Any]) -> dict[str, Any]:
    """What a partner's fields choose from; services the partner wrote itself stay offered."""
    known = [service.value for service in PartnerService]
    return {
        "kinds": list(PartnerKind),
        "services": known + [s for s in shown.get("services", []) if s not in known],
        "sectors": list(Sector),
        "countries": countries(reader_language(request)),
    }


def _partner(
    request: Request,
    user: User,
    actor: Actor,
    session: SessionDep,
    partner: Partner,
    shown: dict[str, Any],
    problems: Problems,
) -> Response:
    units = {unit.id: unit for unit in list_units(session=session)}
    context = {
        "partner": partner,
        "unit": units.get(partner.unit_id) if partner.unit_id else None,
        "changes": may_change_partner(partner, actor),
        "given": shown,
        "problems": problems,
        "notice": request.query_params.get("notice", ""),
        **_choices(request, shown),
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return page(request, "partner.html.j2", context, user=user, status_code=code)


def _page(
    request: Request,
    user: User,
    actor: Actor,
    session: SessionDep,
    *,
    given: dict[str, Any],
    problems: dict[str, str],
) -> Response:
    only = PartnerFilter(unit_id=unit_in_view(actor, None, session=session))
    context = {
        "partners": list_partners(session=session, only=only),
        "manages": is_allowed(Action.MANAGE_PARTNERS, actor),
        "kinds": list(PartnerKind),
        "services": list(PartnerService),
        "sectors": list(Sector),
        "countries": countries(reader_language(request)),
        "given": given,
        "problems": problems,
        "notice": request.query_params.get("notice", ""),
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return page(request, "partners.html.j2", context, user=user, status_code=code)
