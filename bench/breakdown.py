"""The instrumented pass: timing wrappers on a transition's steps, and its breakdown table."""

import functools
import inspect
import statistics
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from measurements import fmt, p90


class StepClock:
    """Timing wrappers patched onto attributes for the breakdown pass only, then undone."""

    def __init__(self) -> None:
        self.samples: dict[str, list[float]] = defaultdict(list)
        self._lock = threading.Lock()
        self._undo: list[tuple[Any, str, Any]] = []

    def _record(self, label: str, elapsed: float) -> None:
        if label == SSL_CONTEXT and threading.current_thread().name.startswith(PRINTER):
            label = f"{label} [{PRINTER}]"
        with self._lock:
            self.samples[label].append(elapsed)

    def wrap(self, owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name)
        record = self._record

        if inspect.iscoroutinefunction(original):

            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                start = time.perf_counter()
                try:
                    return await original(*args, **kwargs)
                finally:
                    record(label, time.perf_counter() - start)

            replacement: Any = timed_async
        else:

            def timed(*args: Any, **kwargs: Any) -> Any:
                start = time.perf_counter()
                try:
                    return original(*args, **kwargs)
                finally:
                    record(label, time.perf_counter() - start)

            replacement = timed
        if inspect.isfunction(original):
            # Prefect reads a task body's signature and source through __wrapped__.
            functools.update_wrapper(replacement, original)
        self._undo.append((owner, name, original))
        setattr(owner, name, replacement)

    def undo(self) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)
        self._undo.clear()

    def reset(self) -> None:
        self.samples.clear()


FLOW_RUN = "flow run enter-support, whole (asyncio.run)"
PREFLIGHT = "pre-flight gate check (launcher, request thread)"
COMMIT = "commit: gate, move, event, dossier data (one transaction)"
KEEP_MOMENT = "keep_moment: gather the dossier, keep each copy's data"
SSL_CONTEXT = "ssl context of a new Prefect API client"
PRINT_RUN = "render-dossier flow run, whole (printing thread)"
PRINT_RENDER = "render_dossier, each copy (Jinja + WeasyPrint)"
PRINT_REPORT = "markdown artifact (_report)"
PRINTER = "dossier-printer"


def instrument(clock: StepClock) -> list[tuple[str, str]]:
    """Patch the steps of a transition and of its print; (label, indent) in the order they run."""
    import ssl

    import casework.services.transitions as transitions
    import flows.dossier_flow as dossier_flow
    import flows.launcher as launcher

    steps = [
        (launcher, "check", PREFLIGHT, ""),
        (launcher, "run_transition", FLOW_RUN, ""),
        (transitions, "commit", COMMIT, "  "),
        (transitions, "keep_moment", KEEP_MOMENT, "    "),
        (ssl, "create_default_context", SSL_CONTEXT, "  "),
        # after the answer, on the printing thread:
        (launcher, "_print", PRINT_RUN, ""),
        (dossier_flow, "render_dossier", PRINT_RENDER, "  "),
        (dossier_flow, "_report", PRINT_REPORT, "  "),
    ]
    for owner, name, label, _ in steps:
        clock.wrap(owner, name, label)
    order = [(label, indent) for _, _, label, indent in steps]
    # A new client's ssl context is counted apart when the printing thread builds it.
    order.insert(order.index((PRINT_REPORT, "  ")) + 1, (f"{SSL_CONTEXT} [{PRINTER}]", "  "))
    return order


REQUEST = "POST /transitions, client side"


@dataclass
class Breakdown:
    """For each instrumented request: the summed time and the call count of every step."""

    order: list[tuple[str, str]]
    requests: list[dict[str, float]] = field(default_factory=list)
    calls: list[dict[str, int]] = field(default_factory=list)

    def take(self, clock: StepClock, request_s: float) -> None:
        sums = {label: sum(samples) for label, samples in clock.samples.items()}
        sums[REQUEST] = request_s
        self.requests.append(sums)
        self.calls.append({label: len(samples) for label, samples in clock.samples.items()})

    def column(self, label: str) -> list[float]:
        return [request.get(label, 0.0) for request in self.requests]


def measure_breakdown(
    transition: Callable[[], Any],
    *,
    before: Callable[[], Any],
    after: Callable[[], Any],
    repeats: int,
) -> Breakdown:
    """One untimed call, then `repeats` timed ones, through wrappers that are undone after.

    `after` waits, untimed, for the work the transition left to run after its answer (the
    dossier's print), so its steps are counted with the transition that queued them.
    """
    clock = StepClock()
    breakdown = Breakdown(instrument(clock))
    try:
        before()
        transition()  # one untimed call through the wrappers
        after()
        for _ in range(repeats):
            before()
            clock.reset()
            start = time.perf_counter()
            transition()
            elapsed = time.perf_counter() - start
            after()
            breakdown.take(clock, elapsed)
    finally:
        clock.undo()
    return breakdown


def print_breakdown(breakdown: Breakdown) -> None:
    """Each step's time per request (median, p90, calls), then what the steps add up to."""
    runs = len(breakdown.requests)
    print(f"\n  breakdown of one transition (separate instrumented pass, {runs} requests)")
    print("    time per request: median and p90 over the requests; calls per request")
    rows = [(REQUEST, ""), *breakdown.order]
    width = max(len(indent + label) for label, indent in rows) + 2
    print(f"    {'step':<{width}}  {'calls':>5}  {'median':>11}  {'p90':>11}")
    for label, indent in rows:
        values = breakdown.column(label)
        calls = statistics.median(
            c.get(label, 1 if label == REQUEST else 0) for c in breakdown.calls
        )
        print(
            f"    {indent + label:<{width}}  {calls:>5g}  {fmt(statistics.median(values))}"
            f"  {fmt(p90(values))}"
        )

    def derived(request: dict[str, float]) -> list[tuple[str, float]]:
        flow = request.get(FLOW_RUN, 0.0)
        preflight = request.get(PREFLIGHT, 0.0)
        commit = request.get(COMMIT, 0.0)
        return [
            ("Prefect flow-run work (flow run − commit)", flow - commit),
            ("  within it: ssl contexts of new API clients", request.get(SSL_CONTEXT, 0.0)),
            ("casework's own work (commit + pre-flight check)", commit + preflight),
            (
                "HTTP, auth, session, response (request − flow − pre-flight)",
                request[REQUEST] - flow - preflight,
            ),
            ("after the answer: the dossier's print, whole", request.get(PRINT_RUN, 0.0)),
        ]

    table = [derived(request) for request in breakdown.requests]
    median_request = statistics.median(breakdown.column(REQUEST))
    print("    derived, median over the requests (share of the median request):")
    label_width = max(len(label) for label, _ in table[0])
    for i, (label, _) in enumerate(table[0]):
        value = statistics.median(row[i][1] for row in table)
        print(f"      {label:<{label_width}}  {fmt(value)}  {100 * value / median_request:5.1f} %")
