"""The shapes of the API's error answers, as the OpenAPI document gives them to clients."""

from pydantic import BaseModel, Field


class Refusal(BaseModel):
    """401, 403, 404, 413, 429: a sentence saying why."""

    detail: str


class ConflictAnswer(BaseModel):
    """409: the request clashes with the stored state; `field` names the input that clashes."""

    detail: str
    field: str | None = None


class PreconditionFailedAnswer(BaseModel):
    """412: the case is no longer at a version the If-Match header names."""

    detail: str
    field: str = Field(description="The header whose condition failed: If-Match.")
    current_version: int = Field(description="The case's version now, also its ETag.")


class Unmet(BaseModel):
    """The requirements of a closed stage gate, in sentences."""

    unmet: list[str]


class GateClosedAnswer(BaseModel):
    """409 on a stage move: the gate is closed."""

    detail: Unmet


class FieldError(BaseModel):
    """One field's problem: where it is, why, and what is expected there (never the input)."""

    loc: list[str | int] = Field(description="Where: body, query or path, then the field's path.")
    msg: str
    type: str
    expected: str | None = None


class InvalidAnswer(BaseModel):
    """422 (400 for a malformed If-Match header): each field's problem."""

    detail: list[FieldError]
