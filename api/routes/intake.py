"""The intake: why the project, with what, and what the person intends. Never a gate."""

import uuid
from dataclasses import asdict
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter
from pydantic import Field

from api.dependencies import ActorDep, SessionDep
from api.permissions import case_with
from api.schemas import Public
from casework.actors import Action
from casework.models import Case
from casework.personal_data import INTAKE
from casework.services.intake import IntakeInput, intake_of, record_intake

router = APIRouter(tags=["intake"])


class NetworksPublic(Public):
    family: str | None
    diaspora_associations: list[str]
    partners_in_contact: list[str]


class IntakePublic(Public):
    case_id: uuid.UUID
    reasons: list[str]
    sector_experience_years: int | None
    sector_experience: str | None
    own_contribution_eur: float | None
    skills_from_abroad: str | None
    networks: NetworksPublic
    mobility: str | None = Field(
        description="Sensitive: null unless the reader is the person, the case's advisor or "
        "a manager (see sensitive_shown)."
    )
    residence_status: str | None = Field(description="Sensitive, as mobility.")
    sensitive_shown: bool = Field(description="Whether mobility and residence status are shown.")
    updated_at: datetime | None = Field(description="null: nothing recorded yet")


def _public(case: Case, actor: ActorDep, session: SessionDep) -> IntakePublic:
    found = intake_of(case, actor, session=session)
    return IntakePublic.model_validate({"case_id": case.id, **asdict(found)})


@router.get("/cases/{case_id}/intake", response_model=IntakePublic)
def get_intake(
    case: Annotated[Case, case_with(Action.READ_INTAKE, personal=INTAKE)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """The case's intake; mobility and residence status only for the person, the case's
    advisor and managers."""
    return _public(case, actor, session)


@router.put("/cases/{case_id}/intake", response_model=IntakePublic)
def put_intake(
    body: IntakeInput,
    case: Annotated[Case, case_with(Action.WRITE_INTAKE, personal=INTAKE)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Record the whole intake (the entrepreneur, or an advisor), every answer optional.

    Mobility and residence status are written by the person or the case's advisor only;
    another advisor's save leaves them as they were. None of it is ever a condition."""
    record_intake(case, body, actor, session=session)
    return _public(case, actor, session)
