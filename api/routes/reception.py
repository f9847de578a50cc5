"""Reception: the rubric-based assessment of the project leader, and their training."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, status

from api.dependencies import ActorDep, SessionDep
from api.permissions import case_with
from api.schemas import AssessmentPublic, TrainingPublic
from casework.actors import Action
from casework.assessment_rubric import RUBRIC, Ability, explain
from casework.errors import NotFound
from casework.models import Assessment, Case
from casework.personal_data import APPRAISAL
from casework.services.reception import AssessmentInput, save_assessment
from casework.services.training import (
    TrainingInput,
    TrainingUpdate,
    add_training,
    trainings_of,
    update_training,
)

router = APIRouter(tags=["reception"])


def assessment_public(assessment: Assessment) -> AssessmentPublic:
    """An assessment with each score explained by its rubric criteria."""
    public = AssessmentPublic.model_validate(assessment)
    public.explanation = {a.value: explain(a, assessment.criteria) for a in Ability}
    return public


@router.get("/assessment-rubric")
def rubric(actor: ActorDep) -> list[dict[str, Any]]:
    """The criteria behind the three scores, with weights and descriptors."""
    return [
        {
            "key": c.key,
            "ability": c.ability.value,
            "label": c.label,
            "weight": c.weight,
            "descriptors": {str(k): v for k, v in c.descriptors.items()},
        }
        for c in RUBRIC
    ]


@router.put("/cases/{case_id}/assessment", response_model=AssessmentPublic)
def put_assessment(
    body: AssessmentInput,
    case: Annotated[Case, case_with(Action.ASSESS)],
    actor: ActorDep,
    session: SessionDep,
) -> AssessmentPublic:
    """Record the assessment: scores 0–5 (or rubric criteria), training, and the decision."""
    return assessment_public(save_assessment(case, body, actor, session=session))


@router.get("/cases/{case_id}/assessment", response_model=AssessmentPublic)
def get_assessment(
    case: Annotated[Case, case_with(Action.READ_INTERNAL, personal=APPRAISAL)], session: SessionDep
) -> AssessmentPublic:
    """The assessment with its explanation (staff: it holds the advisor's notes)."""
    assessment = session.get(Assessment, case.id)
    if assessment is None:
        raise NotFound("This case has no assessment yet.")
    return assessment_public(assessment)


@router.get("/cases/{case_id}/training", response_model=list[TrainingPublic])
def training(case: Annotated[Case, case_with(Action.READ_CASE)], session: SessionDep) -> object:
    """The courses planned for the project leader."""
    return trainings_of(case, session=session)


@router.post(
    "/cases/{case_id}/training", status_code=status.HTTP_201_CREATED, response_model=TrainingPublic
)
def post_training(
    body: TrainingInput,
    case: Annotated[Case, case_with(Action.ASSESS)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Plan a course; a required one holds the case in reception until completed."""
    enrolment = add_training(case, body, actor.id, session=session)
    session.flush()
    return enrolment


@router.patch("/cases/{case_id}/training/{training_id}", response_model=TrainingPublic)
def patch_training(
    training_id: uuid.UUID,
    body: TrainingUpdate,
    case: Annotated[Case, case_with(Action.ASSESS)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Record progress on a course: planned → enrolled → completed (or dropped)."""
    return update_training(case, training_id, body, actor.id, session=session)
