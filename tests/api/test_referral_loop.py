"""Referrals that close: the lines asked for, each answer recorded, response times, flags.

Issue 8, part 5: a referral names the plan's financing lines it asks for; an
acceptance records the amount offered, a decline its reason, a completion its
outcome; a decline or completion without them is flagged for the advisor until
the record is completed; an invalid move answers 409 with the allowed next
states; the internal note is for staff only.
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import People
from tests.journey import case_at, ok

pytestmark = pytest.mark.usefixtures("prefect_server")


def partner(client: TestClient, people: People, kind: str, services: list[str]) -> str:
    body = {"name": f"{kind} partner {len(services)}", "kind": kind, "services": services}
    return str(ok(client.post("/partners", json=body, headers=people.manager.headers), 201)["id"])


class Loop:
    """A case in linkage and the advisor's hand on its referrals."""

    def __init__(self, client: TestClient, people: People) -> None:
        self.client, self.people = client, people
        self.case_id = case_at(client, "linkage", people)["id"]
        self.url = f"/cases/{self.case_id}/referrals"

    def refer(self, partner_id: str, **extra: Any) -> dict[str, Any]:
        body = {"partner_id": partner_id, "purpose": "Meso-credit for the cold room", **extra}
        return self.client.post(self.url, json=body, headers=self.people.advisor.headers)

    def sent(self, partner_id: str, **extra: Any) -> dict[str, Any]:
        referral = ok(self.refer(partner_id, **extra), 201)
        consent = {"partner_id": partner_id}
        headers = self.people.entrepreneur.headers
        ok(self.client.post(f"/cases/{self.case_id}/consents", json=consent, headers=headers), 201)
        return ok(self.patch(referral["id"], {"status": "sent"}))

    def patch(self, referral_id: str, body: dict[str, Any]) -> Any:
        url = f"{self.url}/{referral_id}"
        return self.client.patch(url, json=body, headers=self.people.advisor.headers)


@pytest.fixture
def loop(client: TestClient, people: People) -> Loop:
    return Loop(client, people)


def test_a_referral_asks_by_default_for_the_lines_the_partners_services_fund(loop, people):
    lender = partner(loop.client, people, "financial", ["meso_credit", "loan"])
    adviser = partner(loop.client, people, "technical", ["feasibility_study"])

    # The journey's plan: own funds (line 0) and a meso-credit (line 1).
    assert ok(loop.refer(lender), 201)["financing_lines"] == [1]
    assert ok(loop.refer(adviser), 201)["financing_lines"] == []
    assert ok(loop.refer(adviser, financing_lines=[1, 1]), 201)["financing_lines"] == [1]

    own_funds = loop.refer(lender, financing_lines=[0])
    assert own_funds.status_code == 422
    assert own_funds.json()["detail"][0]["loc"] == ["body", "financing_lines"]
    assert loop.refer(lender, financing_lines=[7]).status_code == 422


def test_acceptance_records_the_amount_offered_and_the_response_times(loop, people):
    lender = partner(loop.client, people, "financial", ["meso_credit"])
    referral = loop.sent(lender)
    assert referral["sent_at"] is not None
    assert referral["answered_at"] is None

    early = loop.patch(referral["id"], {"status": "acknowledged", "amount_offered": 5e6})
    assert early.status_code == 422
    assert early.json()["detail"][0]["loc"] == ["body", "amount_offered"]

    accepted = ok(loop.patch(referral["id"], {"status": "accepted", "amount_offered": 6_500_000}))

    assert accepted["status"] == "accepted"
    assert accepted["amount_offered"] == 6_500_000
    assert accepted["answered_at"] >= accepted["sent_at"]
    assert accepted["flags"] == []


