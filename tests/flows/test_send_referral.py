"""The send-referral flow: one transaction, a named run, and the copy each kind of partner reads.

Issue 8, part 4: sending a referral runs `send-referral` (run `send-referral-<reference>-
<partner>`, tagged `case:<reference>`), which commits the move, its event and the
partner's copy of the dossier together; the PDF is printed from that data and served
with its sha256. A technical partner reads the project, the assessment's public part
and the feasibility study; a financial partner the project, the plan, its financing,
repayment schedules, DSCR and sensitivity. Neither reads the staff's notes, other
partners' answers or the entrepreneur's personal data.
"""

import asyncio
import hashlib
import inspect
import json
import threading
import time
import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags
from pydantic import SecretStr
from sqlmodel import func, select

from casework.database import open_session
from casework.models import CaseEvent, Dossier, Referral
from casework.services.referral_sending import commit_send
from flows.referral_flow import render_referral_dossier, send_referral
from tests.conftest import People
from tests.dossier_samples import pdf_text
from tests.journey import case_at, ok

pytestmark = pytest.mark.usefixtures("prefect_server")

INTERNAL_NOTE = "ZQXINTERNAL keep the guarantee question for later"
OTHER_ANSWER = "ZQXOTHER our committee declined the cold room"


def _partner(client: TestClient, people: People, name: str, kind: str, services: list[str]) -> str:
    body = {"name": name, "kind": kind, "services": services}
    return str(ok(client.post("/partners", json=body, headers=people.manager.headers), 201)["id"])


def _refer(client: TestClient, people: People, case_id: str, partner_id: str) -> str:
    body = {
        "partner_id": partner_id,
        "purpose": "Please study the cold room",
        "internal_note": INTERNAL_NOTE,
    }
    url = f"/cases/{case_id}/referrals"
    referral = ok(client.post(url, json=body, headers=people.advisor.headers), 201)
    consent = {"partner_id": partner_id}
    headers = people.entrepreneur.headers
    ok(client.post(f"/cases/{case_id}/consents", json=consent, headers=headers), 201)
    return str(referral["id"])


def _send(client: TestClient, people: People, case_id: str, referral_id: str) -> dict[str, Any]:
    url = f"/cases/{case_id}/referrals/{referral_id}"
    return ok(client.patch(url, json={"status": "sent"}, headers=people.advisor.headers))


def _printed(client: TestClient, case_id: str, referral_id: str, headers: dict[str, str]) -> Any:
    url = f"/cases/{case_id}/referrals/{referral_id}/dossier.pdf"
    deadline = time.monotonic() + 120
    while (response := client.get(url, headers=headers)).status_code == 409:
        assert response.headers.get("Retry-After") == "2", response.text
        assert time.monotonic() < deadline, "the partner's copy was never printed"
        time.sleep(0.05)
    assert response.status_code == 200, response.text
    return response


@pytest.fixture
def linkage(client: TestClient, people: People) -> dict[str, Any]:
    """A case in linkage, and a declined referral to another partner with its answer."""
    case = case_at(client, "linkage", people)
    other = _partner(client, people, "Other lender", "financial", ["meso_credit"])
    declined = _refer(client, people, case["id"], other)
    _send(client, people, case["id"], declined)
    url = f"/cases/{case['id']}/referrals/{declined}"
    body = {"status": "declined", "decline_reason": OTHER_ANSWER, "note": OTHER_ANSWER}
    ok(client.patch(url, json=body, headers=people.advisor.headers))
    return case


async def _runs_tagged(*tags: str) -> list[Any]:
    async with get_client() as client:
        return await client.read_flow_runs(
            flow_run_filter=FlowRunFilter(tags=FlowRunFilterTags(all_=list(tags)))
        )


