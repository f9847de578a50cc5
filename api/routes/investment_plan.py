"""The investment plan: immutable versions, approval by the entrepreneur, diffs, what-if."""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from api.dependencies import ActorDep, SessionDep
from api.parameters import LARGEST_NUMBER, VersionNumber
from api.permissions import case_with
from api.schemas import PlanDiffPublic, PlanVersionPublic
from casework.actors import Action
from casework.errors import NotFound
from casework.investment_plan import InvestmentPlan, PlanResults
from casework.models import Case, InvestmentPlanVersion
from casework.personal_data import FINANCES
from casework.services.plans import (
    approve_plan,
    current_plan,
    evaluate_plan,
    plan_diff,
    plan_version,
    plan_versions,
    results_of,
    save_plan,
)

router = APIRouter(tags=["support"])
case_plan = "/cases/{case_id}/investment-plan"
# A version's results are answered as kept: figures an older version never computed stay absent.
# Every field of PlanVersionPublic is set by plan_public, so only the results are affected.
_AS_KEPT = True


class ApprovalInput(BaseModel):
    """Optionally name the version being approved, to be sure it is the one on screen."""

    model_config = ConfigDict(extra="forbid")

    version: int | None = Field(default=None, ge=1, le=LARGEST_NUMBER)


def plan_public(version: InvestmentPlanVersion) -> PlanVersionPublic:
    """A plan version as the API shows it."""
    return PlanVersionPublic(
        case_id=version.case_id,
        version=version.version,
        plan=version.body,
        results=results_of(version),
        author_id=version.author_id,
        author_role=version.author_role,
        created_at=version.created_at,
        approved=version.approved_at is not None,
        approved_at=version.approved_at,
        results_frozen_at=version.results_frozen_at,
        advisor_share=version.advisor_share,
        entrepreneur_share=round(1 - version.advisor_share, 4),
    )


@router.post("/investment-plans/evaluate", response_model=PlanResults)
def evaluate(body: InvestmentPlan, actor: ActorDep) -> PlanResults:
    """Compute the results of a plan without saving it ("what if")."""
    return evaluate_plan(body)


@router.put(case_plan, response_model=PlanVersionPublic, response_model_exclude_unset=_AS_KEPT)
def put_plan(
    body: InvestmentPlan,
    case: Annotated[Case, case_with(Action.WRITE_PLAN)],
    actor: ActorDep,
    session: SessionDep,
) -> PlanVersionPublic:
    """Save a new version of the plan and return it with its results (voids any approval)."""
    version = save_plan(case, body, actor, session=session)
    session.flush()
    return plan_public(version)


@router.get(case_plan, response_model=PlanVersionPublic, response_model_exclude_unset=_AS_KEPT)
def get_plan(
    case: Annotated[Case, case_with(Action.READ_CASE, personal=FINANCES)], session: SessionDep
) -> PlanVersionPublic:
    """The current version of the plan, with its results."""
    version = current_plan(case, session=session)
    if version is None:
        raise NotFound("This case has no investment plan yet.")
    return plan_public(version)


@router.get(
    f"{case_plan}/versions",
    response_model=list[PlanVersionPublic],
    response_model_exclude_unset=_AS_KEPT,
)
def get_versions(
    case: Annotated[Case, case_with(Action.READ_CASE, personal=FINANCES)], session: SessionDep
) -> list[PlanVersionPublic]:
    """Every version of the plan, oldest first, each with who wrote it."""
    return [plan_public(v) for v in plan_versions(case, session=session)]


@router.get(
    f"{case_plan}/versions/{{number}}",
    response_model=PlanVersionPublic,
    response_model_exclude_unset=_AS_KEPT,
)
def get_version(
    number: VersionNumber,
    case: Annotated[Case, case_with(Action.READ_CASE, personal=FINANCES)],
    session: SessionDep,
) -> PlanVersionPublic:
    """One version of the plan."""
    return plan_public(plan_version(case, number, session=session))


@router.get(f"{case_plan}/diff", response_model=PlanDiffPublic)
def get_diff(
    case: Annotated[Case, case_with(Action.READ_CASE, personal=FINANCES)],
    session: SessionDep,
    from_version: Annotated[int, Query(alias="from", ge=1, le=LARGEST_NUMBER)],
    to_version: Annotated[int, Query(alias="to", ge=1, le=LARGEST_NUMBER)],
) -> object:
    """What changed between two versions, in the plan and in its results."""
    return plan_diff(case, from_version, to_version, session=session)


@router.post(
    f"{case_plan}/approval", response_model=PlanVersionPublic, response_model_exclude_unset=_AS_KEPT
)
def post_approval(
    case: Annotated[Case, case_with(Action.APPROVE_PLAN)],
    actor: ActorDep,
    session: SessionDep,
    body: ApprovalInput | None = None,
) -> PlanVersionPublic:
    """The entrepreneur approves the current version of their plan."""
    version = approve_plan(case, actor, session=session, version=body.version if body else None)
    return plan_public(version)
