"""The linkage gate covers each external financing line: by accepted referrals, or from outside."""

import pytest
from fastapi.testclient import TestClient

from tests.conftest import People
from tests.journey import case_at, ok

pytestmark = pytest.mark.usefixtures("prefect_server")

MESO_LENDER = {
    "name": "Meso lender of Thiès",
    "kind": "financial",
    "services": ["meso_credit"],
    "ticket_min_eur": 5_000,
    "ticket_max_eur": 50_000,
}


def _referral_accepted(client: TestClient, case_id: str, people: People, **answer) -> dict:
    partner = ok(client.post("/partners", json=MESO_LENDER, headers=people.manager.headers), 201)
    base = f"/cases/{case_id}/referrals"
    referral = ok(
        client.post(
            base,
            json={"partner_id": partner["id"], "purpose": "Meso-credit for the cold room"},
            headers=people.advisor.headers,
        ),
        201,
    )
    ok(
        client.post(
            f"/cases/{case_id}/consents",
            json={"partner_id": partner["id"]},
            headers=people.entrepreneur.headers,
        ),
        201,
    )
    for status in ("sent", "accepted"):
        body = {"status": status, **(answer if status == "accepted" else {})}
        ok(client.patch(f"{base}/{referral['id']}", json=body, headers=people.advisor.headers))
    return referral


def _to_follow_up(client: TestClient, case_id: str, people: People):
    return client.post(
        f"/cases/{case_id}/transitions", json={"to": "follow_up"}, headers=people.advisor.headers
    )


def test_a_partial_offer_leaves_the_rest_of_its_line_to_cover(client: TestClient, people: People):
    case = case_at(client, "linkage", people)
    referral = _referral_accepted(client, case["id"], people, amount_offered=4_000_000)
    assert referral["financing_lines"] == [1], "a meso lender is asked for the meso-credit line"

    closed = _to_follow_up(client, case["id"], people)
    assert closed.status_code == 409
    assert closed.json()["detail"]["unmet"] == [
        "Financing line 1 (meso credit, 7,000,000 XOF): 3,000,000 XOF of it is not yet "
        "covered. An accepted referral asking for it covers it, or the advisor can record "
        "that it is financed outside the unit."
    ]

    outside = f"/cases/{case['id']}/financing-lines/1/financed-outside"
    note = {"note": "The rest comes from a rotating savings group (tontine)."}
    marked = ok(client.put(outside, json=note, headers=people.advisor.headers))
    assert marked["financed_outside"]["1"]["note"] == note["note"]
    assert ok(_to_follow_up(client, case["id"], people))["stage"] == "follow_up"


def test_an_offer_without_an_amount_covers_its_line_in_full(client: TestClient, people: People):
    case = case_at(client, "linkage", people)
    _referral_accepted(client, case["id"], people)
    assert ok(_to_follow_up(client, case["id"], people))["stage"] == "follow_up"


def test_only_an_external_line_can_be_financed_outside_and_only_by_the_advisor(
    client: TestClient, people: People
):
    case = case_at(client, "linkage", people)
    base = f"/cases/{case['id']}/financing-lines"
    note = {"note": "Savings."}
    own = client.put(f"{base}/0/financed-outside", json=note, headers=people.advisor.headers)
    assert own.status_code == 409
    assert "own circle" in own.json()["detail"]
    assert (
        client.put(
            f"{base}/9/financed-outside", json=note, headers=people.advisor.headers
        ).status_code
        == 404
    )
    assert (
        client.delete(f"{base}/1/financed-outside", headers=people.advisor.headers).status_code
        == 404
    )
    assert (
        client.put(
            f"{base}/1/financed-outside", json=note, headers=people.entrepreneur.headers
        ).status_code
        == 403
    )
    ok(client.put(f"{base}/1/financed-outside", json=note, headers=people.advisor.headers))
    taken_back = client.delete(f"{base}/1/financed-outside", headers=people.advisor.headers)
    assert taken_back.status_code == 204
    closed = _to_follow_up(client, case["id"], people)
    assert any("Financing line 1" in s for s in closed.json()["detail"]["unmet"])
