"""The feasibility study: sections with their authors and reviews, and the conclusion."""

from typing import Annotated

from fastapi import APIRouter

from api.dependencies import ActorDep, SessionDep
from api.permissions import case_with
from api.schemas import FeasibilityPublic
from casework.actors import Action
from casework.errors import NotFound
from casework.models import Case, FeasibilityStudy
from casework.services.feasibility import (
    FeasibilityInput,
    ReviewCommentInput,
    comment_on_section,
    financial_figures,
    save_feasibility,
)
from casework.vocabulary import FeasibilitySection

router = APIRouter(prefix="/cases/{case_id}/feasibility", tags=["support"])


def study_public(case: Case, study: FeasibilityStudy, session: SessionDep) -> FeasibilityPublic:
    """The study, its financial section's figures drawn from the approved plan."""
    public = FeasibilityPublic.model_validate(study)
    public.financial_figures = financial_figures(case, session=session)
    return public


@router.put("", response_model=FeasibilityPublic)
def put_feasibility(
    body: FeasibilityInput,
    case: Annotated[Case, case_with(Action.WRITE_FEASIBILITY)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Save the study's sections and conclusion."""
    return study_public(case, save_feasibility(case, body, actor, session=session), session)


@router.get("", response_model=FeasibilityPublic)
def get_feasibility(
    case: Annotated[Case, case_with(Action.READ_CASE)], session: SessionDep
) -> object:
    """The study, each section with its status, author and review comments."""
    study = session.get(FeasibilityStudy, case.id)
    if study is None:
        raise NotFound("This case has no feasibility study yet.")
    return study_public(case, study, session)


@router.post("/sections/{section}/comments", response_model=FeasibilityPublic)
def post_review_comment(
    section: FeasibilitySection,
    body: ReviewCommentInput,
    case: Annotated[Case, case_with(Action.REVIEW)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """An advisor's review comment on one section."""
    return study_public(
        case, comment_on_section(case, section, body, actor, session=session), session
    )
