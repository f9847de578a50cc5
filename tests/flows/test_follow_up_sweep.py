"""The daily follow-up sweep, through its date: flags once, each a task and a timeline line.

Issue 9, part 2. A frozen clock in the test process would not reach the Prefect
server, so the days are simulated through the flow's `on` parameter. The journey's
case enters follow-up today: its plan's year 1 begins today, with a start-of-
operations milestone due today, and year 1's instalment and review due on its last day.
"""

import asyncio
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
from sqlmodel import func, select

from casework.database import open_session
from casework.models import CaseEvent, InvestmentPlanVersion
from flows.sweep_flow import ARTIFACT_KEY, follow_up_sweep
from tests.conftest import Person
from tests.journey import case_at, ok

pytestmark = pytest.mark.usefixtures("prefect_server")


def today() -> date:
    return datetime.now(UTC).date()


def sweep(days: int) -> dict[str, Any]:
    """Sweep as the run scheduled `days` from today would."""
    return follow_up_sweep(on=(today() + timedelta(days=days)).isoformat())


def flags(outcome: dict[str, Any]) -> list[tuple[str, str]]:
    return sorted((f["reference"], f["kind"]) for f in outcome["flags"])


def tasks(client: TestClient, person: Person, **query: Any) -> list[dict[str, Any]]:
    return list(ok(client.get("/tasks", params=query, headers=person.headers))["items"])


def sweep_events(case_id: str) -> int:
    with open_session() as session:
        query = select(func.count()).where(
            CaseEvent.case_id == uuid.UUID(case_id), CaseEvent.kind == "follow_up_check"
        )
        return session.exec(query).one()


def test_a_year_later_the_sweep_flags_what_waits_once_however_often_it_runs(client, people):
    case = case_at(client, "follow_up", people)
    ref = case["reference"]

    # Today nothing is late: the start of operations is due today.
    assert sweep(0)["flags"] == []

    year_later = sweep(400)
    assert flags(year_later) == [
        (ref, "milestone_overdue"),  # the start of operations
        (ref, "milestone_overdue"),  # year 1's review
        (ref, "repayment_overdue"),  # year 1's instalment (its interest)
        (ref, "report_figures"),
        (ref, "stale_case"),
    ]
    assert sweep_events(case["id"]) == 5
    staff = {t["kind"] for t in tasks(client, people.advisor) if t["case_id"] == case["id"]}
    assert {"milestone_overdue", "repayment_overdue", "stale_case"} <= staff
    [report] = tasks(client, people.entrepreneur, kind="report_figures")
    assert report["summary"].startswith("Year 1 of your plan ended on ")
    assert report["due_on"] is not None
    status = ok(client.get(f"/cases/{case['id']}/status", headers=people.entrepreneur.headers))
    assert status["next_steps"][0] == report["summary"]
    assert "Follow-up check: the figures of year 1 are not reported yet." in [
        line["summary"] for line in status["timeline"]
    ]

    # Twice the same day, or the next day: nothing new while the flags stand.
    assert sweep(400)["flags"] == []
    assert sweep(401)["flags"] == []
    assert sweep_events(case["id"]) == 5


