"""One case's whole journey through the HTTP API, on real flows, store and PDFs."""

import hashlib
import io
import re

import pytest
from pypdf import PdfReader

from tests.journey import (
    accepted_referral,
    add_partner,
    assess,
    close_follow_up,
    move,
    ok,
    open_case,
    prepare_support,
    printed_dossiers,
)

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_a_case_travels_all_four_stages_to_completion(client, people):
    case = open_case(client, people.entrepreneur)
    assert (case["stage"], case["status"]) == ("reception", "active")
    assert re.fullmatch(r"[A-Z]{2,6}-\d{4}-0001", case["reference"])

    assess(client, case["id"], people.advisor)
    assert move(client, case["id"], "support", people.advisor)["stage"] == "support"

    add_partner(client, people.manager, "CDE")
    prepare_support(client, case["id"], people)
    linked = move(client, case["id"], "linkage", people.advisor)
    assert linked["stage"] == "linkage"
    plan = ok(client.get(f"/cases/{case['id']}/investment-plan", headers=people.advisor.headers))
    assert plan["results_frozen_at"] is not None

    linkage_dossier = _dossier_text(client, case["id"], "linkage", people)
    assert case["reference"] in linkage_dossier
    assert f"{plan['results']['npv']:,.0f} XOF" in linkage_dossier
    assert "CDE" in linkage_dossier

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

    kept = printed_dossiers(client, case["id"], people.entrepreneur)
    assert [d["stage"] for d in kept] == ["support", "linkage", "follow_up", "completed"]
    assert all(len(d["sha256"]) == 64 for d in kept)


def _dossier_text(client, case_id, stage, people):
    """The text of the dossier kept when the case entered `stage`, checked against its sha256."""
    kept = printed_dossiers(client, case_id, people.entrepreneur)
    dossier = next(d for d in kept if d["stage"] == stage)
    pdf = client.get(
        f"/cases/{case_id}/dossiers/{dossier['id']}.pdf", headers=people.entrepreneur.headers
    )
    assert hashlib.sha256(pdf.content).hexdigest() == dossier["sha256"]
    reader = PdfReader(io.BytesIO(pdf.content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


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
