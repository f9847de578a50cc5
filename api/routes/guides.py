"""Country guides: the directory managers keep, and the guides on each case."""

import uuid
from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query, status
from pydantic import Field
from pydantic_extra_types.country import CountryAlpha2
from pydantic_extra_types.language_code import LanguageAlpha2

from api.dependencies import ActorDep, SessionDep
from api.openapi_answers import answer
from api.permissions import case_with, permit
from api.schemas import Public
from casework.actors import Action
from casework.models import Case, CountryGuide
from casework.services.case_guides import (
    GuideChoice,
    GuideOnCase,
    GuideRemoval,
    add_guide_to_case,
    guides_on,
    remove_guide_from_case,
)
from casework.services.cases import today
from casework.services.guide_tasks import check_due_on, is_stale
from casework.services.guides import (
    GuideFilter,
    GuideInput,
    GuideUpdate,
    add_guide,
    guides_in_view,
    update_guide,
    visible_guide,
)
from casework.vocabulary import GuideTopic, Sector

router = APIRouter(tags=["guides"])


class GuidePublic(Public):
    id: uuid.UUID
    country: str
    sector: str | None = Field(description="null: every sector of the country")
    topic: str
    title: str
    text: str
    sources: list[str] = Field(description="where its facts come from; never fetched")
    language: str
    checked_on: date
    checked_by_id: uuid.UUID | None
    check_due_on: date = Field(description="after this day the guide is stale")
    stale: bool = Field(description="its last check is older than the unit allows")
    active: bool
    is_example: bool
    unit_id: uuid.UUID | None = Field(description="The unit whose own guide it is; null: shared.")
    updated_at: datetime


class CaseGuidePublic(Public):
    guide: GuidePublic
    attached: str = Field(description="automatic (it applies to the case) or advisor")
    attached_at: datetime
    attached_by: str | None = Field(description="the advisor who added it; null: automatic")
    note: str | None = Field(description="the advisor's words on adding or removing it")
    removed_at: datetime | None = Field(description="staff only see guides taken off")
    removed_by: str | None


def _public(guide: CountryGuide, on: date) -> GuidePublic:
    return GuidePublic.model_validate(
        {
            **GuidePublic.fields_of(guide),
            "check_due_on": check_due_on(guide),
            "stale": is_stale(guide, on),
        }
    )


def _on_case(found: GuideOnCase, on: date) -> CaseGuidePublic:
    link = found.link
    return CaseGuidePublic(
        guide=_public(found.guide, on),
        attached=link.attached,
        attached_at=link.attached_at,
        attached_by=found.attached_by,
        note=link.note,
        removed_at=link.removed_at,
        removed_by=found.removed_by,
    )


@router.get("/guides", response_model=list[GuidePublic], dependencies=[permit(Action.READ_GUIDES)])
def guides(
    actor: ActorDep,
    session: SessionDep,
    country: Annotated[CountryAlpha2 | None, Query(description="ISO 3166-1 alpha-2")] = None,
    sector: Annotated[
        Sector | None, Query(description="guides for this sector, and for every sector")
    ] = None,
    topic: GuideTopic | None = None,
    language: Annotated[LanguageAlpha2 | None, Query(description="ISO 639-1")] = None,
    stale: Annotated[
        bool | None, Query(description="only those past (or within) their age")
    ] = None,
    active: Annotated[bool | None, Query(description="staff: retired ones too (false)")] = None,
    unit: Annotated[
        str | None, Query(max_length=32, description="a unit's code: the guides it reads")
    ] = None,
) -> object:
    """The country guides, filtered by country, sector, topic, language and age.

    Everyone reads the programme's shared guides and their unit's own (the programme's
    staff, every unit's, or those unit `unit` reads); entrepreneurs read active ones only.
    """
    only = GuideFilter(
        country=str(country) if country else None,
        sector=sector,
        topic=topic,
        language=str(language) if language else None,
        active=active,
        stale=stale,
    )
    day = today()
    return [_public(g, day) for g in guides_in_view(actor, only, session=session, unit=unit)]


@router.get(
    "/guides/{guide_id}",
    response_model=GuidePublic,
    dependencies=[permit(Action.READ_GUIDES)],
    responses=answer(404),
)
def guide(guide_id: uuid.UUID, actor: ActorDep, session: SessionDep) -> object:
    """One guide, whole: its text and sources."""
    return _public(visible_guide(guide_id, actor, session=session), today())


@router.post(
    "/guides",
    status_code=status.HTTP_201_CREATED,
    response_model=GuidePublic,
    dependencies=[permit(Action.MANAGE_GUIDES)],
)
def post_guide(body: GuideInput, actor: ActorDep, session: SessionDep) -> object:
    """Write a guide (managers): shared by the programme, or a unit's own (`unit`; a unit's
    manager always writes their unit's own). The open cases it applies to gain it."""
    return _public(add_guide(body, actor, session=session), today())


@router.patch(
    "/guides/{guide_id}",
    response_model=GuidePublic,
    dependencies=[permit(Action.MANAGE_GUIDES)],
    responses=answer(404),
)
def patch_guide(
    guide_id: uuid.UUID, body: GuideUpdate, actor: ActorDep, session: SessionDep
) -> object:
    """Change a guide (managers; a unit's manager, their unit's own); a new `checked_on`
    records the caller as its checker and closes its stale-guide task; `active: false`
    retires it from the open cases it was on."""
    return _public(update_guide(guide_id, body, actor, session=session), today())


@router.get("/cases/{case_id}/guides", response_model=list[CaseGuidePublic])
def case_guides(
    case: Annotated[Case, case_with(Action.READ_CASE)], actor: ActorDep, session: SessionDep
) -> object:
    """The country guides on the case (staff see those taken off too, with why)."""
    day = today()
    found = guides_on(case, session=session, with_removed=actor.is_staff)
    return [_on_case(g, day) for g in found]


@router.post(
    "/cases/{case_id}/guides",
    status_code=status.HTTP_201_CREATED,
    response_model=list[CaseGuidePublic],
)
def add_case_guide(
    body: GuideChoice,
    case: Annotated[Case, case_with(Action.CHOOSE_GUIDES)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Put a guide on the case (advisors), with a note for the entrepreneur; the case's
    guides."""
    add_guide_to_case(case, body, actor, session=session)
    day = today()
    return [_on_case(g, day) for g in guides_on(case, session=session, with_removed=True)]


@router.post("/cases/{case_id}/guides/{guide_id}/removal", response_model=list[CaseGuidePublic])
def remove_case_guide(
    guide_id: uuid.UUID,
    body: GuideRemoval,
    case: Annotated[Case, case_with(Action.CHOOSE_GUIDES)],
    actor: ActorDep,
    session: SessionDep,
) -> object:
    """Take a guide off the case (advisors), saying why; it does not come back by itself.
    The case's guides."""
    remove_guide_from_case(case, guide_id, body, actor, session=session)
    day = today()
    return [_on_case(g, day) for g in guides_on(case, session=session, with_removed=True)]
