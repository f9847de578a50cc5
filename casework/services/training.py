"""Training the project leader follows; required courses hold the case in reception."""

import uuid
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlmodel import Session, col, select

from casework.errors import InvalidInput, NotFound
from casework.models import Case, TrainingEnrolment
from casework.models.columns import utc_now
from casework.services.cases import require_edit
from casework.services.timeline import record_event
from casework.stages import Edit
from casework.vocabulary import TrainingStatus


class TrainingInput(BaseModel):
    """A course to follow, who gives it, and whether the reception gate waits for it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    course: str = Field(min_length=2, max_length=200)
    provider: str = Field(min_length=2, max_length=200)
    required: bool = True


class TrainingUpdate(BaseModel):
    """Progress on a course (or a change to whether it is required)."""

    model_config = ConfigDict(extra="forbid")

    status: TrainingStatus | None = None
    required: bool | None = None
    completed_on: date | None = None

    @field_validator("status", "required")
    @classmethod
    def _given_means_not_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("may be left out, but not set to null")
        return value


def add_training(
    case: Case, data: TrainingInput, actor_id: uuid.UUID, *, session: Session
) -> TrainingEnrolment:
    """Plan a course for the project leader."""
    require_edit(case, Edit.TRAINING)
    enrolment = TrainingEnrolment(
        case_id=case.id, status=TrainingStatus.PLANNED, **data.model_dump()
    )
    session.add(enrolment)
    required = "required" if data.required else "optional"
    record_event(
        case,
        "training_planned",
        f"Training planned ({required}): {{course}}, by {{provider}}.",
        session=session,
        actor_id=actor_id,
        texts={"course": data.course, "provider": data.provider},
    )
    return enrolment


def update_training(
    case: Case,
    enrolment_id: uuid.UUID,
    data: TrainingUpdate,
    actor_id: uuid.UUID,
    *,
    session: Session,
) -> TrainingEnrolment:
    """Record progress on a course; completing it dates it (today unless said otherwise)."""
    require_edit(case, Edit.TRAINING)
    enrolment = session.get(TrainingEnrolment, enrolment_id)
    if enrolment is None or enrolment.case_id != case.id:
        raise NotFound("This case has no training enrolment with this id.")
    today = utc_now().date()
    if data.completed_on is not None and data.completed_on > today:
        raise InvalidInput("completed_on", "a course cannot be completed on a future date")
    changes = data.model_dump(exclude_unset=True)
    for name, value in changes.items():
        setattr(enrolment, name, value)
    if enrolment.status == TrainingStatus.COMPLETED:
        enrolment.completed_on = enrolment.completed_on or today
    else:
        enrolment.completed_on = None
    enrolment.updated_at = utc_now()
    session.add(enrolment)
    record_event(
        case,
        "training_updated",
        f"Training {{course}}: {TrainingStatus(enrolment.status).value}.",
        session=session,
        actor_id=actor_id,
        texts={"course": enrolment.course},
    )
    return enrolment


def trainings_of(case: Case, *, session: Session) -> list[TrainingEnrolment]:
    """The case's courses, oldest first."""
    query = select(TrainingEnrolment).where(TrainingEnrolment.case_id == case.id)
    return list(session.exec(query.order_by(col(TrainingEnrolment.created_at))).all())
