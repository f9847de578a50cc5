"""Consent before anything is shared: only the entrepreneur gives or withdraws it.

DESIGN.md §6: a referral becomes `sent` only under a standing consent for its
partner; withdrawing consent keeps the row (history is never deleted) and flags
the referrals already sent to that partner for the advisor.
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import People
from tests.journey import add_partner, case_at, ok, open_case


def consent(client: TestClient, case_id: str, partner_id: str, people: People) -> Any:
    body = {"partner_id": partner_id}
    return client.post(f"/cases/{case_id}/consents", json=body, headers=people.entrepreneur.headers)


def test_the_entrepreneur_consents_and_everyone_on_the_case_reads_it(client, people):
    case_id = open_case(client, people.entrepreneur)["id"]
    partner = add_partner(client, people.manager)

    given = ok(consent(client, case_id, partner["id"], people), 201)

    assert set(given) >= {"id", "partner_id", "given_at"}
    assert given["partner_id"] == partner["id"]
    for reader in (people.entrepreneur, people.advisor, people.manager):
        listed = ok(client.get(f"/cases/{case_id}/consents", headers=reader.headers))
        assert [c["id"] for c in listed] == [given["id"]]
        assert listed[0]["withdrawn_at"] is None
    timeline = ok(client.get(f"/cases/{case_id}/status", headers=people.entrepreneur.headers))
    assert any(partner["name"] in e["summary"] for e in timeline["timeline"])


def test_staff_may_not_consent_for_the_entrepreneur_and_another_one_does_not_see_the_case(
    client, people
):
    case_id = open_case(client, people.entrepreneur)["id"]
    partner = add_partner(client, people.manager)
    body = {"partner_id": partner["id"]}
    url = f"/cases/{case_id}/consents"

    assert client.post(url, json=body, headers=people.advisor.headers).status_code == 403
    assert client.post(url, json=body, headers=people.manager.headers).status_code == 403
    probing = client.post(url, json=body, headers=people.other_entrepreneur.headers)
    assert probing.status_code == 404
    assert ok(client.get(url, headers=people.advisor.headers)) == []


def test_consent_names_a_partner_of_the_directory_once(client, people):
    case_id = open_case(client, people.entrepreneur)["id"]
    partner = add_partner(client, people.manager)

    unknown = consent(client, case_id, "00000000-0000-4000-8000-000000000000", people)
    assert unknown.status_code == 422
    assert unknown.json()["detail"][0]["loc"] == ["body", "partner_id"]
    ok(consent(client, case_id, partner["id"], people), 201)
    again = consent(client, case_id, partner["id"], people)
    assert again.status_code == 409
    assert again.json()["field"] == "partner_id"


def test_withdrawing_keeps_the_consent_as_history_and_a_new_one_can_be_given(client, people):
    case_id = open_case(client, people.entrepreneur)["id"]
    partner = add_partner(client, people.manager)
    given = ok(consent(client, case_id, partner["id"], people), 201)
    url = f"/cases/{case_id}/consents/{given['id']}"

    assert client.delete(url, headers=people.advisor.headers).status_code == 403
    assert client.delete(url, headers=people.entrepreneur.headers).status_code == 204
    assert client.delete(url, headers=people.entrepreneur.headers).status_code == 204

    listed = ok(client.get(f"/cases/{case_id}/consents", headers=people.advisor.headers))
    assert [c["id"] for c in listed] == [given["id"]]
    assert listed[0]["withdrawn_at"] is not None
    ok(consent(client, case_id, partner["id"], people), 201)
    missing = f"/cases/{case_id}/consents/00000000-0000-4000-8000-000000000000"
    assert client.delete(missing, headers=people.entrepreneur.headers).status_code == 404


@pytest.mark.usefixtures("prefect_server")
def test_a_referral_is_not_sent_without_consent_and_withdrawal_flags_it(client, people):
    case_id = case_at(client, "linkage", people)["id"]
    partner = add_partner(client, people.manager, name="Meso lender")
    referrals, advisor = f"/cases/{case_id}/referrals", people.advisor.headers
    body = {"partner_id": partner["id"], "purpose": "Meso-credit for the cold room"}
    referral = ok(client.post(referrals, json=body, headers=advisor), 201)
    sent = {"status": "sent"}

    refused = client.patch(f"{referrals}/{referral['id']}", json=sent, headers=advisor)

    assert refused.status_code == 409
    assert "Meso lender" in refused.json()["detail"]["unmet"][0]
    assert [r["status"] for r in ok(client.get(referrals, headers=advisor))] == ["draft"]

    given = ok(consent(client, case_id, partner["id"], people), 201)
    ok(client.patch(f"{referrals}/{referral['id']}", json=sent, headers=advisor))
    assert ok(client.get(referrals, headers=advisor))[0]["flags"] == []

    url = f"/cases/{case_id}/consents/{given['id']}"
    assert client.delete(url, headers=people.entrepreneur.headers).status_code == 204

    flagged = ok(client.get(referrals, headers=advisor))[0]
    assert flagged["status"] == "sent"
    assert len(flagged["flags"]) == 1
    assert "Consent withdrawn" in flagged["flags"][0]
    events = ok(client.get(f"/cases/{case_id}/events", headers=advisor))
    assert [e["kind"] for e in events][-1] == "consent_withdrawn"