def test_sending_runs_a_named_flow_and_keeps_the_dossier_with_its_sha256(client, people, linkage):
    case_id, reference = linkage["id"], linkage["reference"]
    partner = _partner(client, people, "CDE Dakar", "technical", ["feasibility_study"])
    referral_id = _refer(client, people, case_id, partner)

    sent = _send(client, people, case_id, referral_id)

    assert sent["status"] == "sent"
    assert sent["dossier_id"] is not None
    runs = asyncio.run(_runs_tagged(f"case:{reference}", "referral"))
    assert f"send-referral-{reference}-cde-dakar" in [r.name for r in runs]
    for reader in (people.entrepreneur, people.advisor, people.manager):
        pdf = _printed(client, case_id, referral_id, reader.headers)
        assert pdf.headers["X-Content-SHA256"] == hashlib.sha256(pdf.content).hexdigest()
    other = client.get(
        f"/cases/{case_id}/referrals/{referral_id}/dossier.pdf",
        headers=people.other_entrepreneur.headers,
    )
    assert other.status_code == 404
    with open_session() as session:
        kept = session.get(Dossier, uuid.UUID(sent["dossier_id"]))
        assert kept is not None
        assert kept.audience == "partner"
        assert kept.flow_run_id in {str(r.id) for r in runs}


def test_a_technical_partner_reads_the_project_assessment_and_feasibility_only(
    client, people, linkage
):
    case_id = linkage["id"]
    partner = _partner(client, people, "CDE Dakar", "technical", ["feasibility_study"])
    referral_id = _refer(client, people, case_id, partner)
    _send(client, people, case_id, referral_id)

    text = pdf_text(_printed(client, case_id, referral_id, people.advisor.headers).content)

    for shown in (
        "Cold storage for fish",
        "CDE Dakar",
        "Fatou Diop",
        "Technical ability",
        "Feasibility study",
        "Market: reviewed with the entrepreneur",
    ):
        assert shown in text, shown
    for hidden in (
        "Experienced in the fish trade",
        "ZQXINTERNAL",
        "ZQXOTHER",
        "Other lender",
        "fatou@mail.example",
        "Woman",
        "Gender",
        "residence",
        "Investment plan",
        "Repayment schedules",
    ):
        assert hidden not in text, hidden


def test_a_financial_partner_reads_the_project_plan_financing_dscr_and_sensitivity_only(
    client, people, linkage
):
    case_id = linkage["id"]
    partner = _partner(client, people, "BIO", "financial", ["meso_credit", "loan"])
    referral_id = _refer(client, people, case_id, partner)
    _send(client, people, case_id, referral_id)

    text = pdf_text(_printed(client, case_id, referral_id, people.advisor.headers).content)

    for shown in (
        "Cold storage for fish",
        "Investment plan",
        "Financing plan",
        "Repayment schedules",
        "DSCR",
        "Sensitivity",
        "Financing asked of the partner",
        "What the unit asks of BIO:",
        "Meso credit",
    ):
        assert shown in text, shown
    for hidden in (
        "Experienced in the fish trade",
        "ZQXINTERNAL",
        "ZQXOTHER",
        "Other lender",
        "fatou@mail.example",
        "Woman",
        "Gender",
        "residence",
        "Feasibility study",
        "Technical ability",
    ):
        assert hidden not in text, hidden


def _counts(referral_id: str) -> tuple[int, int]:
    with open_session() as session:
        referral = session.get(Referral, uuid.UUID(referral_id))
        assert referral is not None
        events = session.exec(
            select(func.count()).where(CaseEvent.case_id == referral.case_id)
        ).one()
        dossiers = session.exec(
            select(func.count()).where(Dossier.case_id == referral.case_id)
        ).one()
        return events, dossiers


def test_a_rerun_of_a_sent_referral_changes_nothing(client, people, linkage):
    case_id, reference = linkage["id"], linkage["reference"]
    partner = _partner(client, people, "BIO", "financial", ["meso_credit"])
    referral_id = _refer(client, people, case_id, partner)
    sent = _send(client, people, case_id, referral_id)
    before = _counts(referral_id)

    again = asyncio.run(
        send_referral(referral_id=uuid.UUID(referral_id), reference=reference, partner="bio")
    )

    assert again["already_sent"] is True
    assert again["dossier_id"] == sent["dossier_id"]
    assert _counts(referral_id) == before
    refused = client.patch(
        f"/cases/{case_id}/referrals/{referral_id}",
        json={"status": "sent"},
        headers=people.advisor.headers,
    )
    assert refused.status_code == 409


