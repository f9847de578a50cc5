"""Correcting a case's details and assigning its advisor, each with its timeline event."""

import uuid

from pydantic import BaseModel, ConfigDict, Field
from pydantic_extra_types.country import CountryAlpha2
from sqlmodel import Session

from casework.actors import Actor
from casework.errors import Forbidden, InvalidInput
from casework.models import Case, User
from casework.services.case_guides import attach_guides
from casework.services.cases import require_edit
from casework.services.timeline import record_event
from casework.stages import Edit
from casework.vocabulary import Role, Sector


class CaseUpdate(BaseModel):
    """The details to correct; a field left out keeps its value."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str | None = Field(default=None, min_length=3, max_length=200)
    sector: Sector | None = None
    country: CountryAlpha2 | None = Field(default=None, description="ISO 3166-1 alpha-2")
    summary: str | None = Field(default=None, min_length=1, max_length=10_000)


class AdvisorAssignment(BaseModel):
    """The advisor who follows the case from now on."""

    model_config = ConfigDict(extra="forbid")

    advisor_id: uuid.UUID


def edit_case(case: Case, data: CaseUpdate, actor: Actor, *, session: Session) -> Case:
    """Correct the case's details where the edits table allows it; an event names the fields.
    A new country or sector brings the guides that apply to it, and takes away the others."""
    require_edit(case, Edit.CASE_DETAILS, actor.role)
    wanted = data.model_dump(exclude_none=True, mode="json")
    changed = [name for name, value in wanted.items() if getattr(case, name) != value]
    if not changed:
        return case
    for name in changed:
        setattr(case, name, wanted[name])
    record_event(
        case,
        "case_edited",
        f"The case's {', '.join(changed)} {'was' if len(changed) == 1 else 'were'} corrected.",
        session=session,
        actor_id=actor.id,
        detail={"fields": changed},
    )
    if {"country", "sector"} & set(changed):
        attach_guides(case, session=session)
    return case


def assign_advisor(case: Case, data: AdvisorAssignment, actor: Actor, *, session: Session) -> Case:
    """A manager assigns or reassigns the case; an advisor may take an unassigned one."""
    require_edit(case, Edit.CASE_DETAILS, actor.role)
    if actor.role == Role.ADVISOR and (data.advisor_id != actor.id or case.advisor_id):
        raise Forbidden("An advisor may take an unassigned case for themself; a manager assigns.")
    advisor = session.get(User, data.advisor_id)
    if advisor is None or advisor.role != Role.ADVISOR or not advisor.is_active:
        raise InvalidInput("advisor_id", "no active advisor account has this id")
    if advisor.unit_id not in (None, case.unit_id):
        # They could not even see it: a case is followed by its own unit's advisors.
        raise InvalidInput("advisor_id", "no active advisor of the case's unit has this id")
    if case.advisor_id == advisor.id:
        return case
    case.advisor_id = advisor.id
    record_event(
        case,
        "advisor_assigned",
        f"{advisor.full_name} now advises the case.",
        session=session,
        actor_id=actor.id,
    )
    return case
