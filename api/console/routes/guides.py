"""The country guides: everyone signed in reads them (entrepreneurs, those in use); managers
write them, change them and retire them."""

import uuid
from functools import cache
from typing import Annotated, Any

import pycountry
from babel import Locale
from fastapi import APIRouter, Path, Query
from fastapi.responses import RedirectResponse, Response
from pydantic import Field
from pydantic_extra_types.country import CountryAlpha2
from pydantic_extra_types.language_code import LanguageAlpha2
from starlette import status
from starlette.datastructures import FormData

from api.console.forms import Filters, Problems, attempt, countries
from api.console.pages import reader_language
from api.console.session import PATH, CheckedForm
from api.console.visit import ConsoleVisit, Visit
from casework.actors import Action, is_allowed, require
from casework.errors import NotFound
from casework.models import CountryGuide
from casework.services.cases import today
from casework.services.guide_tasks import check_due_on, is_stale
from casework.services.guides import (
    GuideFilter,
    GuideInput,
    GuideUpdate,
    add_guide,
    guides_in_view,
    may_change_guide,
    update_guide,
    visible_guide,
)
from casework.services.units import list_units
from casework.vocabulary import GuideTopic, Language, Sector

router = APIRouter()

GuideId = Annotated[str, Path(max_length=64)]
# What a manager's form says of a guide, as the API's GuideInput and GuideUpdate name it.
_TEXTS = ("country", "sector", "topic", "title", "text", "language", "checked_on", "active")


class GuideFilters(Filters):
    """The directory's filters, as the API's GET /guides takes them; empty keeps every guide."""

    country: CountryAlpha2 | None = None
    sector: Sector | None = None
    topic: GuideTopic | None = None
    language: LanguageAlpha2 | None = None
    stale: bool | None = None
    active: bool | None = None
    unit: str | None = Field(default=None, max_length=32)

    def kept(self) -> GuideFilter:
        """The service's filter."""
        return GuideFilter(
            country=self.country,
            sector=self.sector,
            topic=self.topic,
            language=self.language,
            active=self.active,
            stale=self.stale,
        )


@router.get("/guides")
def directory(filters: Annotated[GuideFilters, Query()], visit: ConsoleVisit) -> Response:
    """The guides the reader may read, by country, sector, topic and language."""
    require(Action.READ_GUIDES, visit.actor)
    return _directory(visit, filters, given={}, problems={})


