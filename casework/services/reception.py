"""Reception: the advisor's assessment of the project leader."""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from casework.actors import Actor
from casework.assessment_rubric import CRITERIA, Ability, ability_score
from casework.errors import InvalidInput
from casework.models import Assessment, Case
from casework.models.columns import utc_now
from casework.services.cases import require_edit
from casework.services.timeline import record_event
from casework.stages import Edit
from casework.vocabulary import AssessmentDecision

ScoreField = Annotated[int, Field(ge=0, le=5, strict=True)]


class AssessmentInput(BaseModel):
    """Scores of 0–5 for the three abilities (or the rubric's criteria), training, decision.

    An ability whose criteria are scored takes their weighted mean; its own score
    may then be left out, and if given must agree.
    """

    model_config = ConfigDict(extra="forbid")

    technical: ScoreField | None = None
    financial: ScoreField | None = None
    motivation: ScoreField | None = None
    criteria: dict[str, ScoreField] = Field(
        default_factory=dict, description="rubric criterion key → score 0–5"
    )
    training_required: bool
    training_completed: bool = False
    decision: AssessmentDecision
    notes: str = Field(default="", max_length=10_000)


def rubric_scores(data: AssessmentInput) -> dict[str, int]:
    """The three ability scores, derived from the criteria where they are scored."""
    unknown = sorted(set(data.criteria) - set(CRITERIA))
    if unknown:
        raise InvalidInput("criteria", f"not criteria of the rubric: {', '.join(unknown)}")
    scores: dict[str, int] = {}
    for ability in Ability:
        given: int | None = getattr(data, ability.value)
        derived = ability_score(ability, data.criteria)
        if derived is not None and given is not None and given != derived:
            raise InvalidInput(
                ability.value,
                f"is {given}, but the scored criteria give {derived}: leave it out or agree",
            )
        score = derived if derived is not None else given
        if score is None:
            raise InvalidInput(ability.value, "score 0–5, or score its criteria in the rubric")
        scores[ability.value] = score
    return scores


def save_assessment(
    case: Case, data: AssessmentInput, actor: Actor, *, session: Session
) -> Assessment:
    """Record (or revise) the assessment while the case is in reception."""
    require_edit(case, Edit.ASSESSMENT, actor.role)
    scores = rubric_scores(data)
    fields = {**data.model_dump(), **scores}
    assessment = session.get(Assessment, case.id) or Assessment(
        case_id=case.id, assessed_by=actor.id, **fields
    )
    for name, value in fields.items():
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
            "scores": scores,
        },
    )
    return assessment
