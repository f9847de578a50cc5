"""The partner directory: staff read it and each partner's page; managers add partners,
change them and retire them (never deleted), as the API's /partners routes do."""

from typing import Annotated, Any

from fastapi import APIRouter, Path
from fastapi.responses import RedirectResponse, Response
from starlette import status
from starlette.datastructures import FormData

from api.console.forms import Problems, attempt_or_clash, countries, known_id
from api.console.pages import reader_language
from api.console.session import PATH, CheckedForm
from api.console.visit import ConsoleVisit, Visit
from casework.actors import Action, is_allowed, require
from casework.models import Partner
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
def directory(visit: ConsoleVisit) -> Response:
    """The partners the reader's unit works with (the programme's managers: all of them)."""
    require(Action.READ_PARTNERS, visit.actor)
    return _page(visit, given={}, problems={})


@router.post("/partners")
def add(form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Add a partner (managers): shared by the programme, or a unit manager's unit's own."""
    actor, session = visit.actor, visit.session
    require(Action.MANAGE_PARTNERS, actor)
    given = _given(form)
    partner = PartnerInput.model_validate
    _, problems = attempt_or_clash(
        lambda: add_partner(partner(given), session=session, actor=actor), session
    )
    if problems:
        return _page(visit, given=given, problems=problems)
    return RedirectResponse(f"{PATH}/partners?notice=added", status.HTTP_303_SEE_OTHER)


@router.get("/partners/{partner_id}")
def partner_page(partner_id: PartnerId, visit: ConsoleVisit) -> Response:
    """One partner, whole (staff); with the form that changes or retires it (its managers)."""
    require(Action.READ_PARTNERS, visit.actor)
    partner = partner_in_view(known_id(partner_id, "partner"), visit.actor, session=visit.session)
    return _partner(visit, partner, shown=_shown(partner), problems={})


@router.post("/partners/{partner_id}")
def change(partner_id: PartnerId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Change a partner's fields, or retire it or put it back in the directory (managers; a
    unit's manager, their unit's own): the API's PATCH /partners/{id}."""
    actor, session = visit.actor, visit.session
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
        return _partner(visit, partner, shown, _by_field(problems))
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


def _choices(visit: Visit, shown: dict[str, Any]) -> dict[str, Any]:
    """What a partner's fields choose from; services the partner wrote itself stay offered."""
    known = [service.value for service in PartnerService]
    return {
        "kinds": list(PartnerKind),
        "services": known + [s for s in shown.get("services", []) if s not in known],
        "sectors": list(Sector),
        "countries": countries(reader_language(visit.request)),
    }


def _partner(visit: Visit, partner: Partner, shown: dict[str, Any], problems: Problems) -> Response:
    units = {unit.id: unit for unit in list_units(session=visit.session)}
    context = {
        "partner": partner,
        "unit": units.get(partner.unit_id) if partner.unit_id else None,
        "changes": may_change_partner(partner, visit.actor),
        "given": shown,
        "problems": problems,
        "notice": visit.notice,
        **_choices(visit, shown),
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("partner.html.j2", context, status_code=code)


def _page(visit: Visit, *, given: dict[str, Any], problems: dict[str, str]) -> Response:
    actor, session = visit.actor, visit.session
    only = PartnerFilter(unit_id=unit_in_view(actor, None, session=session))
    context = {
        "partners": list_partners(session=session, only=only),
        "manages": is_allowed(Action.MANAGE_PARTNERS, actor),
        "kinds": list(PartnerKind),
        "services": list(PartnerService),
        "sectors": list(Sector),
        "countries": countries(reader_language(visit.request)),
        "given": given,
        "problems": problems,
        "notice": visit.notice,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("partners.html.j2", context, status_code=code)
