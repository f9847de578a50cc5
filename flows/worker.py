"""`casework worker`: the unit's flows deployed on a work pool, and a Prefect worker serving it.

At start the worker creates the process work pool `CASEWORK_WORK_POOL` if it is missing,
creates or updates one deployment, named `casework`, of every casework flow on it (the
sweep and the report with their schedules), submits again what died
(`flows/recovery.py`), then runs a Prefect process worker: each run is a child process
with the worker's environment, so it reads the same case store. Several workers may serve
one pool, on one machine or several; each run is taken by one of them. Recovery runs again
every half lease while the worker runs.

The deployments set the job variable `command` to this Python's `-m prefect.engine`: the
run's process is then the flow's engine itself. Without it, Prefect 3.9's process worker
starts a workspace supervisor that prepares a workspace casework does not use and then
starts the engine: two Python start-ups a run, each importing Prefect
(`bench/scaled_mode.py` measures both). Every worker of a pool therefore runs casework
from the same install path, as the container image does.
"""

import asyncio
import contextlib
import logging
import sys
from collections.abc import Callable
from typing import Any

from prefect import Flow
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import WorkPoolCreate
from prefect.exceptions import ObjectAlreadyExists
from prefect.schedules import Cron
from prefect.types.entrypoint import EntrypointType
from prefect.utilities.processutils import command_to_string
from prefect.workers.process import ProcessWorker

from casework.settings import get_settings
from flows.deployment_runs import DEPLOYMENT
from flows.dossier_flow import render_moment_dossier
from flows.recovery import recover
from flows.referral_flow import render_referral_dossier, send_referral
from flows.report_flow import portfolio_report
from flows.stage_flows import FLOWS, change_status, reorient_case
from flows.sweep_flow import follow_up_sweep

logger = logging.getLogger(__name__)

# Each run's process: the flow's engine, started by the worker directly (see above).
ENGINE_COMMAND = command_to_string([sys.executable, "-m", "prefect.engine"])

# Every flow a worker runs; the scheduled ones get their schedule at registration.
DEPLOYED: tuple[Flow[..., Any], ...] = (
    *FLOWS.values(),
    reorient_case,
    change_status,
    send_referral,
    render_moment_dossier,
    render_referral_dossier,
    follow_up_sweep,
    portfolio_report,
)


async def register(pool: str) -> list[str]:
    """Create the work pool if missing, and create or update every deployment on it."""
    async with get_client() as client:
        with contextlib.suppress(ObjectAlreadyExists):
            await client.create_work_pool(WorkPoolCreate(name=pool, type="process"))
    settings = get_settings()
    schedules = {
        follow_up_sweep.name: Cron(settings.sweep_cron, timezone=settings.timezone, slug="daily"),
        portfolio_report.name: Cron(
            settings.report_cron, timezone=settings.timezone, slug="weekly"
        ),
    }
    names = []
    for each in DEPLOYED:
        schedule = schedules.get(each.name)
        deployment = await each.ato_deployment(
            name=DEPLOYMENT,
            work_pool_name=pool,
            entrypoint_type=EntrypointType.MODULE_PATH,
            schedule=schedule,
            job_variables={"command": ENGINE_COMMAND},
            description=(each.description or "").split("\n")[0],
        )
        await deployment.aapply(work_pool_name=pool)
        names.append(f"{each.name}/{DEPLOYMENT}")
    return names


async def serve(
    pool: str, *, name: str | None, limit: int | None, started: Callable[[], None]
) -> None:
    """Run a process worker on `pool` until stopped, recovering what died every half lease."""
    async with ProcessWorker(work_pool_name=pool, name=name, limit=limit) as worker:
        started()
        recovery = asyncio.create_task(_keep_recovering())
        try:
            await worker.start()
        finally:
            recovery.cancel()


async def _keep_recovering() -> None:
    every = get_settings().move_lease.total_seconds() / 2
    while True:
        await asyncio.sleep(every)
        try:
            await asyncio.to_thread(recover)
        except Exception:  # a recovery that fails is tried again at the next one
            logger.exception("Recovery failed; trying again in %.0f s", every)
