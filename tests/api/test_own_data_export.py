"""A person's export holds everything of theirs casework shows them, and nothing of anyone else."""

import json

import pytest
from fastapi.testclient import TestClient

from tests.conftest import People
from tests.journey import case_at, ok, open_case, printed_dossiers

pytestmark = pytest.mark.usefixtures("prefect_server")


def test_the_export_holds_the_persons_cases_plans_reports_consents_and_dossiers(
    client: TestClient, people: People
):
    followed = case_at(client, "follow_up", people)  # plan, referral, milestones, dossiers
    fresh = open_case(client, people.entrepreneur, title="A bakery in Thiès")
    printed = printed_dossiers(client, followed["id"], people.entrepreneur)
    year = {"period": 1, "revenue": 5_000_000, "operating_costs": 4_000_000}
    reports = f"/cases/{followed['id']}/follow-up-reports"
    ok(client.post(reports, json=year, headers=people.entrepreneur.headers), 201)

    export = ok(client.get("/auth/me/export", headers=people.entrepreneur.headers))

    assert export["format"] == "casework-export/1"
    assert export["account"]["email"] == people.entrepreneur.email
    assert export["profile"]["gender"] == "woman"
    by_id = {entry["case"]["id"]: entry for entry in export["cases"]}
    assert list(by_id) == [followed["id"], fresh["id"]]  # oldest first
    whole = by_id[followed["id"]]
    assert whole["case"]["stage"] == "follow_up"
    assert whole["standing"]["timeline"], "the public timeline"
    assert [v["version"] for v in whole["plan_versions"]] == [1]
    assert [r["period"] for r in whole["follow_up_reports"]] == [1]
    assert whole["consents"]
    assert whole["referrals"]
    assert whole["milestones"]
    assert {d["id"] for d in whole["dossiers"]} == {d["id"] for d in printed}
    assert by_id[fresh["id"]]["plan_versions"] == []


def test_the_export_holds_nothing_of_anyone_else_nor_the_staffs_own_notes(
    client: TestClient, people: People
):
    followed = case_at(client, "follow_up", people)
    someone_else = open_case(client, people.other_entrepreneur, title="Someone else's garage")

    text = client.get("/auth/me/export", headers=people.entrepreneur.headers).text

    for foreign in (
        someone_else["id"],
        "Someone else's garage",
        people.other_entrepreneur.email,
        people.other_entrepreneur.id,
        people.advisor.email,
        "Awa Ndiaye",  # the advisor's name: staff appear by id only
        people.manager.email,
    ):
        assert foreign not in text, foreign
    staff_view = client.get(f"/cases/{followed['id']}/assessment", headers=people.advisor.headers)
    notes = staff_view.json()["notes"]
    assert notes
    assert notes not in text, "the assessment's notes stay with the staff"
    referral = client.get(f"/cases/{followed['id']}/referrals", headers=people.advisor.headers)
    internal = [r["internal_note"] for r in referral.json() if r.get("internal_note")]
    assert all(note not in text for note in internal)
    assert "internal_note" not in json.loads(text)["cases"][0]["referrals"][0]


def test_staff_export_their_account_and_no_case(client: TestClient, people: People):
    open_case(client, people.entrepreneur)
    export = ok(client.get("/auth/me/export", headers=people.advisor.headers))
    assert (export["account"]["email"], export["profile"], export["cases"]) == (
        people.advisor.email,
        None,
        [],
    )
