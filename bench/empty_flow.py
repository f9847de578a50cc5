"""The least a deployment run can do: an empty async flow, run by the unit's workers.

bench/scaled_mode.py deploys it on the unit's work pool next to casework's flows, under
the same deployment name, and imports it as `bench.empty_flow`: a deployment of a module
path, so the worker's child process finds it through `PYTHONPATH=<repository>`, which
the bench gives the unit. Async, as casework's flows are (a sync flow pays Prefect's
heartbeat join at its end; see /work/shared/PREFECT-NOTES.md).
"""

from prefect import flow

EMPTY_FLOW = "bench-empty"


@flow(name=EMPTY_FLOW)
async def empty_run() -> None:
    """Nothing at all: what a deployment run costs by itself."""
