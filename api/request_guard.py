"""The door every request passes: a bounded body, and JSON text the store can hold.

An ASGI middleware, so that one check covers every route. It refuses, before any
route sees them, a body past the configured size (413) and, in JSON or form bodies,
what Python's decoders accept but nothing downstream can handle: `NaN` and
`Infinity` (and numbers so large they become infinite), lone surrogates (they
cannot be encoded to UTF-8 for an answer or the store) and NUL characters
(PostgreSQL cannot store them). Those are 422s naming the field.
"""

import json
import math
from collections.abc import Iterator
from typing import Any
from urllib.parse import parse_qsl

from starlette.datastructures import Headers
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import validation_answer
from casework.settings import get_settings

Location = list[str | int]
# Far deeper than any body casework takes (a plan is 4 levels), far below Python's stack.
MAX_DEPTH = 32
_TOO_DEEP = f"JSON nested deeper than {MAX_DEPTH} levels is refused."
_METHODS_WITH_BODIES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class _NotAJSONNumber(str):
    """`NaN`, `Infinity` or `-Infinity` where JSON wants a number; kept to say where it was."""


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored, or None."""
    if "\x00" in text:
        return "Text may not contain NUL characters."
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "Text may not contain lone surrogate characters (\\ud800-\\udfff)."
    return None


def _problems(value: Any, loc: Location) -> Iterator[tuple[Location, str]]:
    if isinstance(value, str) and not isinstance(value, _NotAJSONNumber):
        problem = text_problem(value)
        if problem:
            yield loc, problem
    elif isinstance(value, _NotAJSONNumber) or (
        isinstance(value, float) and not math.isfinite(value)
    ):
        yield loc, "Numbers must be finite: NaN, Infinity and overflowing numbers are refused."
    elif isinstance(value, dict | list) and len(loc) > MAX_DEPTH:
        yield loc, _TOO_DEEP
    elif isinstance(value, dict):
        for key, item in value.items():
            problem = text_problem(key)
            if problem:
                yield [*loc, "(a key)"], problem
            else:
                yield from _problems(item, [*loc, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _problems(item, [*loc, index])


def body_problems(body: bytes, content_type: str) -> list[tuple[Location, str]]:
    """What in a JSON or form body nothing downstream can handle; [] when all is well."""
    if content_type.startswith("application/x-www-form-urlencoded"):
        try:
            form = parse_qsl(body.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            return [(["body"], "The form is not UTF-8 text.")]
        return [found for key, value in form for found in _problems(value, ["body", key])]
    if not (content_type.startswith("application/json") or "+json" in content_type):
        return []
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return [(["body"], "The body is not UTF-8 text.")]
    try:
        document = json.loads(text, parse_constant=_NotAJSONNumber)
    except RecursionError:
        return [(["body"], _TOO_DEEP)]
    except ValueError:
        return []  # not JSON at all: FastAPI answers that itself, and echoes nothing
    return list(_problems(document, ["body"]))


class RequestGuard:
    """Refuse oversized bodies (413) and unstorable JSON or form text (422) for every route."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # Routes of other methods never read a body, so one sent to them is never read either.
        if scope["type"] != "http" or scope["method"] not in _METHODS_WITH_BODIES:
            await self.app(scope, receive, send)
            return
        limit = get_settings().max_request_bytes
        headers = Headers(scope=scope)
        declared = headers.get("content-length", "")
        body = None if declared.isdigit() and int(declared) > limit else await _read(receive, limit)
        if body is None:
            await _too_large(limit)(scope, receive, send)
            return
        problems = body_problems(body, headers.get("content-type", "")) if body else []
        if problems:
            errors = [{"loc": loc, "msg": msg, "type": "value_error"} for loc, msg in problems]
            await validation_answer(errors)(scope, receive, send)
            return
        await self.app(scope, _replay(body, receive), send)


async def _read(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes `limit` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if delivered:
            return await receive()
        delivered = True
        return {"type": "http.request", "body": body, "more_body": False}

    return replay


def _too_large(limit: int) -> Response:
    return JSONResponse(
        {"detail": f"The request body is larger than {limit:,} bytes; send less."},
        status_code=413,
    )
