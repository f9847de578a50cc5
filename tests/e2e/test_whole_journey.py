"""One case's whole journey through the HTTP API, on real flows, store and PDFs."""

import io
import re

import pytest
from pypdf import PdfReader

from tests.journey import (
    accepted_referral,
    assess,
    close_follow_up,
    move,
    ok,
    open_case,
    prepare_support,
)

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_a_case_travels_all_four_stages_to_completion(client, people):
    case = open_case(client, people.entrepreneur)
    assert (case["stage"], case["status"]) == ("reception", "active")
    assert re.fullmatch(r"[A-Z]{2,6}-\d{4}-0001", case["reference"])

    assess(client, case["id"], people.advisor)
    assert move(client, case["id"], "support", people.advisor)["stage"] == "support"

    prepare_support(client, case["id"], people)
    linked = move(client, case["id"], "linkage", people.advisor)
    assert linked["stage"] == "linkage"
    plan = ok(client.get(f"/cases/{case['id']}/investment-plan", headers=people.advisor.headers))
    assert plan["results_frozen_at"] is not None

    accepted_referral(client, case["id"], people)
    followed = move(client, case["id"], "follow_up", people.advisor)
    assert followed["stage"] == "follow_up"
    assert followed["follow_up_until"] is not None

    close_follow_up(client, case["id"], people.advisor)
    done = move(client, case["id"], "completed", people.advisor)
    assert (done["stage"], done["status"]) == ("completed", "completed")

    status = ok(client.get(f"/cases/{case['id']}/status", headers=people.entrepreneur.headers))
    kinds = [line["kind"] for line in status["timeline"]]
    assert kinds.count("stage_changed") == 4
    assert status["next_steps"] == ["Support is complete. Congratulations on your enterprise."]

    kept = ok(client.get(f"/cases/{case['id']}/dossiers", headers=people.entrepreneur.headers))
    assert [d["stage"] for d in kept] == ["support", "linkage", "follow_up", "completed"]
    pdf = client.get(
        f"/cases/{case['id']}/dossiers/{kept[1]['id']}.pdf", headers=people.entrepreneur.headers
    )
    assert pdf.headers["X-Content-SHA256"] == kept[1]["sha256"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert case["reference"] in text


def test_a_non_viable_case_is_reoriented_with_reason_and_suggestions(client, people):
    case = open_case(client, people.entrepreneur)
    assess(client, case["id"], people.advisor, decision="reorient")
    refused = client.post(
        f"/cases/{case['id']}/transitions", json={"to": "support"}, headers=people.advisor.headers
    )
    assert refused.status_code == 409
    assert "reorient" in refused.json()["detail"]["unmet"][0]

    body = {"reason": "The market is saturated.", "suggestions": ["Join the fishers' cooperative"]}
    reoriented = ok(
        client.post(f"/cases/{case['id']}/reorientation", json=body, headers=people.advisor.headers)
    )
    assert (reoriented["stage"], reoriented["status"]) == ("reception", "reoriented")
    assert reoriented["reorientation_suggestions"] == ["Join the fishers' cooperative"]
    status = ok(client.get(f"/cases/{case['id']}/status", headers=people.entrepreneur.headers))
    assert (
        status["timeline"][-1]["summary"] == "The project was reoriented: The market is saturated."
    )
