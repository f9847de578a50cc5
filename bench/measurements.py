"""Timed samples: one at a time (median, nearest-rank p90) or under concurrent clients."""

import math
import statistics
import threading
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


@dataclass
class Load:
    """One app under concurrent clients: every request's latency and the wall time they took."""

    label: str
    latencies: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    errors: int = 0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def percentile(self, fraction: float) -> float:
        """Nearest-rank percentile of the latencies."""
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]

    def add(self, other: "Load") -> None:
        """Pool another round of the same app into this one."""
        self.latencies += other.latencies
        self.elapsed += other.elapsed
        self.errors += other.errors


def hammer(
    url: str, headers: dict[str, str], *, clients: int, requests: int, max_seconds: float
) -> Load:
    """GET `url` `requests` times from `clients` keep-alive threads; stop early at `max_seconds`."""
    import httpx

    load = Load(url)
    tickets = iter(range(requests))
    lock = threading.Lock()
    deadline = time.monotonic() + max_seconds

    def client_loop() -> None:
        with httpx.Client(headers=headers, timeout=max_seconds) as client:
            while time.monotonic() < deadline:
                with lock:
                    if next(tickets, None) is None:
                        return
                start = time.perf_counter()
                try:
                    status = client.get(url).status_code
                except httpx.TransportError:  # a connection the server closed: an error, go on
                    status = 0
                took = time.perf_counter() - start
                with lock:
                    if status == 200:
                        load.latencies.append(took)
                    else:
                        load.errors += 1

    threads = [threading.Thread(target=client_loop) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    load.elapsed = time.perf_counter() - began
    return load


def print_loads(title: str, loads: list[Load], *, clients: int) -> None:
    """Throughput, p50 and p99 of each app under the same concurrent load."""
    width = max(len(x.label) for x in loads)
    print(f"\n{title} ({clients} concurrent clients)")
    print(f"  {'app':<{width}}  {'n':>6}  {'req/s':>7}  {'p50':>11}  {'p99':>11}  errors")
    for x in loads:
        p50, p99 = fmt(x.percentile(0.5)), fmt(x.percentile(0.99))
        print(
            f"  {x.label:<{width}}  {len(x.latencies):>6}  {x.rate:7.0f}  {p50}  {p99}  {x.errors}"
        )


def print_load_ratio(label: str, top: Load, bottom: Load) -> None:
    """Throughput and p99 of one app against another, with the goals of issue 7."""
    throughput, tail = top.rate / bottom.rate, top.percentile(0.99) / bottom.percentile(0.99)
    print(f"  ratio {label}: throughput {throughput:.2f}x (goal ≥ 0.8x), p99 {tail:.2f}x (≤ 1.5x)")
