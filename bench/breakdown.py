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
TASK_CALLS = ("task check-gate", "task render-dossier", "task commit-transition")
TASK_BODIES = ("  body: gate check", "  body: dossier", "  body: commit")
REPORT = "markdown artifact (_report)"
SSL_CONTEXT = "ssl context of a new Prefect API client"


def instrument(clock: StepClock) -> list[tuple[str, str]]:
    """Patch the steps of a transition; (label, indent) in the order they happen."""
    import ssl

    import flows.launcher as launcher
    import flows.stage_flows as stage_flows
    import flows.tasks as tasks

    steps = [
        (launcher, "check", PREFLIGHT, ""),
        (launcher, "run_transition", FLOW_RUN, ""),
        # the Task objects the flow calls (the call includes Prefect's task-run work) ...
        (stage_flows, "check_gate", TASK_CALLS[0], "  "),
        # ... and the plain functions Prefect runs inside them
        (tasks.check_gate, "fn", TASK_BODIES[0], "  "),
        (stage_flows, "render_moment_dossier", TASK_CALLS[1], "  "),
        (tasks.render_moment_dossier, "fn", TASK_BODIES[1], "  "),
        (tasks, "gather_dossier", "gather_dossier", "      "),
        (tasks, "render_kept_dossier", "render_kept_dossier (Jinja + WeasyPrint)", "      "),
        (stage_flows, "commit_transition", TASK_CALLS[2], "  "),
        (tasks.commit_transition, "fn", TASK_BODIES[2], "  "),
        (stage_flows, "_report", REPORT, "  "),
        (ssl, "create_default_context", SSL_CONTEXT, "  "),
    ]
    for owner, name, label, _ in steps:
        clock.wrap(owner, name, label)
    return [(label, indent) for _, _, label, indent in steps]


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
    transition: Callable[[], Any], *, before: Callable[[], Any], repeats: int
) -> Breakdown:
    """One untimed call, then `repeats` timed ones, through wrappers that are undone after."""
    clock = StepClock()
    breakdown = Breakdown(instrument(clock))
    try:
        before()
        transition()  # one untimed call through the wrappers
        for _ in range(repeats):
            before()
            clock.reset()
            start = time.perf_counter()
            transition()
            breakdown.take(clock, time.perf_counter() - start)
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
        calls = sum(request.get(k, 0.0) for k in TASK_CALLS)
        bodies = sum(request.get(k, 0.0) for k in TASK_BODIES)
        return [
            (
                "Prefect flow-run work (flow run − task calls − artifact)",
                flow - calls - request.get(REPORT, 0.0),
            ),
            ("Prefect task-run work (task calls − their bodies)", calls - bodies),
            ("  within these two: ssl contexts of new API clients", request.get(SSL_CONTEXT, 0.0)),
            ("casework's own work (task bodies + pre-flight check)", bodies + preflight),
            (
                "HTTP, auth, session, response (request − flow − pre-flight)",
                request[REQUEST] - flow - preflight,
            ),
        ]

    table = [derived(request) for request in breakdown.requests]
    median_request = statistics.median(breakdown.column(REQUEST))
    print("    derived, median over the requests (share of the median request):")
    label_width = max(len(label) for label, _ in table[0])
    for i, (label, _) in enumerate(table[0]):
        value = statistics.median(row[i][1] for row in table)
        print(f"      {label:<{label_width}}  {fmt(value)}  {100 * value / median_request:5.1f} %")
