"""The intake: why the person brings the project, with what, and what they intend.

Every answer is optional and none is a condition of anything: no gate, match or score
reads the intake (`tests/integration/test_intake_never_weighs.py`). Support is never
conditional on return, so a "preparing a return" answer must weigh neither for nor
against a person.

`mobility` and `residence_status` are sensitive: the person, the case's advisor and
managers read them; another advisor reads the rest of the intake, and may not write
those two; a partner never sees any of it.
"""

from dataclasses import dataclass
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlmodel import Session, col, delete, select

from casework.actors import Actor
from casework.errors import Forbidden
from casework.models import Case, CaseIntake, CaseIntakeReason
from casework.models.columns import utc_now
from casework.services.cases import require_edit
from casework.services.timeline import record_event
from casework.stages import Edit
from casework.vocabulary import Mobility, ProjectReason, ResidenceStatus, Role

SENSITIVE = ("mobility", "residence_status")
# The intake's answers as its row keeps them (the reasons have rows of their own).
_ANSWERS = (
    *("sector_experience_years", "sector_experience", "own_contribution_eur"),
    *("skills_from_abroad", "networks", *SENSITIVE),
)
_TEXT_MAX = 2000
_NAME_MAX = 200


class Networks(BaseModel):
    """Whom the person can lean on: family, diaspora associations, partners already met."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    family: str | None = Field(
        default=None, max_length=1000, description="family in the country of origin who help"
    )
    diaspora_associations: list[str] = Field(default_factory=list, max_length=20)
    partners_in_contact: list[str] = Field(default_factory=list, max_length=20)

    @field_validator("diaspora_associations", "partners_in_contact")
    @classmethod
    def _names(cls, names: list[str]) -> list[str]:
        for name in names:
            if not name.strip() or len(name) > _NAME_MAX:
                raise ValueError(f"each name has 1 to {_NAME_MAX} characters")
        return [name.strip() for name in names]


class IntakeInput(BaseModel):
    """The whole intake, every answer optional: what is left out is not known."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    reasons: list[ProjectReason] = Field(
        default_factory=list, max_length=len(ProjectReason), description="why the project"
    )
    sector_experience_years: int | None = Field(default=None, ge=0, le=70)
    sector_experience: str | None = Field(default=None, max_length=_TEXT_MAX)
    own_contribution_eur: float | None = Field(
        default=None, ge=0, le=1e9, description="what the person expects to bring, in EUR"
    )
    skills_from_abroad: str | None = Field(default=None, max_length=_TEXT_MAX)
    networks: Networks = Field(default_factory=Networks)
    mobility: Mobility | None = Field(
        default=None, description="sensitive: what the person intends, never a condition"
    )
    residence_status: ResidenceStatus | None = Field(default=None, description="sensitive")

    @field_validator("reasons")
    @classmethod
    def _once_each(cls, reasons: list[ProjectReason]) -> list[ProjectReason]:
        if len(set(reasons)) != len(reasons):
            raise ValueError("each reason at most once")
        return reasons


@dataclass(frozen=True)
class Intake:
    """The intake as one reader may see it: the sensitive answers only if they may."""

    reasons: list[str]
    sector_experience_years: int | None
    sector_experience: str | None
    own_contribution_eur: float | None
    skills_from_abroad: str | None
    networks: dict[str, object]
    mobility: str | None
    residence_status: str | None
    sensitive_shown: bool
    updated_at: datetime | None


def reads_sensitive(case: Case, actor: Actor) -> bool:
    """Whether `actor` may read the case's mobility and residence status: its entrepreneur,
    its advisor, or a manager who sees it."""
    if actor.role == Role.ENTREPRENEUR:
        return actor.id == case.entrepreneur_id
    return actor.role == Role.MANAGER or case.advisor_id == actor.id


def intake_of(case: Case, actor: Actor, *, session: Session) -> Intake:
    """The case's intake as `actor` may read it (empty answers when none was given)."""
    row = session.get(CaseIntake, case.id)
    shown = reads_sensitive(case, actor)
    return Intake(
        reasons=_reasons(case, session=session),
        sector_experience_years=row.sector_experience_years if row else None,
        sector_experience=row.sector_experience if row else None,
        own_contribution_eur=row.own_contribution_eur if row else None,
        skills_from_abroad=row.skills_from_abroad if row else None,
        networks=Networks.model_validate(row.networks if row else {}).model_dump(),
        mobility=row.mobility if row and shown else None,
        residence_status=row.residence_status if row and shown else None,
        sensitive_shown=shown,
        updated_at=row.updated_at if row else None,
    )


def _reasons(case: Case, *, session: Session) -> list[str]:
    found = session.exec(
        select(CaseIntakeReason.reason).where(CaseIntakeReason.case_id == case.id)
    ).all()
    return [r.value for r in ProjectReason if r in set(found)]


def _answers(row: CaseIntake | None, reasons: list[str]) -> dict[str, object] | None:
    """What the intake says, to tell whether a save changes it."""
    if row is None:
        return None
    kept = {name: getattr(row, name) for name in _ANSWERS}
    return {**kept, "reasons": sorted(reasons)}


def record_intake(case: Case, data: IntakeInput, actor: Actor, *, session: Session) -> None:
    """Replace the case's intake; an advisor who may not read the sensitive answers may not
    write them either, and leaves them as they were."""
    require_edit(case, Edit.INTAKE, actor.role)
    sensitive = reads_sensitive(case, actor)
    if not sensitive and data.model_fields_set & set(SENSITIVE):
        raise Forbidden(
            "Only the person, the case's advisor and managers record mobility and residence status."
        )
    row = session.get(CaseIntake, case.id)
    before = _answers(row, _reasons(case, session=session))
    row = row or CaseIntake(case_id=case.id)
    values = data.model_dump(mode="json", exclude={"reasons", *([] if sensitive else SENSITIVE)})
    for name, value in values.items():
        setattr(row, name, value)
    if _answers(row, [r.value for r in data.reasons]) == before:
        return
    row.updated_at, row.updated_by_id = utc_now(), actor.id
    session.add(row)
    session.exec(delete(CaseIntakeReason).where(col(CaseIntakeReason.case_id) == case.id))
    session.add_all(CaseIntakeReason(case_id=case.id, reason=r) for r in data.reasons)
    # The timeline says that it was recorded, never what: the answers are the person's.
    record_event(
        case,
        "intake_recorded",
        f"The intake was recorded by {actor.role_in_words}.",
        session=session,
        actor_id=actor.id,
    )
    session.flush()