def test_flags_close_when_their_fact_changes_and_open_again_when_it_returns(client, people):
    case = case_at(client, "follow_up", people)
    sweep(400)
    milestones = ok(client.get(f"/cases/{case['id']}/milestones", headers=people.advisor.headers))
    start = next(m for m in milestones if m["kind"] == "start_of_operations")
    url = f"/cases/{case['id']}/milestones/{start['id']}"
    done = {"done_on": today().isoformat(), "note": "Opened on time."}
    ok(client.patch(url, json=done, headers=people.advisor.headers))

    open_kinds = sorted(
        t["kind"] for t in tasks(client, people.manager) if t["case_id"] == case["id"]
    )
    # The start is done, and anything recorded ends the quiet spell: two flags closed.
    assert open_kinds.count("milestone_overdue") == 1
    assert "stale_case" not in open_kinds
    report = {
        "period": 1,
        "revenue": 3_720_000,
        "operating_costs": 4_000_000,
        "repayments_made": 630_000,
    }
    url = f"/cases/{case['id']}/follow-up-reports"
    made = ok(client.post(url, json=report, headers=people.entrepreneur.headers), 201)
    assert tasks(client, people.entrepreneur, kind="report_figures") == []
    assert [t["kind"] for t in tasks(client, people.advisor, kind="confirm_report")] == [
        "confirm_report"
    ]

    # A year and a half later: quiet again since the report, and the revenue is off the plan.
    later = flags(sweep(550))
    assert (case["reference"], "stale_case") in later
    assert (case["reference"], "plan_deviation") in later
    deviation = tasks(client, people.advisor, kind="plan_deviation")
    assert sorted(t["summary"] for t in deviation) == [
        "Net cash flow 166.4% below plan in year 1: talk it over with the entrepreneur.",
        "Revenue 38.0% below plan in year 1: talk it over with the entrepreneur.",
    ]

    # The advisor's visit corrects the figures: the deviations close, the report is confirmed.
    visit = {**report, "revenue": 6_000_000}
    ok(client.post(url, json=visit, headers=people.advisor.headers), 201)
    assert tasks(client, people.advisor, kind="plan_deviation") == []
    confirm = f"{url}/{made['id']}/confirmation"
    ok(client.post(confirm, headers=people.advisor.headers))
    assert tasks(client, people.advisor, kind="confirm_report") == []
    closed = tasks(client, people.manager, include_closed="true", kind="plan_deviation")
    assert [t["closed_at"] is not None for t in closed] == [True, True]


def test_a_referral_left_unanswered_is_flagged_until_the_partner_answers(client, people):
    case = case_at(client, "linkage", people)
    body = {"name": "BIO", "kind": "financial", "services": ["meso_credit"]}
    partner = ok(client.post("/partners", json=body, headers=people.manager.headers), 201)
    referral = {"partner_id": partner["id"], "purpose": "Meso-credit for the cold room"}
    url = f"/cases/{case['id']}/referrals"
    made = ok(client.post(url, json=referral, headers=people.advisor.headers), 201)
    consent = {"partner_id": partner["id"]}
    headers = people.entrepreneur.headers
    ok(client.post(f"/cases/{case['id']}/consents", json=consent, headers=headers), 201)
    ok(client.patch(f"{url}/{made['id']}", json={"status": "sent"}, headers=people.advisor.headers))

    assert (case["reference"], "referral_unanswered") not in flags(sweep(20))
    assert (case["reference"], "referral_unanswered") in flags(sweep(21))
    [waiting] = tasks(client, people.advisor, kind="referral_unanswered")
    assert waiting["summary"].startswith("BIO has not answered the referral sent on ")

    accepted = {"status": "accepted", "amount_offered": 7_000_000}
    ok(client.patch(f"{url}/{made['id']}", json=accepted, headers=people.advisor.headers))
    assert tasks(client, people.advisor, kind="referral_unanswered") == []


def test_a_case_that_fails_is_reported_and_the_others_are_swept(client, people):
    broken = case_at(client, "follow_up", people)
    sound = case_at(client, "follow_up", people)
    # A plan version whose stored results no longer read: its case cannot be compared.
    with open_session() as session:
        query = select(InvestmentPlanVersion).where(
            InvestmentPlanVersion.case_id == uuid.UUID(broken["id"])
        )
        for version in session.exec(query).all():
            version.results = {}
            session.add(version)
        session.commit()
    outcome = sweep(400)
    assert [f["case_id"] for f in outcome["failures"]] == [broken["id"]]
    assert {ref for ref, _ in flags(outcome)} == {sound["reference"]}
    assert sweep_events(broken["id"]) == 0


def test_each_run_publishes_its_findings_as_a_table(client, people):
    case = case_at(client, "follow_up", people)
    sweep(400)

    async def latest() -> Any:
        async with get_client() as prefect:
            found = await prefect.read_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[ARTIFACT_KEY])),
                sort="CREATED_DESC",
                limit=1,
            )
            return found[0]

    artifact = asyncio.run(latest())
    assert artifact.type == "table"
    assert case["reference"] in str(artifact.data)
    assert "5 new flag(s)" in (artifact.description or "")
