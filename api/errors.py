"""Turning casework's refusals into HTTP answers in FastAPI's `{"detail": ...}` shape.

No error answer ever repeats the request's input: a 422 names the field, the
reason and what is expected, so an answer can never be larger than a sentence
per field, can never fail to serialise, and never echoes a rejected password.
"""

from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from api.error_bodies import FieldError
from api.preconditions import EXPECTED_IF_MATCH, IF_MATCH, MalformedIfMatch, entity_tag
from casework.database import CaseMovedOn
from casework.errors import (
    Conflict,
    Forbidden,
    GateClosed,
    Gone,
    InvalidInput,
    NotFound,
    NotReady,
)

_LONGEST_MESSAGE = 300

# What a field of this error type should hold, in words.
_EXPECTED_BY_TYPE = {
    "missing": "a value: this field is required",
    "extra_forbidden": "no such field: remove it",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "text",
    "uuid_type": "a UUID",
    "uuid_parsing": "a UUID",
    "date_type": "a date, YYYY-MM-DD",
    "date_parsing": "a date, YYYY-MM-DD",
    "date_from_datetime_parsing": "a date, YYYY-MM-DD",
    "list_type": "a list",
    "dict_type": "an object",
    "model_type": "an object",
    "model_attributes_type": "an object",
    "json_invalid": "a JSON document",
    "json_type": "a JSON document",
}

# The same, from the bound the field's schema sets (pydantic's error context).
_EXPECTED_BY_BOUND = {
    "ge": "at least {}",
    "gt": "more than {}",
    "le": "at most {}",
    "lt": "less than {}",
    "min_length": "at least {} characters or items",
    "max_length": "at most {} characters or items",
    "expected": "one of {}",
    "pattern": "text matching {}",
    "multiple_of": "a multiple of {}",
}


def field_error(error: dict[str, Any]) -> FieldError:
    """One validation error as the API answers it: where, why and what is expected, no input."""
    context = error.get("ctx") or {}
    expected = next(
        (
            template.format(context[bound])
            for bound, template in _EXPECTED_BY_BOUND.items()
            if bound in context and isinstance(context[bound], str | int | float)
        ),
        _EXPECTED_BY_TYPE.get(str(error.get("type"))),
    )
    return FieldError(
        loc=[part if isinstance(part, int) else str(part) for part in error.get("loc", ())],
        msg=str(error.get("msg", "invalid value"))[:_LONGEST_MESSAGE],
        type=str(error.get("type", "value_error")),
        expected=expected,
    )


def validation_answer(errors: Sequence[dict[str, Any]]) -> JSONResponse:
    """A 422 listing each field's problem, never its input."""
    detail = [field_error(error).model_dump(exclude_none=True) for error in errors]
    return JSONResponse({"detail": detail}, status.HTTP_422_UNPROCESSABLE_CONTENT)


def install_error_handlers(app: FastAPI) -> None:
    """Register one handler per kind of refusal."""

    @app.exception_handler(RequestValidationError)
    async def _invalid_request(_: Request, exc: RequestValidationError) -> JSONResponse:
        return validation_answer(exc.errors())

    @app.exception_handler(InvalidInput)
    async def _invalid(_: Request, exc: InvalidInput) -> JSONResponse:
        loc = [exc.location, *exc.field.split(".")]
        return validation_answer([{"loc": loc, "msg": exc.reason, "type": "value_error"}])

    @app.exception_handler(NotFound)
    async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status.HTTP_404_NOT_FOUND)

    @app.exception_handler(Gone)
    async def _gone(_: Request, exc: Gone) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status.HTTP_410_GONE)

    @app.exception_handler(Forbidden)
    async def _forbidden(_: Request, exc: Forbidden) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status.HTTP_403_FORBIDDEN)

    @app.exception_handler(Conflict)
    async def _conflict(_: Request, exc: Conflict) -> JSONResponse:
        body: dict[str, Any] = {"detail": str(exc)}
        if exc.field:
            body["field"] = exc.field
        return JSONResponse(body, status.HTTP_409_CONFLICT)

    @app.exception_handler(CaseMovedOn)
    async def _moved_on(_: Request, exc: CaseMovedOn) -> JSONResponse:
        body = {"detail": str(exc), "field": IF_MATCH, "current_version": exc.current_version}
        headers = {"ETag": entity_tag(exc.current_version)}
        return JSONResponse(body, status.HTTP_412_PRECONDITION_FAILED, headers=headers)

    @app.exception_handler(MalformedIfMatch)
    async def _malformed(_: Request, _exc: MalformedIfMatch) -> JSONResponse:
        problem = FieldError(
            loc=["header", IF_MATCH],
            msg="If-Match is neither * nor a list of quoted entity tags.",
            type="value_error",
            expected=EXPECTED_IF_MATCH,
        )
        return JSONResponse({"detail": [problem.model_dump()]}, status.HTTP_400_BAD_REQUEST)

    @app.exception_handler(NotReady)
    async def _not_ready(_: Request, exc: NotReady) -> JSONResponse:
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else None
        return JSONResponse({"detail": str(exc)}, status.HTTP_409_CONFLICT, headers=headers)

    @app.exception_handler(GateClosed)
    async def _gate_closed(_: Request, exc: GateClosed) -> JSONResponse:
        return JSONResponse({"detail": {"unmet": exc.unmet}}, status.HTTP_409_CONFLICT)
