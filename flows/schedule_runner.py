"""The unit's scheduled flows, deployed and executed by the process `casework serve` runs.

`casework serve` registers two deployments on the Prefect server (the Deployments page
shows them): `follow-up-sweep` on its daily schedule and `portfolio-report` on its
weekly one, and runs a Prefect `Runner` for them on a thread of its own. The Runner
starts each due run as a child process (`python -m prefect.engine`, the same way a
process worker does), with serve's environment and working directory, so the run reads
the same case store. The deployments belong to no
work pool: nothing runs them while serve is stopped, and runs missed meanwhile are
picked up at the next start (a sweep sweeps the day it was scheduled for).
"""

import asyncio
import contextvars
import threading
import uuid

from prefect.runner import Runner
from prefect.schedules import Cron
from prefect.types.entrypoint import EntrypointType

from casework.settings import get_settings
from flows.report_flow import portfolio_report
from flows.sweep_flow import follow_up_sweep

DEPLOYMENT = "follow-up-sweep"
REPORT_DEPLOYMENT = "portfolio-report"


class ScheduleRunner:
    """A Prefect Runner serving the sweep's and the report's deployments, on its own thread."""

    def __init__(self) -> None:
        # pause_on_shutdown=False: stopping serve leaves the schedule active on the server.
        self._runner = Runner(name="casework-serve", pause_on_shutdown=False, limit=1)
        self._ready = threading.Event()
        self._failure: BaseException | None = None
        self.deployment_id: uuid.UUID | None = None
        # Prefect's settings context, carried onto the thread.
        context = contextvars.copy_context()
        self._thread = threading.Thread(
            target=context.run, args=(self._main,), name="prefect-runner", daemon=True
        )

    def start(self, timeout: float = 60) -> uuid.UUID:
        """Register the deployments and start serving them; the sweep's id."""
        self._thread.start()
        if not self._ready.wait(timeout):
            raise RuntimeError("The Prefect runner did not start in time.")
        if self._failure is not None:
            raise self._failure
        assert self.deployment_id is not None
        return self.deployment_id

    def stop(self, timeout: float = 30) -> None:
        """Stop serving (a sweep under way is cancelled); the schedule stays on the server."""
        if self._runner.started:
            self._runner.execute_in_background(self._runner.astop).result(timeout)
        self._thread.join(timeout)

    def _main(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        settings = get_settings()
        try:
            deployment = await follow_up_sweep.ato_deployment(
                name=DEPLOYMENT,
                # The slug keeps one schedule, updated in place at every start.
                schedule=Cron(settings.sweep_cron, timezone=settings.timezone, slug="daily"),
                entrypoint_type=EntrypointType.MODULE_PATH,
                description="Flags overdue milestones and repayments, unanswered referrals, "
                "stale cases and figures off the plan; each flag a task and a timeline line.",
            )
            report = await portfolio_report.ato_deployment(
                name=REPORT_DEPLOYMENT,
                schedule=Cron(settings.report_cron, timezone=settings.timezone, slug="weekly"),
                entrypoint_type=EntrypointType.MODULE_PATH,
                description="Publishes the unit's portfolio figures as artifacts: the summary, "
                "the pipeline, who is served and the partners.",
            )
            for each in (deployment, report):
                # Served by this Runner alone, whatever pool an earlier registration named.
                each.work_pool_name = None
                each.work_queue_name = None
            self.deployment_id = await self._runner.aadd_deployment(deployment)
            await self._runner.aadd_deployment(report)
            serving = asyncio.create_task(self._runner.start(webserver=False))
            while not self._runner.started and not serving.done():
                await asyncio.sleep(0.05)
        except BaseException as problem:
            self._failure = problem
            raise
        finally:
            self._ready.set()
        await serving