@router.post("/guides")
def add(form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Write a guide (managers); the open cases it applies to gain it."""
    actor, session = visit.actor, visit.session
    require(Action.MANAGE_GUIDES, actor)
    given = _given(form, every_field=False)
    guide = GuideInput.model_validate
    written, problems = attempt(lambda: add_guide(guide(given), actor, session=session))
    if written is None:
        problems = _by_field(problems, given)
        return _directory(visit, GuideFilters(), given, problems)
    return RedirectResponse(f"{PATH}/guides/{written.id}?notice=added", status.HTTP_303_SEE_OTHER)


@router.get("/guides/{guide_id}")
def guide_page(guide_id: GuideId, visit: ConsoleVisit) -> Response:
    """One guide, whole: its text, its sources, and when its facts were last checked."""
    require(Action.READ_GUIDES, visit.actor)
    guide = visible_guide(guide_key(guide_id), visit.actor, session=visit.session)
    return _guide(visit, guide, given={}, problems={})


@router.post("/guides/{guide_id}")
def change(guide_id: GuideId, form: CheckedForm, visit: ConsoleVisit) -> Response:
    """Change a guide, or retire it or put it back in use (managers: the PATCH of the API,
    with only what the form changed)."""
    actor, session = visit.actor, visit.session
    require(Action.MANAGE_GUIDES, actor)
    guide = visible_guide(guide_key(guide_id), actor, session=session)
    given = _given(form, every_field=True)
    changed, problems = attempt(
        lambda: update_guide(guide.id, _changes(guide, given), actor, session=session)
    )
    if changed is None:
        problems = _by_field(problems, given)
        return _guide(visit, guide, given=given, problems=problems)
    notice = {"false": "retired", "true": "restored"}.get(str(given.get("active")), "saved")
    url = f"{PATH}/guides/{guide.id}?notice={notice}"
    return RedirectResponse(url, status.HTTP_303_SEE_OTHER)


def guide_key(text: str) -> uuid.UUID:
    """The guide id in the address; a malformed one reads like a guide that does not exist."""
    try:
        return uuid.UUID(text)
    except ValueError:
        raise NotFound("No guide with this id.") from None


def paragraphs(text: str) -> list[str]:
    """A guide's text as the paragraphs its writer left blank lines between (shown as text)."""
    blocks = text.replace("\r\n", "\n").split("\n\n")
    return [block.strip("\n") for block in blocks if block.strip()]


@cache
def languages(language: Language) -> list[tuple[str, str]]:
    """Every ISO 639-1 language a guide may be written in, as (code, name in `language`)."""
    names = Locale.parse(language.value).languages
    codes = {found.alpha_2 for found in pycountry.languages if hasattr(found, "alpha_2")}
    return sorted(((c, names.get(c, c)) for c in codes), key=lambda pair: pair[1].casefold())


def _given(form: FormData, *, every_field: bool) -> dict[str, Any]:
    """The guide as the form gives it: left-out fields are not given; a new guide's blank
    fields are not given either, while a change's blank sector means every sector."""
    given: dict[str, Any] = {}
    for name in (*_TEXTS, "unit"):
        value = str(form.get(name, ""))
        if name in form and (value.strip() or every_field):
            given[name] = value
    if every_field:
        given.pop("unit", None)
        if given.get("sector") == "":
            given["sector"] = None
    if "sources" in form:
        given["sources"] = [line.strip() for line in str(form["sources"]).splitlines()]
        given["sources"] = [line for line in given["sources"] if line]
    if "is_example" in form:
        given["is_example"] = form.getlist("is_example")[-1] == "true"
    return given


def _changes(guide: CountryGuide, given: dict[str, Any]) -> GuideUpdate:
    """What the form changes of the guide, and nothing it left as it was: a checked-on day
    given again unchanged does not make its sender the guide's checker."""
    asked = GuideUpdate.model_validate(given).model_dump(mode="json", exclude_unset=True)
    now = guide.model_dump(mode="json", warnings=False)
    return GuideUpdate.model_validate({k: v for k, v in asked.items() if v != now.get(k)})


def _by_field(problems: Problems, given: dict[str, Any]) -> Problems:
    """Each problem under the field it concerns: a source's, under the sources, naming it."""
    found: Problems = {}
    for name, said in problems.items():
        field, _, index = name.partition(".")
        if field == "sources" and index.isdigit() and int(index) < len(given.get("sources", [])):
            said = f"{given['sources'][int(index)]}: {said}"
        found.setdefault(field, said)
    return found


def _choices(visit: Visit) -> dict[str, Any]:
    """The lists a guide's fields choose from."""
    programme_staff = visit.actor.is_programme_staff
    named = languages(reader_language(visit.request))
    return {
        "countries": countries(reader_language(visit.request)),
        "languages": named,
        "language_names": dict(named),
        "sectors": list(Sector),
        "topics": list(GuideTopic),
        "units": list_units(session=visit.session) if programme_staff else [],
        "today": today(),
    }


def _directory(
    visit: Visit, filters: GuideFilters, given: dict[str, Any], problems: Problems
) -> Response:
    actor = visit.actor
    found = guides_in_view(actor, filters.kept(), session=visit.session, unit=filters.unit)
    day = today()
    context = {
        "guides": found,
        "stale": {guide.id for guide in found if is_stale(guide, day)},
        "filters": filters,
        "staff": actor.is_staff,
        "manages": is_allowed(Action.MANAGE_GUIDES, actor),
        "given": given,
        "problems": problems,
        "notice": visit.notice,
        **_choices(visit),
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("guides.html.j2", context, status_code=code)


def _guide(
    visit: Visit, guide: CountryGuide, *, given: dict[str, Any], problems: Problems
) -> Response:
    actor = visit.actor
    shown = {**guide.model_dump(mode="json", warnings=False), **given}
    context = {
        "guide": guide,
        "paragraphs": paragraphs(guide.text),
        "stale": is_stale(guide, today()),
        "due_on": check_due_on(guide),
        "staff": actor.is_staff,
        "changes": may_change_guide(guide, actor),
        "given": shown,
        "problems": problems,
        "notice": visit.notice,
        **_choices(visit),
    }
    code = status.HTTP_422_UNPROCESSABLE_CONTENT if problems else status.HTTP_200_OK
    return visit.page("guide.html.j2", context, status_code=code)
