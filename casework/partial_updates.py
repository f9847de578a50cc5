"""The rule every PATCH body keeps: a field left out keeps its value; null clears it only
where the field may be empty."""

from typing import Any


def given_or_left_out(value: Any) -> Any:
    """A field validator for the fields a record always has: null is refused, saying how
    to keep the value."""
    if value is None:
        raise ValueError("may not be null; leave the field out to keep its value")
    return value
