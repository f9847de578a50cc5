"""Conditional writes of a case: its version is its entity tag, and If-Match pins a write to one.

A case's version covers its whole record (`casework/models/case_version.py`), so it is
the validator of the case and of everything under `/cases/{case_id}`: answers that are
the case carry it as a strong `ETag: "<version>"` (RFC 9110), and a write anywhere under
the case may send it back in `If-Match`. A write whose If-Match names other versions is
refused with 412 and the current one; `*` always passes; no If-Match, no condition.

The check is exact: the version compared is the one the request's session loaded the
case at, which is also the one the ORM's UPDATE requires of the row, and the flows the
request runs in this process may write the case only from that version too
(`casework.database.expect_version`). So a write pinned to a version never lands on a
newer one: it is refused (412), or it clashes with the write that got there first (409).
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fastapi.responses import JSONResponse
from starlette.background import BackgroundTask
from starlette.datastructures import Headers

from casework.database import CaseMovedOn, expect_version
from casework.models import Case

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})

IF_MATCH = "If-Match"

# RFC 9110 §8.8.3: entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE; If-Match is "*" or a list.
_TAG = r'(W/)?"([\x21\x23-\x7e\x80-\xff]*)"'
_LIST = re.compile(rf"^(?:\s*,)*\s*{_TAG}(?:\s*,(?:\s*{_TAG})?)*\s*$")
_TAGS = re.compile(_TAG)
# The same grammar for the OpenAPI document (JSON Schema patterns are ECMA-262).
IF_MATCH_PATTERN = r'^(\*|(W/)?"[!#-~]*"([ \t]*,[ \t]*(W/)?"[!#-~]*")*)$'
EXPECTED_IF_MATCH = 'the case\'s ETag as answered, such as "3" (quoted), a list of them, or *'


class MalformedIfMatch(Exception):
    """The If-Match header is not `*` nor a list of entity tags."""


@dataclass(frozen=True)
class IfMatch:
    """What a request's If-Match asks: any current version (`*`), or one of `tags`."""

    any_version: bool
    # The opaque values of the strong tags; weak ones never match (strong comparison).
    tags: frozenset[str]

    def allows(self, version: int) -> bool:
        """Whether a case at `version` meets the condition."""
        return self.any_version or str(version) in self.tags


def read_if_match(headers: Headers) -> IfMatch | None:
    """The request's If-Match (its lines taken as one list), None without one."""
    lines = headers.getlist(IF_MATCH)
    if not lines:
        return None
    value = ", ".join(lines).strip()
    if value == "*":
        return IfMatch(any_version=True, tags=frozenset())
    if not _LIST.match(value):
        raise MalformedIfMatch  # never kept nor answered: a header is input
    tags = frozenset(opaque for weak, opaque in _TAGS.findall(value) if not weak)
    return IfMatch(any_version=False, tags=tags)


def require_if_match(case: Case, method: str, headers: Headers) -> None:
    """Refuse a write whose If-Match the case's loaded version does not meet (CaseMovedOn).

    A write it names a version for may then change the case only from that version,
    in this request's session and in the flows the request runs.
    """
    if method not in WRITES:
        return
    condition = read_if_match(headers)
    if condition is None:
        return
    if not condition.allows(case.version):
        raise CaseMovedOn(case.version)
    if not condition.any_version:
        expect_version(case.id, case.version)


def entity_tag(version: int) -> str:
    """The strong entity tag of a case at `version`."""
    return f'"{version}"'


class CaseAnswer(JSONResponse):
    """An answer whose body is a case: its version goes out as the ETag too."""

    def __init__(
        self,
        content: Any,
        status_code: int = 200,
        headers: Mapping[str, str] | None = None,
        media_type: str | None = None,
        background: BackgroundTask | None = None,
    ) -> None:
        super().__init__(content, status_code, headers, media_type, background)
        self.headers["ETag"] = entity_tag(content["version"])
