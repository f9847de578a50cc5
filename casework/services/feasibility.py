"""The feasibility study: seven sections and a conclusion."""

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from casework.actors import Actor
from casework.errors import Conflict, Forbidden, InvalidInput
from casework.models import Case, FeasibilityStudy
from casework.models.columns import utc_now
from casework.services.timeline import record_event
from casework.vocabulary import (
    FeasibilityConclusion,
    FeasibilitySection,
    Role,
    SectionStatus,
    Stage,
)


class SectionInput(BaseModel):
    """One section's text and how far along it is."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(default="", max_length=50_000)
    status: SectionStatus = SectionStatus.DRAFT


class FeasibilityInput(BaseModel):
    """The study's sections (any subset; the rest count as missing) and its conclusion."""

    model_config = ConfigDict(extra="forbid")

    sections: dict[FeasibilitySection, SectionInput] = Field(default_factory=dict)
    conclusion: FeasibilityConclusion = FeasibilityConclusion.PENDING


def complete_sections(data: FeasibilityInput) -> dict[str, dict[str, Any]]:
    """All seven sections, those not given marked missing."""
    return {
        key.value: (
            data.sections[key].model_dump(mode="json")
            if key in data.sections
            else {"text": "", "status": SectionStatus.MISSING.value}
        )
        for key in FeasibilitySection
    }


def save_feasibility(
    case: Case, data: FeasibilityInput, actor: Actor, *, session: Session
) -> FeasibilityStudy:
    """Save the study; only an advisor concludes it, and only once every section is complete."""
    if case.stage not in (Stage.RECEPTION, Stage.SUPPORT):
        raise Conflict("The feasibility study is closed: the case has left the support stage.")
    sections = complete_sections(data)
    study = session.get(FeasibilityStudy, case.id)
    conclusion = data.conclusion
    if actor.role == Role.ENTREPRENEUR:
        current = FeasibilityConclusion(
            study.conclusion if study else FeasibilityConclusion.PENDING
        )
        if conclusion not in (FeasibilityConclusion.PENDING, current):
            raise Forbidden("Only an advisor can conclude the feasibility study.")
        # The project leader's edits reopen the study; an unchanged save keeps the verdict.
        unchanged = study is not None and study.sections == sections
        conclusion = current if unchanged else FeasibilityConclusion.PENDING
    if conclusion != FeasibilityConclusion.PENDING:
        unfinished = [k for k, s in sections.items() if s["status"] != SectionStatus.COMPLETE]
        if unfinished:
            raise InvalidInput(
                "conclusion",
                f"a study can be concluded only when every section is complete; "
                f"not complete yet: {', '.join(unfinished)}",
            )
    if study is None:
        study = FeasibilityStudy(
            case_id=case.id, sections=sections, conclusion=conclusion, updated_by=actor.id
        )
    study.sections, study.conclusion = sections, conclusion
    study.updated_by, study.updated_at = actor.id, utc_now()
    session.add(study)
    record_event(
        case,
        "feasibility_saved",
        f"Feasibility study updated by the {actor.role.value}; conclusion: "
        f"{conclusion.value.replace('_', ' ')}.",
        session=session,
        actor_id=actor.id,
        detail={"statuses": {k: s["status"] for k, s in sections.items()}},
    )
    return study
