"""Linkage to partners: the partners ranked for the case with their reasons, the entrepreneur's
consent to share with each, the referrals and their answers, and the plan's lines financed
outside the unit."""

import uuid
from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette import status
from starlette.datastructures import FormData

from api.console.case_access import console_case, pin
from api.console.forms import attempt
from api.console.routes.case_page import CaseId
from api.console.session import PATH, CheckedForm, ConsoleActor
from api.console.visit import ConsoleVisit, Visit
from api.dependencies import SessionDep
from api.routes.referrals import move_referral
from casework.actors import Action, is_allowed
from casework.errors import InvalidInput
from casework.financing_coverage import external, plan_lines
from casework.models import Case
from casework.personal_data import FINANCES
from casework.referral_lifecycle import allowed_next
from casework.services.consents import (
    ConsentInput,
    consents_of,
    give_consent,
    withdraw_consent,
)
from casework.services.financing_lines import OutsideFinancing, record_financed_outside
from casework.services.partners import standing_matches
from casework.services.plans import current_plan
from casework.services.referrals import (
    ReferralInput,
    ReferralUpdate,
    create_referral,
    referrals_of,
)
from casework.vocabulary import ReferralStatus

router = APIRouter()
_PAGE = "GET /app/cases/{case_id}/linkage"


@router.get("/cases/{case_id}/linkage")
def linkage_page(case_id: CaseId, visit: ConsoleVisit) -> Response:
    """The case's partners, consents, referrals and financing lines."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.READ_MATCHES, actor, session, personal=FINANCES, page=_PAGE)
    return _page(visit, case, problems={})


def _page(visit: Visit, case: Case, *, problems: dict[str, str], asked: str = "") -> Response:
    actor, session, owner = visit.actor, visit.session, case.entrepreneur_id
    plan = current_plan(case, session=session)
    lines = external(plan_lines(plan.body.get("financing", []))) if plan else []
    matches = standing_matches(case, session=session)
    standing = {c.partner_id: c for c in consents_of(case, session=session) if not c.withdrawn_at}
    names = {m.partner.id: m.partner.name for m in matches}
    referrals = referrals_of(case, session=session)
    context = {
        "case": case,
        "matches": matches,
        "consents": standing,
        "referrals": [
            (r, names.get(r.partner_id, ""), sorted(allowed_next(ReferralStatus(r.status))))
            for r in referrals
        ],
        "lines": lines,
        "outside": case.financed_outside,
        "currency": plan.body.get("currency", "") if plan else "",
        "consents_here": is_allowed(Action.CONSENT, actor, owner_id=owner),
        "refers": is_allowed(Action.REFER, actor, owner_id=owner),
        "staff": actor.is_staff,
        "problems": problems,
        "asked": asked,
        "notice": visit.notice,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("linkage.html.j2", context, status_code=code)


def _back(case: Case, notice: str) -> Response:
    return RedirectResponse(
        f"{PATH}/cases/{case.id}/linkage?notice={notice}", status.HTTP_303_SEE_OTHER
    )


def _uuid(value: object, field: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise InvalidInput(field, "choose one of the page's partners") from None


@router.post("/cases/{case_id}/consents")
def consent(
    case_id: CaseId, form: CheckedForm, actor: ConsoleActor, session: SessionDep
) -> Response:
    """The entrepreneur agrees to share their dossier with one partner."""
    case = console_case(case_id, Action.CONSENT, actor, session)
    partner_id = _uuid(form.get("partner_id"), "partner_id")
    give_consent(case, ConsentInput(partner_id=partner_id), actor.id, session=session)
    return _back(case, "consented")


@router.post("/cases/{case_id}/consents/{consent_id}/withdrawal")
def withdraw(
    case_id: CaseId, consent_id: uuid.UUID, _: CheckedForm, actor: ConsoleActor, session: SessionDep
) -> Response:
    """The entrepreneur withdraws a consent (kept as history)."""
    case = console_case(case_id, Action.CONSENT, actor, session)
    withdraw_consent(case, consent_id, actor.id, session=session)
    return _back(case, "withdrawn")


@router.post("/cases/{case_id}/referrals")
def refer(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """The advisor prepares a referral (a draft) to one partner."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.REFER, actor, session)
    pin(case, form.get("version"))
    given: dict[str, Any] = {
        "partner_id": form.get("partner_id"),
        "purpose": form.get("purpose", ""),
    }
    referral = ReferralInput.model_validate
    _, problems = attempt(lambda: create_referral(case, referral(given), actor.id, session=session))
    if problems:
        return _page(visit, case, problems=problems, asked="new")
    return _back(case, "referred")


@router.post("/cases/{case_id}/referrals/{referral_id}")
def move_on(
    case_id: CaseId, referral_id: uuid.UUID, form: CheckedForm, visit: ConsoleVisit
) -> Response:
    """Record the referral's next step: sent (by its flow), acknowledged, the partner's answer,
    or its outcome."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.REFER, actor, session)
    update = _update_of(form)
    step = ReferralUpdate.model_validate
    _, problems = attempt(lambda: move_referral(case, referral_id, step(update), actor, session))
    if problems:
        return _page(visit, case, problems=problems, asked=str(referral_id))
    return _back(case, "moved_on")


def _update_of(form: FormData) -> dict[str, Any]:
    given: dict[str, Any] = {"status": form.get("status"), "note": form.get("note", "")}
    for name in ("amount_offered", "decline_reason"):
        if str(form.get(name, "")).strip():
            given[name] = form[name]
    return given


@router.post("/cases/{case_id}/financing-lines/{line}/financed-outside")
def financed_outside(
    case_id: CaseId, line: int, form: CheckedForm, visit: ConsoleVisit
) -> Response:
    """The advisor records a line of the plan as financed outside the unit's partners."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.REFER, actor, session)
    note = {"note": form.get("note", "")}
    outside = OutsideFinancing.model_validate
    _, problems = attempt(
        lambda: record_financed_outside(case, line, outside(note), actor.id, session=session)
    )
    if problems:
        return _page(visit, case, problems=problems, asked=f"line-{line}")
    return _back(case, "financed_outside")
