"""Rows of timed samples: taking them, their median and nearest-rank p90, printing them."""

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


def p90(samples: list[float]) -> float:
    """Nearest-rank 90th percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


@dataclass
class Row:
    """One measured thing: its samples in seconds."""

    label: str
    samples: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)


def fmt(seconds: float) -> str:
    """A duration in a fixed width: seconds from 1 s up, milliseconds below."""
    if seconds >= 1:
        return f"{seconds:8.3f} s "
    return f"{seconds * 1000:8.1f} ms"


def print_rows(title: str, rows: list[Row], *, show_samples: bool) -> None:
    """One section's table: n, median and p90 of each row (and every sample, if asked)."""
    width = max(len(r.label) for r in rows)
    print(f"\n{title}")
    print(f"  {'measure':<{width}}  {'n':>4}  {'median':>11}  {'p90':>11}")
    for row in rows:
        n, median, high = len(row.samples), fmt(row.median), fmt(p90(row.samples))
        print(f"  {row.label:<{width}}  {n:>4}  {median}  {high}")
        if show_samples:
            print("      samples (s): " + " ".join(f"{x:.3f}" for x in row.samples))


def print_ratio(label: str, top: Row, bottom: Row) -> None:
    """Median over median, as one line of the report."""
    print(f"  ratio {label}: {top.median / bottom.median:.1f}x (medians)")


def measure(
    label: str, func: Callable[[], Any], *, repeats: int, warmup: int, before: Callable[[], Any]
) -> Row:
    """Call `func` warmup + repeats times; `before()` (untimed) prepares each call."""
    row = Row(label)
    for i in range(warmup + repeats):
        before()
        start = time.perf_counter()
        func()
        elapsed = time.perf_counter() - start
        if i >= warmup:
            row.samples.append(elapsed)
    return row


def nothing() -> None:
    """No preparation before a call."""
