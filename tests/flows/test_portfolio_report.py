"""The weekly portfolio report: the figures of GET /reports/portfolio as Prefect artifacts.

A manager reads the latest under stable keys on the Artifacts page, and each key keeps
its history: two runs, two versions.
"""

import asyncio
import json
from typing import Any

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

from flows.report_flow import PARTNERS, PIPELINE, SERVED, SUMMARY, portfolio_report
from tests.journey import case_at, ok

pytestmark = pytest.mark.usefixtures("prefect_server")


def versions(key: str) -> list[Any]:
    """Every version kept under `key`, newest first."""

    async def read() -> list[Any]:
        async with get_client() as prefect:
            return await prefect.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
                sort="CREATED_DESC",
            )

    return asyncio.run(read())


def test_the_report_publishes_the_api_figures_under_stable_keys(client, people):
    linked = case_at(client, "linkage", people)
    case_at(client, "support", people)
    figures = ok(client.get("/reports/portfolio", headers=people.manager.headers))

    headline = portfolio_report()
    assert headline["cases"] == figures["total_cases"] == 2
    assert headline["open_by_stage"] == figures["open_by_stage"]

    [summary] = versions(SUMMARY)
    assert summary.type == "markdown"
    assert "**2 cases**, 2 open: 1 in support, 1 in linkage." in summary.data
    assert f"{figures['support_cost']['hourly_cost_eur']:,.0f} EUR an hour" in summary.data

    [pipeline] = versions(PIPELINE)
    rows = {row["stage"]: row for row in json.loads(pipeline.data)}
    assert (rows["support"]["cases"], rows["linkage"]["cases"]) == (1, 1)
    # The entrepreneur of both cases is a woman.
    women = figures["served"]["by_gender"]["woman"]["by_stage"]
    assert rows["linkage"]["women"] == women["linkage"]
    assert rows["reception"]["passed the gate"] == "100.0 %"

    [served] = versions(SERVED)
    groups = {row["group"]: row for row in json.loads(served.data)}
    assert set(groups) == {"women", "men", "diaspora", "local"}
    assert sum(groups[g]["cases"] for g in ("diaspora", "local")) <= 2

    [partners] = versions(PARTNERS)
    assert json.loads(partners.data)  # a row per partner, or one saying none yet
    # Nothing names a person: Prefect's database is never erased.
    for artifact in (summary, pipeline, served, partners):
        assert "Fatou Diop" not in str(artifact.data)
        assert people.entrepreneur.email not in str(artifact.data)
        assert linked["title"] not in str(artifact.data)

    portfolio_report()
    assert len(versions(SUMMARY)) == 2
