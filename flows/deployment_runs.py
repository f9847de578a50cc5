"""Starting a flow as a run of its deployment on the unit's work pool (scaled mode).

Every casework flow is deployed under the same name, `casework`, on the work pool
`CASEWORK_WORK_POOL` (`flows/worker.py` registers them). A run is submitted and left to
a worker: submitting returns as soon as the server has the run. An idempotency key
makes submitting twice harmless: the server answers with the run it has for the key.
`submit` is for plain threads (the API's requests); `asubmit` for a flow's own code.
"""

import inspect
import uuid
from dataclasses import dataclass, field
from typing import Any

from prefect.deployments import arun_deployment, run_deployment

DEPLOYMENT = "casework"


@dataclass(frozen=True)
class Submission:
    """One run to submit: the flow, its plain-JSON parameters, its tags, its idempotency key."""

    flow_name: str
    parameters: dict[str, Any]
    key: str
    tags: list[str] = field(default_factory=list)

    def arguments(self) -> dict[str, Any]:
        return {
            "name": f"{self.flow_name}/{DEPLOYMENT}",
            "parameters": self.parameters,
            "timeout": 0,
            "tags": self.tags,
            "idempotency_key": self.key,
            "as_subflow": False,
        }


def submit(submission: Submission) -> uuid.UUID:
    """Submit the run from a thread with no event loop; its id."""
    run = run_deployment(**submission.arguments())
    assert not inspect.isawaitable(run), "submit() is called where no event loop runs"
    return run.id


async def asubmit(submission: Submission) -> uuid.UUID:
    """Submit the run from async code (a flow's); its id."""
    run = await arun_deployment(**submission.arguments())
    return run.id


def moment_print(*, reference: str, stage: str, dossier_ids: list[str]) -> Submission:
    """The `render-dossier` run of a moment's kept copies (one per moment, whoever submits)."""
    return Submission(
        "render-dossier",
        {"reference": reference, "stage": stage, "dossier_ids": dossier_ids},
        key=f"print-{min(dossier_ids)}",
        tags=[f"case:{reference}", "dossier"],
    )


def partner_copy_print(*, reference: str, partner: str, dossier_id: str) -> Submission:
    """The `render-referral-dossier` run of a partner's copy (one per copy)."""
    return Submission(
        "render-referral-dossier",
        {"reference": reference, "partner": partner, "dossier_id": dossier_id},
        key=f"print-{dossier_id}",
        tags=[f"case:{reference}", "dossier"],
    )
