"""The investment plan: the editor with its results worked out as the person types (by the
same evaluation the API's `POST /investment-plans/evaluate` runs), its versions and what
changed between two of them, and the entrepreneur's approval."""

from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import RedirectResponse, Response
from markupsafe import Markup
from pydantic import ValidationError
from starlette import status

from api.console.case_access import console_case, pin
from api.console.case_work import open_forms
from api.console.forms import problems_of
from api.console.pages import reader_language
from api.console.plan_form import NEW_PLAN, fields_of, horizon_of, plan_of, rows
from api.console.routes.case_page import CaseId
from api.console.session import PATH, CheckedForm, ConsoleActor
from api.console.visit import ConsoleVisit, Visit
from api.dependencies import SessionDep
from casework.actors import Action, is_allowed
from casework.dossier.render import cash_flows_chart
from casework.dossier.wording import wording
from casework.errors import InvalidInput
from casework.investment_plan.plan import InvestmentPlan
from casework.investment_plan.results import PlanResults
from casework.models import Case
from casework.personal_data import FINANCES
from casework.services.plans import (
    approve_plan,
    current_plan,
    evaluate_plan,
    plan_diff,
    plan_versions,
    results_of,
    save_plan,
)
from casework.vocabulary import FinancingSource

router = APIRouter()
_PAGE = "GET /app/cases/{case_id}/plan"
VersionNumber = Annotated[int, Query(ge=1, le=1_000_000)]


@router.get("/cases/{case_id}/plan")
def plan_page(case_id: CaseId, visit: ConsoleVisit) -> Response:
    """The plan's page: its editor (for who may write it now), results and versions."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.READ_CASE, actor, session, personal=FINANCES, page=_PAGE)
    current = current_plan(case, session=session)
    values = fields_of(current.body if current else NEW_PLAN)
    results = results_of(current) if current else None
    return _page(visit, case, values, results, problems={})


@router.post("/cases/{case_id}/plan")
def save(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Save the editor's plan as a new version (or, asked for other years, show them)."""
    actor, session = visit.actor, visit.session
    case = console_case(case_id, Action.WRITE_PLAN, actor, session)
    values = dict(form)
    try:
        plan = InvestmentPlan.model_validate(plan_of(form))
    except ValidationError as wrong:
        return _page(visit, case, values, None, problems=problems_of(wrong))
    if form.get("action") == "years":  # the horizon changed: show its years, save nothing
        return _page(visit, case, values, evaluate_plan(plan), problems={})
    pin(case, form.get("version"))
    try:
        save_plan(case, plan, actor, session=session)
    except InvalidInput as wrong:
        return _page(visit, case, values, None, problems={wrong.field: wrong.reason})
    return RedirectResponse(f"{PATH}/cases/{case.id}/plan?notice=saved", status.HTTP_303_SEE_OTHER)


@router.post("/cases/{case_id}/plan/results")
def live_results(case_id: CaseId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """The results of the plan as typed so far, saving nothing: the editor's live panel."""
    case = console_case(case_id, Action.WRITE_PLAN, visit.actor, visit.session)
    try:
        results: PlanResults | None = evaluate_plan(InvestmentPlan.model_validate(plan_of(form)))
        problems: dict[str, str] = {}
    except ValidationError as wrong:
        results, problems = None, problems_of(wrong)
    context = _results_context(visit, case, results, str(form.get("currency", "")), problems)
    return visit.page("plan_results.html.j2", context)


@router.post("/cases/{case_id}/plan/approval")
def approve(
    case_id: CaseId, form: CheckedForm, actor: ConsoleActor, session: SessionDep
) -> Response:
    """The entrepreneur approves the version they were shown (and only the current one)."""
    case = console_case(case_id, Action.APPROVE_PLAN, actor, session)
    shown = str(form.get("plan_version", ""))
    approve_plan(case, actor, session=session, version=int(shown) if shown.isdigit() else 0)
    return RedirectResponse(
        f"{PATH}/cases/{case.id}/plan?notice=approved", status.HTTP_303_SEE_OTHER
    )


@router.get("/cases/{case_id}/plan/diff")
def diff(
    case_id: CaseId,
    visit: ConsoleVisit,
    from_version: Annotated[int, Query(alias="from", ge=1, le=1_000_000)],
    to_version: Annotated[int, Query(alias="to", ge=1, le=1_000_000)],
) -> Response:
    """What changed from one version of the plan to another, in the plan and its results."""
    actor, session = visit.actor, visit.session
    page_name = "GET /app/cases/{case_id}/plan/diff"
    case = console_case(
        case_id, Action.READ_CASE, actor, session, personal=FINANCES, page=page_name
    )
    changes = plan_diff(case, from_version, to_version, session=session)
    return visit.page("plan_diff.html.j2", {"case": case, "diff": changes})


def _page(
    visit: Visit,
    case: Case,
    values: dict[str, Any],
    results: PlanResults | None,
    *,
    problems: dict[str, str],
) -> Response:
    actor, session = visit.actor, visit.session
    current = current_plan(case, session=session)
    context = {
        "case": case,
        "values": values,
        "years": horizon_of(values),
        "investment_rows": rows(values, "investments"),
        "financing_rows": rows(values, "financing"),
        "sources": list(FinancingSource),
        "editable": "plan" in open_forms(case, actor),
        "current": current,
        "approves": current is not None
        and current.approved_at is None
        and is_allowed(Action.APPROVE_PLAN, actor, owner_id=case.entrepreneur_id),
        "versions": plan_versions(case, session=session),
        "notice": visit.notice,
        **_results_context(visit, case, results, str(values.get("currency", "")), problems),
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("plan.html.j2", context, status_code=code)


def _results_context(
    visit: Visit,
    case: Case,
    results: PlanResults | None,
    currency: str,
    problems: dict[str, str],
) -> dict[str, Any]:
    return {
        "case": case,
        "results": results,
        "currency": currency,
        "problems": problems,
        "chart": _chart(visit, results) if results else None,
    }


def _chart(visit: Visit, results: PlanResults) -> Markup:
    return cash_flows_chart(results.cash_flows, wording(reader_language(visit.request)))
