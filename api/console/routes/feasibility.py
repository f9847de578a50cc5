"""The feasibility study: seven sections, each with its text, how far along it is and the
advisor's review comments, and the advisor's conclusion. The entrepreneur writes it too; only
an advisor reviews and concludes it."""

from datetime import datetime
from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette import status
from starlette.datastructures import FormData

from api.console.case_access import console_case, pin
from api.console.forms import attempt
from api.console.routes.case_page import CaseId
from api.console.session import PATH, CheckedForm
from api.console.visit import ConsoleVisit, Visit
from api.dependencies import SessionDep
from casework.actors import Action, is_allowed
from casework.models import Case, FeasibilityStudy
from casework.services.feasibility import (
    FeasibilityInput,
    ReviewCommentInput,
    comment_on_section,
    save_feasibility,
)
from casework.stages import Edit, edit_refusal
from casework.vocabulary import (
    CaseStatus,
    FeasibilityConclusion,
    FeasibilitySection,
    Role,
    SectionStatus,
    Stage,
)

router = APIRouter()


@router.get("/cases/{case_id}/feasibility")
def feasibility_page(case_id: CaseId, visit: ConsoleVisit) -> Response:
    """The study's form, with what is written so far."""
    case = console_case(case_id, Action.WRITE_FEASIBILITY, visit.actor, visit.session)
    return _form(visit, case, _stored(case, visit.session), problems={})


@router.post("/cases/{case_id}/feasibility")
def save(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Save the study, then show the case."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.WRITE_FEASIBILITY, actor, session)
    pin(case, form.get("version"))
    given = _given_of_form(form)
    study = FeasibilityInput.model_validate
    _, problems = attempt(lambda: save_feasibility(case, study(given), actor, session=session))
    if problems:
        return _form(visit, case, given, problems=problems)
    return RedirectResponse(f"{PATH}/cases/{case.id}?notice=saved", status.HTTP_303_SEE_OTHER)


@router.post("/cases/{case_id}/feasibility/sections/{section}/comments")
def comment(
    case_id: CaseId, section: FeasibilitySection, form: CheckedForm, visit: ConsoleVisit
) -> Response:
    """An advisor's review comment on one section, shown under it."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.REVIEW, actor, session)
    text = str(form.get("text", ""))
    said = ReviewCommentInput.model_validate
    _, problems = attempt(
        lambda: comment_on_section(case, section, said({"text": text}), actor, session=session)
    )
    if problems:
        # Each section has its own comment form: its problems are named after it.
        named = {f"comments.{section.value}.{name}": why for name, why in problems.items()}
        given = {**_stored(case, session), "commented": {section.value: text}}
        return _form(visit, case, given, problems=named)
    url = f"{PATH}/cases/{case.id}/feasibility?notice=commented#section-{section.value}"
    return RedirectResponse(url, status.HTTP_303_SEE_OTHER)


def _stored(case: Case, session: SessionDep) -> dict[str, Any]:
    """What the study holds now, as its form shows it."""
    study = session.get(FeasibilityStudy, case.id)
    if study is None:
        return {"sections": {}, "conclusion": FeasibilityConclusion.PENDING.value}
    return {"sections": study.sections, "conclusion": study.conclusion}


def _reviews(study: FeasibilityStudy | None) -> dict[str, list[dict[str, Any]]]:
    """Each section's review comments, oldest first, with the moment each was made."""
    if study is None:
        return {}
    return {
        key: [
            {**c, "at": datetime.fromisoformat(c["at"])} for c in section.get("review_comments", [])
        ]
        for key, section in study.sections.items()
    }


def _given_of_form(form: FormData) -> dict[str, Any]:
    sections = {
        s.value: {
            "text": str(form.get(f"sections.{s.value}.text", "")),
            "status": form.get(f"sections.{s.value}.status") or SectionStatus.DRAFT.value,
        }
        for s in FeasibilitySection
    }
    return {"sections": sections, "conclusion": form.get("conclusion") or "pending"}


def _form(visit: Visit, case: Case, given: dict[str, Any], *, problems: dict[str, str]) -> Response:
    actor = visit.actor
    study = visit.session.get(FeasibilityStudy, case.id)
    context = {
        "case": case,
        "reviews": _reviews(study),
        # Comments go on a study that exists, by whoever the API lets review it.
        "reviews_here": study is not None
        and is_allowed(Action.REVIEW, actor, owner_id=case.entrepreneur_id),
        "commented": given.get("commented", {}),
        "notice": visit.notice,
        "sections": list(FeasibilitySection),
        "statuses": [SectionStatus.DRAFT, SectionStatus.COMPLETE],
        "conclusions": list(FeasibilityConclusion),
        "concludes": actor.role == Role.ADVISOR,
        # Once the case has left support the study is read, not written.
        "closed": edit_refusal(
            Edit.FEASIBILITY, Stage(case.stage), CaseStatus(case.status), actor.role
        ),
        "given": given,
        "problems": problems,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("feasibility.html.j2", context, status_code=code)
