"""The reception assessment: the rubric's criteria scored 0–5, training, and the decision."""

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
from casework.actors import Action
from casework.assessment_rubric import RUBRIC, Ability
from casework.models import Assessment, Case
from casework.personal_data import APPRAISAL
from casework.services.reception import AssessmentInput, save_assessment
from casework.vocabulary import AssessmentDecision

router = APIRouter()
_PAGE = "GET /app/cases/{case_id}/assessment"


@router.get("/cases/{case_id}/assessment")
def assessment_page(case_id: CaseId, visit: ConsoleVisit) -> Response:
    """The assessment form, with what was recorded so far (its read is logged)."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.ASSESS, actor, session, personal=APPRAISAL, page=_PAGE)
    kept = session.get(Assessment, case.id)
    given = _given_of(kept) if kept else {}
    return _form(visit, case, given, problems={})


@router.post("/cases/{case_id}/assessment")
def save(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Record the assessment, then show the case."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.ASSESS, actor, session)
    pin(case, form.get("version"))
    given = _given_of_form(form)
    scored = AssessmentInput.model_validate
    _, problems = attempt(lambda: save_assessment(case, scored(given), actor, session=session))
    if problems:
        return _form(visit, case, given, problems=problems)
    return RedirectResponse(f"{PATH}/cases/{case.id}?notice=saved", status.HTTP_303_SEE_OTHER)


def _given_of(kept: Assessment) -> dict[str, Any]:
    return {
        "criteria": dict(kept.criteria),
        "training_required": kept.training_required,
        "training_completed": kept.training_completed,
        "decision": kept.decision,
        "notes": kept.notes,
    }


def _given_of_form(form: FormData) -> dict[str, Any]:
    # Scores are whole numbers 0–5: the radio buttons' values, read as numbers.
    scores = {c.key: str(form.get(f"criteria.{c.key}", "")) for c in RUBRIC}
    criteria = {
        key: int(score) if score.isdigit() else score for key, score in scores.items() if score
    }
    given: dict[str, Any] = {
        "criteria": criteria,
        "training_required": form.get("training_required") == "true",
        "training_completed": form.get("training_completed") == "true",
        "notes": str(form.get("notes", "")),
    }
    if form.get("decision"):
        given["decision"] = form["decision"]
    return given


def _form(visit: Visit, case: Case, given: dict[str, Any], *, problems: dict[str, str]) -> Response:
    context = {
        "case": case,
        "abilities": [(a, [c for c in RUBRIC if c.ability == a]) for a in Ability],
        "decisions": list(AssessmentDecision),
        "given": given,
        "problems": problems,
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("assessment.html.j2", context, status_code=code)
