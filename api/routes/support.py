"""Reception and support work: the assessment, the feasibility study, the investment plan."""

import uuid

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from api.dependencies import ActorDep, SessionDep
from api.schemas import AssessmentPublic, FeasibilityPublic, PlanVersionPublic
from casework.actors import Action
from casework.errors import NotFound
from casework.investment_plan import InvestmentPlan
from casework.models import InvestmentPlanVersion
from casework.services.cases import case_for
from casework.services.feasibility import FeasibilityInput, save_feasibility
from casework.services.plans import approve_plan, current_plan, plan_versions, save_plan
from casework.services.reception import AssessmentInput, save_assessment

router = APIRouter(prefix="/cases/{case_id}", tags=["reception and support"])


class ApprovalInput(BaseModel):
    """Optionally name the version being approved, to be sure it is the one on screen."""

    model_config = ConfigDict(extra="forbid")

    version: int | None = None


def plan_public(version: InvestmentPlanVersion) -> PlanVersionPublic:
    """A plan version as the API shows it."""
    return PlanVersionPublic(
        case_id=version.case_id,
        version=version.version,
        plan=version.body,
        results=version.results,
        author_id=version.author_id,
        author_role=version.author_role,
        created_at=version.created_at,
        approved=version.approved_at is not None,
        approved_at=version.approved_at,
        results_frozen_at=version.results_frozen_at,
    )


@router.put("/assessment", response_model=AssessmentPublic)
def put_assessment(
    case_id: uuid.UUID, body: AssessmentInput, actor: ActorDep, session: SessionDep
) -> object:
    """Record the advisor's assessment: three scores of 0–5, training, and the decision."""
    case = case_for(Action.ASSESS, case_id, actor, session=session)
    return save_assessment(case, body, actor, session=session)


@router.put("/feasibility", response_model=FeasibilityPublic)
def put_feasibility(
    case_id: uuid.UUID, body: FeasibilityInput, actor: ActorDep, session: SessionDep
) -> object:
    """Save the feasibility study's sections and conclusion."""
    case = case_for(Action.WRITE_FEASIBILITY, case_id, actor, session=session)
    return save_feasibility(case, body, actor, session=session)


@router.put("/investment-plan", response_model=PlanVersionPublic)
def put_plan(
    case_id: uuid.UUID, body: InvestmentPlan, actor: ActorDep, session: SessionDep
) -> PlanVersionPublic:
    """Save a new version of the plan and return it with its results (voids any approval)."""
    case = case_for(Action.WRITE_PLAN, case_id, actor, session=session)
    version = save_plan(case, body, actor, session=session)
    session.flush()
    return plan_public(version)


@router.get("/investment-plan", response_model=PlanVersionPublic)
def get_plan(case_id: uuid.UUID, actor: ActorDep, session: SessionDep) -> PlanVersionPublic:
    """The current version of the plan, with its results."""
    case = case_for(Action.READ_CASE, case_id, actor, session=session)
    version = current_plan(case, session=session)
    if version is None:
        raise NotFound("This case has no investment plan yet.")
    return plan_public(version)


@router.get("/investment-plan/versions", response_model=list[PlanVersionPublic])
def get_plan_versions(
    case_id: uuid.UUID, actor: ActorDep, session: SessionDep
) -> list[PlanVersionPublic]:
    """Every version of the plan, oldest first."""
    case = case_for(Action.READ_CASE, case_id, actor, session=session)
    return [plan_public(v) for v in plan_versions(case, session=session)]


@router.post("/investment-plan/approval", response_model=PlanVersionPublic)
def post_approval(
    case_id: uuid.UUID, actor: ActorDep, session: SessionDep, body: ApprovalInput | None = None
) -> PlanVersionPublic:
    """The entrepreneur approves the current version of their plan."""
    case = case_for(Action.APPROVE_PLAN, case_id, actor, session=session)
    version = approve_plan(case, actor, session=session, version=body.version if body else None)
    return plan_public(version)
