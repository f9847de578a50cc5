"""The feasibility study: sections with their authors and reviews, and the conclusion."""

import uuid

from fastapi import APIRouter

from api.dependencies import ActorDep, SessionDep
from api.schemas import FeasibilityPublic
from casework.actors import Action
from casework.errors import NotFound
from casework.models import Case, FeasibilityStudy
from casework.services.cases import case_for
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
    case_id: uuid.UUID, body: FeasibilityInput, actor: ActorDep, session: SessionDep
) -> object:
    """Save the study's sections and conclusion."""
    case = case_for(Action.WRITE_FEASIBILITY, case_id, actor, session=session)
    return study_public(case, save_feasibility(case, body, actor, session=session), session)


@router.get("", response_model=FeasibilityPublic)
def get_feasibility(case_id: uuid.UUID, actor: ActorDep, session: SessionDep) -> object:
    """The study, each section with its status, author and review comments."""
    case = case_for(Action.READ_CASE, case_id, actor, session=session)
    study = session.get(FeasibilityStudy, case.id)
    if study is None:
        raise NotFound("This case has no feasibility study yet.")
    return study_public(case, study, session)


@router.post("/sections/{section}/comments", response_model=FeasibilityPublic)
def post_review_comment(
    case_id: uuid.UUID,
    section: FeasibilitySection,
    body: ReviewCommentInput,
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """An advisor's review comment on one section."""
    case = case_for(Action.REVIEW, case_id, actor, session=session)
    return study_public(
        case, comment_on_section(case, section, body, actor, session=session), session
    )
