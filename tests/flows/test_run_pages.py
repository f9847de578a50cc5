"""What a manager reads on the Prefect run pages: what each run did and which role started it.

Prefect's database lies outside the case store and is never erased: the runs' logs,
tags and artifacts carry references, stages, counts and roles, never a person's name,
email or free text.
"""

import asyncio
import logging
import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterKey,
    FlowRunFilter,
    FlowRunFilterName,
    FlowRunFilterTags,
    LogFilter,
    LogFilterFlowRunId,
)
from prefect.logging.handlers import APILogWorker

from flows.launcher import flow_runner
from flows.run_names import artifact_key
from flows.sweep_flow import follow_up_sweep
from tests.journey import case_at

pytestmark = pytest.mark.usefixtures("prefect_server")

# What the journey writes about the people and the project: none of it may reach Prefect.
PRIVATE = (
    "Fatou Diop",
    "fatou@mail.example",
    "Awa Ndiaye",
    "awa@unit.example",
    "Cold storage for fish",
)


@pytest.fixture
def info_lines_kept() -> Iterator[None]:
    """Runs log at info, as under `casework serve`; the test session keeps Prefect at WARNING."""
    run_logger = logging.getLogger("prefect.flow_runs")
    level = run_logger.level
    run_logger.setLevel(logging.INFO)
    yield
    run_logger.setLevel(level)


async def _runs_and_logs(run_filter: FlowRunFilter) -> tuple[list[Any], dict[uuid.UUID, str]]:
    async with get_client() as client:
        runs = await client.read_flow_runs(flow_run_filter=run_filter)
        logs = await client.read_logs(
            log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[r.id for r in runs]))
        )
    lines: dict[uuid.UUID, str] = {run.id: "" for run in runs}
    for log in logs:
        assert log.flow_run_id is not None
        lines[log.flow_run_id] += f"{logging.getLevelName(log.level)} {log.message}\n"
    return runs, lines


def _read_runs(run_filter: FlowRunFilter) -> tuple[dict[str, Any], dict[str, str]]:
    """Each run by name, and the lines it logged, once every queued log line was sent."""
    assert flow_runner().settle(timeout=120)
    APILogWorker.drain_all(timeout=30)
    runs, lines = asyncio.run(_runs_and_logs(run_filter))
    return {run.name: run for run in runs}, {run.name: lines[run.id] for run in runs}


def test_a_case_s_runs_log_what_they_did_and_who_by_role_never_by_name(
    client, people, info_lines_kept
):
    case = case_at(client, "follow_up", people)
    ref = case["reference"]

    runs, logs = _read_runs(FlowRunFilter(tags=FlowRunFilterTags(all_=[f"case:{ref}"])))

    linkage = logs[f"linkage-{ref}"]
    assert re.search(r"INFO Gate open: \d+ requirement\(s\) met", linkage)
    assert "INFO Case moved from support to linkage by an advisor" in linkage
    assert "INFO 2 dossier copies kept; their print follows" in linkage
    assert "INFO Case moved from linkage to follow up by an advisor" in logs[f"follow-up-{ref}"]
    [sent] = [name for name in runs if name.startswith(f"send-referral-{ref}-")]
    assert re.search(rf"INFO Referral of {ref} sent to [a-z0-9-]+ by an advisor", logs[sent])
    printed = logs[f"render-dossier-{ref}-follow-up"]
    assert re.search(r"INFO Dossier printed: unit copy, \d+ KB, sha256 [0-9a-f]{64}", printed)
    moves = [run for run in runs.values() if "dossier" not in run.tags]
    assert len(moves) == 4, "support, linkage, send-referral, follow-up"
    assert all("by:advisor" in run.tags for run in moves)
    for name, lines in logs.items():
        assert lines, f"{name} logged nothing"
        for private in PRIVATE:
            assert private not in lines, f"{name} logged {private!r}"
            assert private not in name


def test_the_case_artifact_gives_the_plan_s_amounts_with_their_currency(client, people):
    case = case_at(client, "linkage", people)
    assert flow_runner().settle(timeout=120)

    async def latest() -> Any:
        async with get_client() as prefect:
            key = artifact_key("case", case["reference"])
            found = await prefect.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
                sort="CREATED_DESC",
                limit=1,
            )
            return found[0]

    markdown = str(asyncio.run(latest()).data)
    assert re.search(r"NPV -?\d{1,3}(,\d{3})* [A-Z]{3}\b", markdown), markdown
    assert not re.search(r"\d\.\d\d\b", markdown), "amounts are whole, with their currency"
    for private in PRIVATE:
        assert private not in markdown


def test_a_sweep_run_says_what_started_it_and_what_it_found(client, people, info_lines_kept):
    case_at(client, "follow_up", people)
    outcome = follow_up_sweep(on="2031-01-15")

    named = FlowRunFilterName(any_=["follow-up-sweep-2031-01-15"])
    _, logs = _read_runs(FlowRunFilter(name=named))
    [lines] = logs.values()
    assert "INFO Started by the casework sweep command: sweeping 2031-01-15" in lines
    assert f"INFO Swept {outcome['cases']} case(s) for 2031-01-15" in lines
    for private in PRIVATE:
        assert private not in lines


def test_what_people_wrote_reaches_the_case_store_and_never_prefect(client, people):
    """A reason, a suggestion or a note is a flow's parameter, kept by Prefect as stars."""
    held = case_at(client, "reception", people)
    reoriented = case_at(client, "reception", people)
    linked = case_at(client, "follow_up", people)  # its referral's note went through a run
    written = "Fatou Diop goes back to Dakar in March"
    for answer in (
        client.post(
            f"/cases/{held['id']}/transitions",
            json={"to": "on_hold", "reason": written},
            headers=people.advisor.headers,
        ),
        client.post(
            f"/cases/{reoriented['id']}/reorientation",
            json={"reason": written, "suggestions": [written]},
            headers=people.advisor.headers,
        ),
    ):
        assert answer.status_code == 200, answer.text
    status = client.get(f"/cases/{held['id']}/status", headers=people.entrepreneur.headers)
    assert written in status.text

    runs, _ = _read_runs(
        FlowRunFilter(
            tags=FlowRunFilterTags(
                any_=[f"case:{case['reference']}" for case in (held, reoriented, linked)]
            )
        )
    )
    hold = runs[f"on-hold-{held['reference']}"].parameters
    assert hold["reason"] == "**********"
    turn = runs[f"reorientation-{reoriented['reference']}"].parameters
    assert (turn["reason"], turn["suggestions"]) == ("**********", ["**********"])
    [sent] = [run for name, run in runs.items() if name.startswith("send-referral-")]
    # The journey's note is empty: a written one is stars, like the reasons.
    assert sent.parameters["note"] in ("", "**********")
    for run in runs.values():
        assert "Fatou" not in str(run.parameters)
