"""The feasibility study: seven sections, each with its text, how far along it is and the
advisor's review comments, and the advisor's conclusion. The entrepreneur writes it too; only
an advisor reviews and concludes it."""

from datetime import datetime
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
from casework.actors import Action, Actor, is_allowed
from casework.models import Case, FeasibilityStudy, User
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
def feasibility_page(
    request: Request, case_id: CaseId, user: ConsoleUser, actor: ConsoleActor, session: SessionDep
) -> Response:
    """The study's form, with what is written so far."""
    case = console_case(case_id, Action.WRITE_FEASIBILITY, actor, session)
    return _form(request, case, user, actor, _stored(case, session), session, problems={})


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
        return _form(request, case, user, actor, given, session, problems=problems)
    return RedirectResponse(f"{PATH}/cases/{case.id}?notice=saved", status.HTTP_303_SEE_OTHER)


@router.post("/cases/{case_id}/feasibility/sections/{section}/comments")
def comment(
    request: Request,
    case_id: CaseId,
    section: FeasibilitySection,
    form: CheckedForm,
    user: ConsoleUser,
    actor: ConsoleActor,
    session: SessionDep,
) -> Response:
    """An advisor's review comment on one section, shown under it."""
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
        return _form(request, case, user, actor, given, session, problems=named)
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


def _form(
    request: Request,
    case: Case,
    user: User,
    actor: Actor,
    given: dict[str, Any],
    session: SessionDep,
    *,
    problems: dict[str, str],
) -> Response:
    study = session.get(FeasibilityStudy, case.id)
    context = {
        "case": case,
        "reviews": _reviews(study),
        # Comments go on a study that exists, by whoever the API lets review it.
        "reviews_here": study is not None
        and is_allowed(Action.REVIEW, actor, owner_id=case.entrepreneur_id),
        "commented": given.get("commented", {}),
        "notice": request.query_params.get("notice", ""),
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
    return page(request, "feasibility.html.j2", context, user=user, status_code=code)