def test_a_decline_without_its_reason_is_flagged_until_the_record_is_completed(loop, people):
    lender = partner(loop.client, people, "financial", ["meso_credit"])
    referral = loop.sent(lender)

    declined = ok(loop.patch(referral["id"], {"status": "declined"}))
    assert declined["closed_at"] is not None
    assert [f for f in declined["flags"] if f.startswith("Record to complete")]

    again = loop.patch(referral["id"], {"status": "declined"})
    assert again.status_code == 409, "nothing to record: the same status is no move"
    completed = ok(
        loop.patch(referral["id"], {"status": "declined", "decline_reason": "No collateral yet"})
    )
    assert completed["decline_reason"] == "No collateral yet"
    assert completed["flags"] == []
    assert completed["closed_at"] == declined["closed_at"]


def test_a_completion_records_the_outcome_the_partners_kind_gives(loop, people):
    lender = partner(loop.client, people, "financial", ["meso_credit"])
    referral = loop.sent(lender)
    ok(loop.patch(referral["id"], {"status": "accepted"}))

    partial = loop.patch(
        referral["id"], {"status": "completed", "outcome": {"amount_granted": 7e6}}
    )
    assert partial.status_code == 422
    assert partial.json()["detail"][0]["loc"] == ["body", "outcome", "instrument"]

    bare = ok(loop.patch(referral["id"], {"status": "completed"}))
    assert bare["outcome"] is None
    assert [f for f in bare["flags"] if f.startswith("Record to complete")]

    outcome = {"amount_granted": 7_000_000, "instrument": "meso-credit", "terms": "9%, 4 years"}
    done = ok(loop.patch(referral["id"], {"status": "completed", "outcome": outcome}))
    assert done["outcome"]["amount_granted"] == 7_000_000
    assert done["outcome"]["instrument"] == "meso-credit"
    assert done["flags"] == []


def test_a_technical_partner_completes_with_the_services_delivered(loop, people):
    adviser = partner(loop.client, people, "technical", ["feasibility_study"])
    referral = loop.sent(adviser)
    ok(loop.patch(referral["id"], {"status": "accepted"}))

    outcome = {"services_delivered": ["Feasibility study", "Field visit"]}
    done = ok(loop.patch(referral["id"], {"status": "completed", "outcome": outcome}))

    assert done["outcome"]["services_delivered"] == ["Feasibility study", "Field visit"]


def test_an_invalid_move_answers_409_naming_the_allowed_next_states(loop, people):
    lender = partner(loop.client, people, "financial", ["meso_credit"])
    referral = loop.sent(lender)

    response = loop.patch(referral["id"], {"status": "completed"})

    assert response.status_code == 409
    assert response.json()["field"] == "status"
    assert "accepted, acknowledged, declined, withdrawn" in response.json()["detail"]


def test_only_staff_read_the_internal_note(loop, people):
    lender = partner(loop.client, people, "financial", ["meso_credit"])
    referral = ok(loop.refer(lender, internal_note="Ask for the ZQXNOTE guarantee first."), 201)
    assert referral["internal_note"] == "Ask for the ZQXNOTE guarantee first."
    ok(loop.patch(referral["id"], {"status": "withdrawn", "internal_note": "Changed: ZQXLATER"}))

    for reader in (people.advisor, people.manager):
        listed = ok(loop.client.get(loop.url, headers=reader.headers))
        assert listed[0]["internal_note"] == "Changed: ZQXLATER"
    owners = loop.client.get(loop.url, headers=people.entrepreneur.headers)
    assert "internal_note" not in ok(owners)[0]
    assert "ZQX" not in owners.text
    status = loop.client.get(f"/cases/{loop.case_id}/status", headers=people.entrepreneur.headers)
    assert "ZQX" not in status.text


def test_a_retired_partner_gets_no_new_referral(loop, people):
    lender = partner(loop.client, people, "financial", ["meso_credit"])
    retired = {"active": False}
    ok(loop.client.patch(f"/partners/{lender}", json=retired, headers=people.manager.headers))

    refused = loop.refer(lender)

    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "partner_id"]
    assert ok(loop.client.get(loop.url, headers=people.advisor.headers)) == []
