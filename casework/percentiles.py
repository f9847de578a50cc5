"""Percentiles by the nearest rank, read from counted values.

Of n values sorted ascending, the p-th percentile is the ⌈p/100 × n⌉-th; the median is
the 50th (the lower middle value of an even count). The database counts how many times
each value occurs (a GROUP BY, whatever the number of cases); the rank is picked here
from those counts, so the rule is written once, for SQLite and PostgreSQL alike.
"""

from collections.abc import Iterable, Mapping


def nearest_rank(counts: Mapping[float, int], percent: int) -> float | None:
    """The value at the nearest rank for `percent` of the values counted; None when none."""
    total = sum(counts.values())
    if total == 0:
        return None
    rank = (total * percent + 99) // 100
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        if seen >= rank:
            return value
    raise AssertionError("unreachable: the ranks add up to the total")


def merged(parts: Iterable[Mapping[float, int]]) -> dict[float, int]:
    """The counts of several groups of values, as one group."""
    found: dict[float, int] = {}
    for part in parts:
        for value, count in part.items():
            found[value] = found.get(value, 0) + count
    return found