def test_the_flow_refuses_without_consent_and_keeps_nothing(client, people, linkage):
    case_id, reference = linkage["id"], linkage["reference"]
    partner = _partner(client, people, "BIO", "financial", ["meso_credit"])
    body = {"partner_id": partner, "purpose": "Meso-credit"}
    url = f"/cases/{case_id}/referrals"
    referral_id = ok(client.post(url, json=body, headers=people.advisor.headers), 201)["id"]
    before = _counts(referral_id)

    outcome = asyncio.run(
        send_referral(referral_id=uuid.UUID(referral_id), reference=reference, partner="bio")
    )

    assert outcome["dossier_id"] is None
    assert "BIO" in outcome["unmet"][0]
    assert _counts(referral_id) == before


def test_a_copy_not_yet_printed_answers_409_with_retry_after(client, people, linkage):
    case_id = linkage["id"]
    partner = _partner(client, people, "BIO", "financial", ["meso_credit"])
    referral_id = _refer(client, people, case_id, partner)
    with open_session() as session:
        commit_send(uuid.UUID(referral_id), session=session, actor_id=None)
        session.commit()

    pending = client.get(
        f"/cases/{case_id}/referrals/{referral_id}/dossier.pdf", headers=people.advisor.headers
    )

    assert pending.status_code == 409
    assert pending.headers["Retry-After"] == "2"
    never_sent = _refer(client, people, case_id, _partner(client, people, "Lab", "technical", []))
    missing = client.get(
        f"/cases/{case_id}/referrals/{never_sent}/dossier.pdf", headers=people.advisor.headers
    )
    assert missing.status_code == 404


# The notes staff wrote come as SecretStr: plain text to the flow, stars to Prefect.
PLAIN = {uuid.UUID, str, uuid.UUID | None, str | None, SecretStr, SecretStr | None}


@pytest.mark.parametrize("flow", [send_referral, render_referral_dossier])
def test_the_flows_take_and_return_plain_values_only(flow):
    signature = inspect.signature(flow.fn)
    assert {p.annotation for p in signature.parameters.values()} <= PLAIN
    assert signature.return_annotation == dict[str, Any]


def test_a_send_outcome_is_plain_json(client, people, linkage):
    partner = _partner(client, people, "BIO", "financial", ["meso_credit"])
    referral_id = _refer(client, people, linkage["id"], partner)
    outcome = asyncio.run(
        send_referral(
            referral_id=uuid.UUID(referral_id), reference=linkage["reference"], partner="bio"
        )
    )
    assert json.loads(json.dumps(outcome)) == outcome


def test_a_send_that_read_the_draft_before_another_send_committed_sends_nothing(
    client, people, linkage
):
    """The race the simultaneous sends hit now and then, played in order."""
    partner = _partner(client, people, "BIO", "financial", ["meso_credit"])
    referral_id = uuid.UUID(_refer(client, people, linkage["id"], partner))
    with open_session() as late:
        draft = late.get(Referral, referral_id)  # read while still a draft, and held
        assert draft is not None
        assert draft.dossier_id is None
        with open_session() as first:
            sent = commit_send(referral_id, session=first, actor_id=None)
            first.commit()
        before = _counts(str(referral_id))
        outcome = commit_send(referral_id, session=late, actor_id=None)
        late.commit()

    assert (outcome.already_sent, outcome.dossier_id) == (True, sent.dossier_id)
    assert _counts(str(referral_id)) == before


def test_two_simultaneous_sends_send_once_with_one_dossier(client, people, linkage):
    case_id, reference = linkage["id"], linkage["reference"]
    partner = _partner(client, people, "BIO", "financial", ["meso_credit"])
    referral_id = _refer(client, people, case_id, partner)
    before = _counts(referral_id)
    outcomes: list[dict[str, Any]] = []

    def send() -> None:
        run = send_referral(referral_id=uuid.UUID(referral_id), reference=reference, partner="bio")
        outcomes.append(asyncio.run(run))

    racers = [threading.Thread(target=send) for _ in range(2)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()

    assert len({o["dossier_id"] for o in outcomes}) == 1
    assert sorted(o["already_sent"] for o in outcomes) == [False, True]
    events, dossiers = _counts(referral_id)
    assert (events, dossiers) == (before[0] + 1, before[1] + 1)
