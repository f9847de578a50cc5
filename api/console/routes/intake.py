"""The intake: why the person brings the project, with what, and what they intend. The person
and advisors fill it while the case is open, managers read it; never a condition of anything."""

from dataclasses import asdict
from datetime import datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette import status
from starlette.datastructures import FormData

from api.console.case_access import console_case, pin
from api.console.forms import Problems, attempt
from api.console.routes.case_page import CaseId
from api.console.session import PATH, CheckedForm
from api.console.visit import ConsoleVisit, Visit
from casework.actors import Action, is_allowed
from casework.models import Case
from casework.personal_data import INTAKE
from casework.services.intake import (
    SENSITIVE,
    IntakeInput,
    intake_of,
    reads_sensitive,
    record_intake,
)
from casework.stages import Edit, edit_refusal
from casework.vocabulary import CaseStatus, Mobility, ProjectReason, ResidenceStatus, Stage

router = APIRouter()
_PAGE = "GET /app/cases/{case_id}/intake"
# The answers typed in a field of their own; the networks' lists are typed one name a line.
_TYPED = (
    "sector_experience_years",
    "sector_experience",
    "own_contribution_eur",
    "skills_from_abroad",
)
_LISTS = ("diaspora_associations", "partners_in_contact")


@router.get("/cases/{case_id}/intake")
def intake_page(case_id: CaseId, visit: ConsoleVisit) -> Response:
    """The intake as the reader may see it (its read is logged): a form while they may still
    change it, else its answers and why they stay as they are."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.READ_INTAKE, actor, session, personal=INTAKE, page=_PAGE)
    kept = intake_of(case, actor, session=session)
    given = {**asdict(kept), **{name: _typed(getattr(kept, name)) for name in _TYPED}}
    return _page(visit, case, given=given, problems={}, since=kept.updated_at)


@router.post("/cases/{case_id}/intake")
def save(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Record the whole intake from the version of the case the page showed."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.WRITE_INTAKE, actor, session)
    pin(case, form.get("version"))
    given = _given_of_form(form, sensitive=reads_sensitive(case, actor))
    answers = IntakeInput.model_validate
    _, problems = attempt(lambda: record_intake(case, answers(given), actor, session=session))
    if problems:
        return _page(visit, case, given=given, problems=_at_fields(problems))
    url = f"{PATH}/cases/{case.id}/intake?notice=saved"
    return RedirectResponse(url, status.HTTP_303_SEE_OTHER)


def _typed(value: object) -> str:
    """A kept answer as it would be typed: 12000, not 12000.0; nothing for none."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _filled(form: FormData, name: str) -> str | None:
    value = str(form.get(name, "")).strip()
    return value or None


def _given_of_form(form: FormData, *, sensitive: bool) -> dict[str, Any]:
    """The form as the API's body: a blank answer is not given (not known); the sensitive
    answers only from a reader who may write them, so another advisor's save keeps them."""
    given: dict[str, Any] = {name: value for name in _TYPED if (value := _filled(form, name))}
    given["reasons"] = [str(reason) for reason in form.getlist("reasons")]
    networks: dict[str, Any] = {
        name: [line.strip() for line in str(form.get(f"networks.{name}", "")).splitlines()]
        for name in _LISTS
    }
    networks = {name: [line for line in lines if line] for name, lines in networks.items()}
    if family := _filled(form, "networks.family"):
        networks["family"] = family
    given["networks"] = networks
    if sensitive:
        given |= {name: value for name in SENSITIVE if (value := _filled(form, name))}
    return given


def _at_fields(problems: Problems) -> Problems:
    """Each problem at the field it concerns: a list's item (`reasons.1`) is its list's."""
    shown: Problems = {}
    for name, said in problems.items():
        field = ".".join(part for part in name.split(".") if not part.isdigit())
        shown.setdefault(field, said)
    return shown


def _page(
    visit: Visit,
    case: Case,
    *,
    given: dict[str, Any],
    problems: Problems,
    since: datetime | None = None,
) -> Response:
    actor = visit.actor
    writes = is_allowed(Action.WRITE_INTAKE, actor, owner_id=case.entrepreneur_id)
    stage, case_status = Stage(case.stage), CaseStatus(case.status)
    closed = edit_refusal(Edit.INTAKE, stage, case_status, actor.role) if writes else None
    shown = {
        "case": case,
        "given": given,
        "problems": problems,
        "writes": writes and closed is None,
        "closed": closed,
        "sensitive": reads_sensitive(case, actor),
        "reasons": list(ProjectReason),
        "mobilities": list(Mobility),
        "residences": list(ResidenceStatus),
        "notice": visit.notice,
        "updated_at": since,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("intake.html.j2", shown, status_code=code)
