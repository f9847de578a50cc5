"""A move answers once committed; its dossier is printed right after, from the moment's data."""

import asyncio
import hashlib

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags
from sqlmodel import select

from casework.database import open_session
from casework.dossier.keeping import print_kept
from casework.models import Dossier
from flows import dossier_flow
from flows.launcher import flow_runner, print_waiting_dossiers, run_transition
from tests.dossier_samples import pdf_text
from tests.journey import assess, ok, open_case, printed_dossiers

pytestmark = pytest.mark.usefixtures("prefect_server")

TITLE = "Cold storage for fish"


def _committed_only(client, people) -> dict:
    """A case moved to support by its flow, its dossier kept as data and not yet printed."""
    case = open_case(client, people.entrepreneur, title=TITLE)
    assess(client, case["id"], people.advisor)
    outcome = run_transition(
        "support", case_id=case["id"], reference=case["reference"], actor_id=None
    )
    assert outcome.made
    return case


def _kept(client, case, person) -> list[dict]:
    return ok(client.get(f"/cases/{case['id']}/dossiers", headers=person.headers))


def _pdf(client, case, dossier, person):
    return client.get(f"/cases/{case['id']}/dossiers/{dossier['id']}.pdf", headers=person.headers)


def _print_all() -> None:
    assert print_waiting_dossiers() >= 1
    assert flow_runner().settle(timeout=120)


def test_a_copy_is_pending_until_printed_and_then_served_with_its_sha256(client, people):
    case = _committed_only(client, people)
    kept = _kept(client, case, people.advisor)
    assert [(d["audience"], d["status"], d["sha256"]) for d in kept] == [
        ("entrepreneur", "pending", None),
        ("unit", "pending", None),
    ]
    waiting = _pdf(client, case, kept[0], people.advisor)
    assert waiting.status_code == 409
    assert int(waiting.headers["Retry-After"]) > 0
    assert "being printed" in waiting.json()["detail"]

    _print_all()
    for dossier in _kept(client, case, people.advisor):
        assert dossier["status"] == "ready"
        pdf = _pdf(client, case, dossier, people.advisor)
        assert pdf.status_code == 200
        assert hashlib.sha256(pdf.content).hexdigest() == dossier["sha256"]


def test_the_dossier_of_a_moment_prints_that_moment_even_when_the_case_changed_since(
    client, people
):
    case = _committed_only(client, people)
    edit = {"title": "Ice factory and cold storage"}
    ok(client.patch(f"/cases/{case['id']}", json=edit, headers=people.advisor.headers))

    _print_all()
    for dossier in printed_dossiers(client, case["id"], people.advisor):
        text = pdf_text(_pdf(client, case, dossier, people.advisor).content)
        assert TITLE in text
        assert "Entry into support" in text
        assert "The case moved from reception to support" in text, "the move's own event"
        assert "Ice factory" not in text
        assert "corrected" not in text, "the edit came after the moment"


def test_the_moves_flow_leaves_the_print_to_a_render_dossier_run_of_its_own(client, people):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor)
    moved = client.post(
        f"/cases/{case['id']}/transitions", json={"to": "support"}, headers=people.advisor.headers
    )
    assert ok(moved)["stage"] == "support"
    assert all(d["status"] == "ready" for d in printed_dossiers(client, case["id"], people.advisor))
    # The copies are ready a moment before their run ends (its artifact comes last).
    assert flow_runner().settle(timeout=120)

    runs = asyncio.run(_runs_tagged(f"case:{case['reference']}"))
    names = sorted(run.name for run in runs)
    assert names == [f"render-dossier-{case['reference']}-support", f"support-{case['reference']}"]
    assert all(run.state.is_completed() for run in runs)


def test_a_failed_print_says_so_and_is_printed_again_at_the_next_start(client, people, monkeypatch):
    case = _committed_only(client, people)

    def broken(dossier):
        raise RuntimeError("the printer ran out of fonts")

    monkeypatch.setattr(dossier_flow, "print_kept", broken)
    _print_all()
    kept = _kept(client, case, people.advisor)
    assert [d["status"] for d in kept] == ["failed", "failed"]
    refused = _pdf(client, case, kept[0], people.advisor)
    assert refused.status_code == 409
    assert "Retry-After" not in refused.headers
    with open_session() as session:
        failures = {d.failure for d in session.exec(select(Dossier)).all()}
    assert failures == {"RuntimeError: the printer ran out of fonts"}

    monkeypatch.setattr(dossier_flow, "print_kept", print_kept)
    _print_all()  # as `casework serve` does when it starts
    assert [d["status"] for d in _kept(client, case, people.advisor)] == ["ready", "ready"]


async def _runs_tagged(*tags):
    async with get_client() as client:
        return await client.read_flow_runs(
            flow_run_filter=FlowRunFilter(tags=FlowRunFilterTags(all_=list(tags)))
        )
