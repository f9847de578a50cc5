"""A case's country guides: what its entrepreneur should know before investing in the case's
country, those that match its country and sector and those their advisor chose; advisors add
a guide, or take one off saying why."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette import status

from api.console.case_access import console_case
from api.console.forms import Problems, attempt, filled
from api.console.pages import reader_language
from api.console.routes.case_page import CaseId
from api.console.routes.guides import GuideId, guide_key, languages, paragraphs
from api.console.session import PATH, CheckedForm
from api.console.visit import ConsoleVisit, Visit
from casework.actors import Action, is_allowed
from casework.models import Case
from casework.services.case_guides import (
    GuideChoice,
    GuideRemoval,
    add_guide_to_case,
    guides_on,
    guides_to_choose,
    remove_guide_from_case,
)
from casework.services.cases import today
from casework.services.guide_tasks import is_stale
from casework.vocabulary import GuideAttachment

router = APIRouter()


@router.get("/cases/{case_id}/guides")
def case_guides_page(case_id: CaseId, visit: ConsoleVisit) -> Response:
    """The guides on the case (staff also see those taken off, and why)."""
    case = console_case(case_id, Action.READ_CASE, visit.actor, visit.session)
    return _page(visit, case, given={}, problems={})


@router.post("/cases/{case_id}/guides")
def add(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Put a guide on the case (advisors), with a word for the entrepreneur."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.CHOOSE_GUIDES, actor, session)
    given = filled(form, ("guide_id", "note"))
    choice = GuideChoice.model_validate
    _, problems = attempt(lambda: add_guide_to_case(case, choice(given), actor, session=session))
    if problems:
        return _page(visit, case, given=given, problems=problems)
    return _back(case, "added")


@router.post("/cases/{case_id}/guides/{guide_id}/removal")
def remove(case_id: CaseId, guide_id: GuideId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Take a guide off the case (advisors), saying why; it does not come back by itself."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.CHOOSE_GUIDES, actor, session)
    known = guide_key(guide_id)
    given = filled(form, ("note",))
    removal = GuideRemoval.model_validate
    _, problems = attempt(
        lambda: remove_guide_from_case(case, known, removal(given), actor, session=session)
    )
    if problems:
        # Each guide has its removal form: its problems are said under that form's fields.
        mine = {f"{name}-{known}": said for name, said in problems.items()}
        return _page(visit, case, given=given, problems=mine)
    return _back(case, "removed")


def _back(case: Case, notice: str) -> Response:
    url = f"{PATH}/cases/{case.id}/guides?notice={notice}"
    return RedirectResponse(url, status.HTTP_303_SEE_OTHER)


def _page(visit: Visit, case: Case, *, given: dict[str, Any], problems: Problems) -> Response:
    actor, session = visit.actor, visit.session
    chooses = is_allowed(Action.CHOOSE_GUIDES, actor, owner_id=case.entrepreneur_id)
    found = guides_on(case, session=session, with_removed=actor.is_staff)
    day = today()
    context = {
        "case": case,
        "staff": actor.is_staff,
        # On the case: what the entrepreneur reads; the rest, only staff see.
        "shown": [g for g in found if g.link.removed_at is None and g.guide.active],
        "taken_off": [g for g in found if g.link.removed_at is not None or not g.guide.active],
        "stale": {g.guide.id for g in found if is_stale(g.guide, day)},
        "chosen": GuideAttachment.ADVISOR.value,
        "paragraphs": paragraphs,
        "language_names": dict(languages(reader_language(visit.request))),
        "chooses": chooses,
        "choices": guides_to_choose(case, session=session) if chooses else [],
        "given": given,
        "problems": problems,
        "notice": visit.notice,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("case_guides.html.j2", context, status_code=code)
