"""Reception: the advisor's assessment of the project leader."""

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from casework.actors import Actor
from casework.errors import Conflict
from casework.models import Assessment, Case
from casework.models.columns import utc_now
from casework.services.timeline import record_event
from casework.vocabulary import AssessmentDecision, Stage

Score = Field(ge=0, le=5, strict=True, description="0 (none) to 5 (excellent)")


class AssessmentInput(BaseModel):
    """Scores of 0–5 for the three abilities, training, and the decision."""

    model_config = ConfigDict(extra="forbid")

    technical: int = Score
    financial: int = Score
    motivation: int = Score
    training_required: bool
    training_completed: bool = False
    decision: AssessmentDecision
    notes: str = Field(default="", max_length=10_000)


def save_assessment(
    case: Case, data: AssessmentInput, actor: Actor, *, session: Session
) -> Assessment:
    """Record (or revise) the assessment while the case is in reception."""
    if case.stage != Stage.RECEPTION:
        raise Conflict("The assessment can only change while the case is in reception.")
    assessment = session.get(Assessment, case.id) or Assessment(
        case_id=case.id, assessed_by=actor.id, **data.model_dump()
    )
    for name, value in data.model_dump().items():
        setattr(assessment, name, value)
    assessment.assessed_by = actor.id
    assessment.assessed_at = utc_now()
    # The advisor who receives the project leader follows the case unless one already does.
    case.advisor_id = case.advisor_id or actor.id
    session.add(assessment)
    record_event(
        case,
        "assessment_recorded",
        "Your advisor recorded the reception assessment.",
        session=session,
        actor_id=actor.id,
        detail={
            "decision": data.decision.value,
            "scores": [data.technical, data.financial, data.motivation],
        },
    )
    return assessment
