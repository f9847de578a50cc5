"""Country guides: what a person should know before investing in their country of origin.

Managers keep them, per country (and optionally per sector) and topic, in a language,
with the day they were last checked; everyone signed in reads them. Like partners, a
guide is shared by the programme unless a unit keeps its own. A guide is never
deleted: `active: false` retires it, and it leaves the open cases it was on.
"""

import uuid
from dataclasses import dataclass, replace
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator
from pydantic_extra_types.country import CountryAlpha2
from pydantic_extra_types.language_code import LanguageAlpha2
from sqlmodel import Session, col, select

from casework.actors import Action, Actor, is_allowed
from casework.errors import Forbidden, NotFound
from casework.models import CountryGuide
from casework.models.columns import utc_now
from casework.partial_updates import given_or_left_out
from casework.services.case_guides import follow_guide_change, touch_cases_showing
from casework.services.cases import today
from casework.services.guide_tasks import is_stale, reconcile_guide_task
from casework.services.units import owning_unit, unit_in_view
from casework.vocabulary import GuideTopic, Role, Sector

_TEXT_MAX = 20_000


def _checked_by_now(day: date) -> date:
    if day > today():
        raise ValueError("a guide cannot have been checked on a day still to come")
    return day


class GuideInput(BaseModel):
    """A guide as a manager writes it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    country: CountryAlpha2 = Field(description="ISO 3166-1 alpha-2 code of the country")
    sector: Sector | None = Field(default=None, description="none: every sector")
    topic: GuideTopic
    title: str = Field(min_length=3, max_length=200)
    text: str = Field(min_length=1, max_length=_TEXT_MAX)
    sources: list[HttpUrl] = Field(
        default_factory=list, max_length=20, description="http(s) addresses, printed, never fetched"
    )
    language: LanguageAlpha2 = Field(description="ISO 639-1 code of the language it is written in")
    checked_on: date = Field(description="the day its facts were last checked")
    active: bool = True
    is_example: bool = False
    unit: str | None = Field(
        default=None,
        max_length=32,
        description="The code of the unit whose own guide it is; none: shared by the "
        "programme (a unit's manager writes their unit's own)",
    )

    _checked = field_validator("checked_on")(_checked_by_now)


# Fields a guide always has: leaving one out keeps it, null is refused.
_REQUIRED_ON_UPDATE = [
    *("country", "topic", "title", "text", "sources", "language", "checked_on"),
    *("active", "is_example"),
]


class GuideUpdate(BaseModel):
    """A change to a guide: only the fields given change; `sector: null` makes it apply to
    every sector; `active: false` retires it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    country: CountryAlpha2 | None = None
    sector: Sector | None = None
    topic: GuideTopic | None = None
    title: str | None = Field(default=None, min_length=3, max_length=200)
    text: str | None = Field(default=None, min_length=1, max_length=_TEXT_MAX)
    sources: list[HttpUrl] | None = Field(default=None, max_length=20)
    language: LanguageAlpha2 | None = None
    checked_on: date | None = None
    active: bool | None = None
    is_example: bool | None = None

    _required = field_validator(*_REQUIRED_ON_UPDATE)(given_or_left_out)

    _checked = field_validator("checked_on")(_checked_by_now)


@dataclass(frozen=True)
class GuideFilter:
    """Which guides to list; None means any."""

    country: str | None = None
    sector: str | None = None
    topic: GuideTopic | None = None
    language: str | None = None
    active: bool | None = None
    stale: bool | None = None
    # The unit whose view it is: the shared guides and its own; None: every guide.
    unit_id: uuid.UUID | None = None
    every_unit: bool = False


def add_guide(data: GuideInput, actor: Actor, *, session: Session) -> CountryGuide:
    """Write a guide (a unit's manager: their unit's own); it joins the open cases it applies to."""
    columns = data.model_dump(mode="json")
    columns["unit_id"] = owning_unit(
        columns.pop("unit"),
        actor,
        session=session,
        refusal="A unit's manager writes guides of their own unit only.",
    )
    columns["checked_on"] = data.checked_on
    guide = CountryGuide(**columns, checked_by_id=actor.id)
    session.add(guide)
    session.flush()
    follow_guide_change(guide, countries={guide.country}, session=session)
    reconcile_guide_task(guide, today(), session=session)
    return guide


