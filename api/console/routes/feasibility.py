"""The feasibility study: seven sections, each with its text and how far along it is, and the
advisor's conclusion. The entrepreneur writes it too; only an advisor concludes it."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette import status
from starlette.datastructures import FormData

from api.console.case_access import console_case, pin
from api.console.forms import attempt
from api.console.pages import page
from api.console.routes.case_page import CaseId
from api.console.session import PATH, CheckedForm, ConsoleActor, ConsoleUser
from api.dependencies import SessionDep
from casework.actors import Action, Actor
from casework.models import Case, FeasibilityStudy, User
from casework.services.feasibility import FeasibilityInput, save_feasibility
from casework.vocabulary import FeasibilityConclusion, FeasibilitySection, Role, SectionStatus

router = APIRouter()


@router.get("/cases/{case_id}/feasibility")
def feasibility_page(
    request: Request, case_id: CaseId, user: ConsoleUser, actor: ConsoleActor, session: SessionDep
) -> Response:
    """The study's form, with what is written so far."""
    case = console_case(case_id, Action.WRITE_FEASIBILITY, actor, session)
    study = session.get(FeasibilityStudy, case.id)
    given: dict[str, Any] = {"sections": {}, "conclusion": FeasibilityConclusion.PENDING.value}
    if study is not None:
        given = {"sections": study.sections, "conclusion": study.conclusion}
    return _form(request, case, user, actor, given, problems={})


@router.post("/cases/{case_id}/feasibility")
def save(
    request: Request,
    case_id: CaseId,
    form: CheckedForm,
    user: ConsoleUser,
    actor: ConsoleActor,
    session: SessionDep,
) -> Response:
    """Save the study, then show the case."""
    case = console_case(case_id, Action.WRITE_FEASIBILITY, actor, session)
    pin(case, form.get("version"))
    given = _given_of_form(form)
    study = FeasibilityInput.model_validate
    _, problems = attempt(lambda: save_feasibility(case, study(given), actor, session=session))
    if problems:
        return _form(request, case, user, actor, given, problems=problems)
    return RedirectResponse(f"{PATH}/cases/{case.id}?notice=saved", status.HTTP_303_SEE_OTHER)


def _given_of_form(form: FormData) -> dict[str, Any]:
    sections = {
        s.value: {
            "text": str(form.get(f"sections.{s.value}.text", "")),
            "status": form.get(f"sections.{s.value}.status") or SectionStatus.DRAFT.value,
        }
        for s in FeasibilitySection
    }
    return {"sections": sections, "conclusion": form.get("conclusion") or "pending"}


def _form(
    request: Request,
    case: Case,
    user: User,
    actor: Actor,
    given: dict[str, Any],
    *,
    problems: dict[str, str],
) -> Response:
    context = {
        "case": case,
        "sections": list(FeasibilitySection),
        "statuses": [SectionStatus.DRAFT, SectionStatus.COMPLETE],
        "conclusions": list(FeasibilityConclusion),
        "concludes": actor.role == Role.ADVISOR,
        "given": given,
        "problems": problems,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return page(request, "feasibility.html.j2", context, user=user, status_code=code)
