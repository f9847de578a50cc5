"""The status view's answers, kept per case version: a repeated read costs one row's read.

Entrepreneurs and staff ask for a case's status far more often than the case changes.
The answer depends on the case's record, the day, and whether the reader may know what
the person intends, and any change to the
record moves the case's version (`casework/models/case_version.py`), so an answer kept
under (case, version, day) is exact for as long as that key stands: the permission
check has already read the case's current version, and a hit costs no other statement
and no validation. Each process keeps its own; the newest answers are kept, at most
`_KEPT` of them.
"""

import threading
import uuid
from collections import OrderedDict
from datetime import date

_KEPT = 10_000

# The case, its version, the day, its move under way (scaled mode) if any, and whether
# the reader may know what the person intends.
Key = tuple[uuid.UUID, int, date, str | None, bool]

_answers: OrderedDict[Key, bytes] = OrderedDict()
_lock = threading.Lock()


def kept_answer(key: Key) -> bytes | None:
    """The answer kept under `key`, if any."""
    with _lock:
        answer = _answers.get(key)
        if answer is not None:
            _answers.move_to_end(key)
        return answer


def keep_answer(key: Key, answer: bytes) -> None:
    """Keep `answer` under `key`, forgetting the least recently read past `_KEPT`."""
    with _lock:
        _answers[key] = answer
        _answers.move_to_end(key)
        while len(_answers) > _KEPT:
            _answers.popitem(last=False)
