"""Who wrote what in an investment plan: diffs between versions, and each author's share.

Pure functions over plan bodies (plain JSON). Every figure (numeric value) of the
current version is credited to the author of the version that last changed it,
so an entrepreneur who keeps an advisor's figures keeps the advisor's authorship
of them. Labels, codes and empty values are not figures and count for no one.
"""

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from casework.vocabulary import Role

Path = str


@dataclass(frozen=True)
class Change:
    """One value that differs between two versions (None where it does not exist)."""

    path: Path
    before: Any
    after: Any


@dataclass(frozen=True)
class Authorship:
    """How much of the current version each side wrote, as shares of its figures."""

    values: int
    by_entrepreneur: int
    by_advisor: int

    @property
    def advisor_share(self) -> float:
        """The advisors' share of the plan's values, from 0 to 1."""
        return self.by_advisor / self.values if self.values else 0.0

    @property
    def entrepreneur_share(self) -> float:
        """The entrepreneur's share of the plan's values, from 0 to 1."""
        return self.by_entrepreneur / self.values if self.values else 0.0


def leaves(body: Any, prefix: Path = "") -> Iterator[tuple[Path, Any]]:
    """Every leaf value of a JSON body with its path, like `financing[1].interest_rate`."""
    if isinstance(body, dict):
        for key in sorted(body):
            yield from leaves(body[key], f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(body, list):
        for index, item in enumerate(body):
            yield from leaves(item, f"{prefix}[{index}]")
    else:
        yield prefix, body


def diff(before: Any, after: Any) -> list[Change]:
    """The values that differ between two bodies, in path order."""
    old, new = dict(leaves(before)), dict(leaves(after))
    return [
        Change(path, old.get(path), new.get(path))
        for path in sorted(old.keys() | new.keys())
        if old.get(path) != new.get(path) or (path in old) != (path in new)
    ]


def authorship(versions: Sequence[tuple[Role, Any]]) -> Authorship:
    """Credit each value of the last version to whoever last changed it, oldest version first."""
    credit: dict[Path, Role] = {}
    previous: dict[Path, Any] = {}
    for role, body in versions:
        current = dict(leaves(body))
        for path, value in current.items():
            if path not in previous or previous[path] != value:
                credit[path] = role
        previous = current
    kept = [credit[path] for path, value in previous.items() if _is_figure(value)]
    return Authorship(
        values=len(kept),
        by_entrepreneur=sum(role == Role.ENTREPRENEUR for role in kept),
        by_advisor=sum(role != Role.ENTREPRENEUR for role in kept),
    )


def _is_figure(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
