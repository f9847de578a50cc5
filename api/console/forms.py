"""Reading a console form into the same input models the API takes, and saying what is wrong
with it next to each field."""

import uuid
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any, TypeVar

import pycountry
from babel import Locale
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from sqlmodel import Session

from api.errors import field_error
from casework.errors import Conflict, InvalidInput, NotFound
from casework.vocabulary import Language

Model = TypeVar("Model", bound=BaseModel)
Written = TypeVar("Written")
Problems = dict[str, str]


class Filters(BaseModel):
    """A page's filters as its GET form sends them: an empty choice keeps every case."""

    model_config = ConfigDict(extra="ignore")

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if value == "" else value


class FormProblems(Exception):
    """What is wrong with a form, field by field (`""`: the form as a whole)."""

    def __init__(self, problems: Problems) -> None:
        super().__init__(problems)
        self.problems = problems


def read_form(model: type[Model], form: Mapping[str, Any], *, fields: tuple[str, ...]) -> Model:
    """`model` from the form's `fields` (left-out and blank fields are not given); or
    FormProblems naming each field's problem as the API would."""
    given = filled(form, fields)
    try:
        return model.model_validate(given)
    except ValidationError as error:
        raise FormProblems(problems_of(error)) from None


def filled(form: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """The form's fields `names` that were filled in: a blank one is left out, as the API
    takes a field not given."""
    return {name: str(form[name]) for name in names if str(form.get(name, "")).strip()}


def problems_of(error: ValidationError) -> Problems:
    """Each field's problem in a sentence, as the API's 422 says it."""
    problems: Problems = {}
    for raw in error.errors():
        problem = field_error(dict(raw))
        name = ".".join(str(part) for part in problem.loc)
        problems.setdefault(name, problem.msg)
    return problems


def attempt(write: Callable[[], Written]) -> tuple[Written | None, Problems]:
    """Run `write` (a form's input read into its model and given to its service): what it
    wrote, or what is wrong with the input, field by field, as the API's 422 would say it."""
    try:
        return write(), {}
    except ValidationError as wrong:
        return None, problems_of(wrong)
    except InvalidInput as wrong:
        return None, {wrong.field: wrong.reason}


def attempt_or_clash(
    write: Callable[[], Written], session: Session
) -> tuple[Written | None, Problems]:
    """`attempt`, with a clash (an email or a name taken, one's own role) said on the form as
    well; a refused write leaves nothing behind in the request's session."""
    try:
        written, problems = attempt(write)
    except Conflict as clash:
        written, problems = None, {clash.field or "": str(clash)}
    if problems:
        session.rollback()
    return written, problems


def known_id(text: str, what: str) -> uuid.UUID:
    """The id in the address; a malformed one reads like a record that does not exist."""
    try:
        return uuid.UUID(text)
    except ValueError:
        raise NotFound(f"No {what} with this id.") from None


@cache
def countries(language: Language) -> list[tuple[str, str]]:
    """Every country a case may be about, as (code, name in `language`), by name."""
    names = Locale.parse(language.value).territories
    codes = [c for c in names if isinstance(c, str) and pycountry.countries.get(alpha_2=c)]
    return sorted(((code, names[code]) for code in codes), key=lambda pair: pair[1])