def update_guide(
    guide_id: uuid.UUID, data: GuideUpdate, actor: Actor, *, session: Session
) -> CountryGuide:
    """Change the fields given; a new `checked_on` records the caller as its checker.

    A unit's manager changes their unit's own guides only: the shared ones are the
    programme's. The open cases of the guide's countries, before and after, gain or lose
    it as it now applies.
    """
    guide = visible_guide(guide_id, actor, session=session)
    if _programmes_own(guide, actor):
        raise Forbidden("Shared guides are the programme's managers' to change.")
    changes = data.model_dump(mode="json", exclude_unset=True)
    if "checked_on" in changes:
        changes["checked_on"] = data.checked_on
        guide.checked_by_id = actor.id
    countries = {guide.country, changes.get("country", guide.country)}
    for name, value in changes.items():
        setattr(guide, name, value)
    guide.updated_at = utc_now()
    session.add(guide)
    session.flush()
    follow_guide_change(guide, countries=countries, session=session)
    if changes.keys() & {"title", "topic", "language"}:
        touch_cases_showing(guide, session=session)
    reconcile_guide_task(guide, today(), session=session)
    return guide


def may_change_guide(guide: CountryGuide, actor: Actor) -> bool:
    """Whether `actor` may change the guide they read: a manager; a unit's manager, their
    unit's own guides only."""
    return is_allowed(Action.MANAGE_GUIDES, actor) and not _programmes_own(guide, actor)


def _programmes_own(guide: CountryGuide, actor: Actor) -> bool:
    """A shared guide, and a unit's staff: the programme's to change, not theirs."""
    return actor.unit_id is not None and guide.unit_id is None


def visible_guide(guide_id: uuid.UUID, actor: Actor, *, session: Session) -> CountryGuide:
    """The guide, if `actor` may read it: a shared one, or their unit's own (the programme's
    staff read every unit's); an entrepreneur reads active guides only."""
    guide = session.get(CountryGuide, guide_id)
    if guide is None or not _reads(actor, guide):
        raise NotFound("No guide with this id.")
    return guide


def _reads(actor: Actor, guide: CountryGuide) -> bool:
    if actor.role == Role.ENTREPRENEUR:
        return guide.active and guide.serves_unit(actor.unit_id)
    return actor.unit_id is None or guide.serves_unit(actor.unit_id)


def guides_in_view(
    actor: Actor, wanted: GuideFilter, *, session: Session, unit: str | None = None
) -> list[CountryGuide]:
    """The guides `wanted` admits among those `actor` reads: the programme's shared guides and
    their unit's own (the programme's staff: every unit's, or those unit `unit` reads); an
    entrepreneur reads active ones only, whatever they asked."""
    if actor.role == Role.ENTREPRENEUR:
        only = replace(wanted, unit_id=actor.unit_id, every_unit=False, active=True)
    else:
        unit_id = unit_in_view(actor, unit, session=session)
        only = replace(wanted, unit_id=unit_id, every_unit=unit_id is None)
    return list_guides(only, session=session)


def list_guides(only: GuideFilter, *, session: Session) -> list[CountryGuide]:
    """The guides the filter admits, by country, sector, topic and language."""
    query = select(CountryGuide)
    for column, value in (
        (CountryGuide.country, only.country),
        (CountryGuide.topic, only.topic),
        (CountryGuide.language, only.language),
        (CountryGuide.active, only.active),
    ):
        if value is not None:
            query = query.where(col(column) == value)
    if only.sector is not None:
        # A guide for every sector applies to this one too.
        query = query.where(
            (col(CountryGuide.sector) == only.sector) | col(CountryGuide.sector).is_(None)
        )
    if not only.every_unit:
        query = query.where(
            col(CountryGuide.unit_id).is_(None) | (col(CountryGuide.unit_id) == only.unit_id)
        )
    query = query.order_by(
        col(CountryGuide.country),
        col(CountryGuide.sector).is_not(None),
        col(CountryGuide.sector),
        col(CountryGuide.topic),
        col(CountryGuide.language),
        col(CountryGuide.title),
    )
    found = list(session.exec(query).all())
    if only.stale is not None:
        day = today()
        found = [g for g in found if is_stale(g, day) == only.stale]
    return found
