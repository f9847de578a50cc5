"""The OpenAPI document lists every answer a route can give, each with its body's shape.

Most answers follow from how a route is declared, so they are read from there
rather than written out per route: a signed-in caller can be refused (401), a
permission dependency can forbid (403) or not know the case (404), parameters
and bodies can be invalid (422), bodies can be too large (413), and writes to
the store can clash (409). A write under a case takes an If-Match header, which can be
malformed (400) or name a version the case has left (412); an answer that is a case
carries its ETag. Routes add what only they can answer in their own `responses`.
"""

from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import get_flat_params
from fastapi.routing import APIRoute
from fastapi.security import OAuth2PasswordBearer

from api.dependencies import open_request_session
from api.error_bodies import (
    ConflictAnswer,
    GateClosedAnswer,
    InvalidAnswer,
    PreconditionFailedAnswer,
    Refusal,
)
from api.permissions import CaseAccess, Permit
from api.preconditions import IF_MATCH, IF_MATCH_PATTERN, WRITES, CaseAnswer

_ETAG = {
    "ETag": {
        "description": 'The case\'s version as a strong entity tag, such as "3": send it '
        "back in If-Match to write only if the case has not changed since.",
        "schema": {"type": "string"},
    }
}

ANSWERS: dict[int, dict[str, Any]] = {
    400: {
        "model": InvalidAnswer,
        "description": "The If-Match header is malformed: it must be * or quoted entity tags.",
    },
    401: {"model": Refusal, "description": "Not signed in: the token is missing or invalid."},
    403: {"model": Refusal, "description": "The caller's role may not do this."},
    404: {"model": Refusal, "description": "No such thing, or the caller may not know of it."},
    409: {
        "model": ConflictAnswer | GateClosedAnswer,
        "description": "The request clashes with the stored state (a duplicate, a stale "
        "version, a closed stage); a stage move lists the unmet requirements.",
    },
    412: {
        "model": PreconditionFailedAnswer,
        "description": "The case is no longer at a version If-Match names: nothing was "
        "changed; the body and the ETag header give its current version.",
        "headers": _ETAG,
    },
    413: {"model": Refusal, "description": "The request body is too large."},
    422: {
        "model": InvalidAnswer,
        "description": "Invalid input: each field, why, and what is expected there.",
    },
    429: {
        "model": Refusal,
        "description": "Too many attempts; the Retry-After header says when to try again.",
    },
}

_IF_MATCH_PARAMETER = {
    "name": IF_MATCH,
    "in": "header",
    "required": False,
    "description": 'Write only if the case is still at this version: its ETag, such as "3" '
    "(or a list of them; * for any). Without it, the write is unconditional.",
    "schema": {"type": "string", "pattern": IF_MATCH_PATTERN},
    "example": '"3"',
}
# Writes that cannot clash: signing in only counts failed attempts, by upsert.
_NEVER_CLASH = frozenset({"sign_in"})


def answer(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The documented answers `codes`, for a route's own `responses`."""
    return {code: ANSWERS[code] for code in codes}


def _calls(dependant: Dependant) -> Iterator[Any]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _calls(sub)


def answers_of(route: APIRoute) -> set[int]:
    """The error answers `route` can give, read from its declaration."""
    calls = list(_calls(route.dependant))
    codes: set[int] = set()
    if any(isinstance(call, OAuth2PasswordBearer) for call in calls):
        codes.add(401)
    for call in calls:
        if isinstance(call, Permit | CaseAccess):
            codes.update(call.answers)
    # FastAPI's own rule: a route with any parameter or body can find it invalid.
    if route.body_field is not None or get_flat_params(route.dependant):
        codes.add(422)
    writes = bool((route.methods or set()) & WRITES)
    if writes and takes_if_match(route):
        codes.update({400, 412})
    if writes:
        codes.update({413, 422})  # the request guard reads every write's body
    uses_store = open_request_session in {sub.call for sub in route.dependant.dependencies}
    if writes and uses_store and route.name not in _NEVER_CLASH:
        codes.add(409)
    return codes


def takes_if_match(route: APIRoute) -> bool:
    """Whether `route` writes a case, so honours If-Match: its case comes from `CaseAccess`."""
    writes = bool((route.methods or set()) & WRITES)
    return writes and any(isinstance(call, CaseAccess) for call in _calls(route.dependant))


def document_answers(router: APIRouter) -> None:
    """Add to each of `router`'s routes every error answer it can give (before it is included).

    And the headers of conditional writes: the If-Match a case's writes take, and the
    ETag of the answers that are a case.
    """
    for route in router.routes:
        if isinstance(route, APIRoute):
            for code in sorted(answers_of(route)):
                route.responses.setdefault(code, ANSWERS[code])
            # Each app made documents the same routes again: each header is set, not added.
            if takes_if_match(route):
                extra = route.openapi_extra or {}
                others = [p for p in extra.get("parameters", []) if p["name"] != IF_MATCH]
                route.openapi_extra = {**extra, "parameters": [*others, _IF_MATCH_PARAMETER]}
            if route.response_class is CaseAnswer:
                code = route.status_code or 200
                route.responses[code] = {**route.responses.get(code, {}), "headers": _ETAG}
