"""The intake: why the project, with what, and what the person intends.

Every answer is optional; mobility and residence status are read by the person, the
case's advisor and managers only (never another advisor, never a partner); a planned
test period shows the person a checklist, as information.
"""

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from casework.database import open_session
from casework.dossier.gather import gather_partner_dossier
from casework.dossier.partner_render import render_partner_dossier_html
from casework.models import Case, Partner, Referral
from tests.conftest import People
from tests.journey import add_partner, case_at, ok, open_case

pytestmark = pytest.mark.usefixtures("prefect_server")

INTAKE = {
    "reasons": ["preparing_return", "supporting_family"],
    "sector_experience_years": 6,
    "sector_experience": "Six years in a fish-processing plant in Marseille",
    "own_contribution_eur": 12000,
    "skills_from_abroad": "Cold-chain maintenance and HACCP audits",
    "networks": {
        "family": "A brother who sells fish at the Mbour wharf",
        "diaspora_associations": ["Association des Mbourois de Marseille"],
        "partners_in_contact": ["Mbour fishers' cooperative"],
    },
    "mobility": "test_period",
    "residence_status": "temporary_permit",
}


def intake_url(case: dict[str, Any]) -> str:
    return f"/cases/{case['id']}/intake"


def test_the_person_records_their_intake_and_reads_it_whole(client: TestClient, people: People):
    case = open_case(client, people.entrepreneur)
    empty = ok(client.get(intake_url(case), headers=people.entrepreneur.headers))
    assert (empty["reasons"], empty["mobility"], empty["updated_at"]) == ([], None, None)

    saved = ok(client.put(intake_url(case), json=INTAKE, headers=people.entrepreneur.headers))

    assert {k: saved[k] for k in INTAKE} == INTAKE
    assert saved["sensitive_shown"] is True
    events = ok(client.get(f"/cases/{case['id']}/events", headers=people.advisor.headers))
    recorded = [e["summary"] for e in events if e["kind"] == "intake_recorded"]
    assert recorded == ["The intake was recorded by an entrepreneur."]
    # Saving the same answers again records nothing new.
    ok(client.put(intake_url(case), json=INTAKE, headers=people.entrepreneur.headers))
    events = ok(client.get(f"/cases/{case['id']}/events", headers=people.advisor.headers))
    assert [e["kind"] for e in events].count("intake_recorded") == 1


def test_mobility_and_residence_are_for_the_person_the_case_advisor_and_managers(
    client: TestClient, people: People
):
    case = open_case(client, people.entrepreneur)
    ok(client.put(intake_url(case), json=INTAKE, headers=people.entrepreneur.headers))

    def read(person: Any) -> dict[str, Any]:
        return ok(client.get(intake_url(case), headers=person.headers))

    unassigned = read(people.advisor)
    assert (unassigned["mobility"], unassigned["residence_status"]) == (None, None)
    assert unassigned["sensitive_shown"] is False
    assert unassigned["reasons"] == INTAKE["reasons"]
    manager = read(people.manager)
    assert (manager["mobility"], manager["residence_status"]) == ("test_period", "temporary_permit")
    stranger = client.get(intake_url(case), headers=people.other_entrepreneur.headers)
    assert stranger.status_code == 404

    take = {"advisor_id": people.advisor.id}
    ok(client.put(f"/cases/{case['id']}/advisor", json=take, headers=people.advisor.headers))
    assert read(people.advisor)["mobility"] == "test_period"


def test_an_advisor_who_may_not_read_them_may_not_write_them_and_keeps_them(
    client: TestClient, people: People
):
    case = open_case(client, people.entrepreneur)
    ok(client.put(intake_url(case), json=INTAKE, headers=people.entrepreneur.headers))

    refused = client.put(
        intake_url(case), json={"mobility": "return"}, headers=people.advisor.headers
    )
    assert refused.status_code == 403, refused.text
    rest = {k: v for k, v in INTAKE.items() if k not in ("mobility", "residence_status")}
    ok(
        client.put(
            intake_url(case),
            json=rest | {"reasons": ["investment"]},
            headers=people.advisor.headers,
        )
    )

    whole = ok(client.get(intake_url(case), headers=people.entrepreneur.headers))
    assert whole["reasons"] == ["investment"]
    assert (whole["mobility"], whole["residence_status"]) == ("test_period", "temporary_permit")


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"reasons": ["tax_optimisation"]}, ["body", "reasons", 0]),
        ({"reasons": ["investment", "investment"]}, ["body", "reasons"]),
        ({"own_contribution_eur": -5}, ["body", "own_contribution_eur"]),
        ({"sector_experience_years": 200}, ["body", "sector_experience_years"]),
        ({"mobility": "moving_back"}, ["body", "mobility"]),
        ({"residence_status": "refugee_status"}, ["body", "residence_status"]),
        (
            {"networks": {"partners_in_contact": ["  "]}},
            ["body", "networks", "partners_in_contact"],
        ),
        ({"nationality": "SN"}, ["body", "nationality"]),
    ],
)
def test_bad_answers_are_refused_naming_the_field_and_nothing_is_kept(
    client: TestClient, people: People, body: dict[str, Any], loc: list[Any]
):
    case = open_case(client, people.entrepreneur)
    answer = client.put(intake_url(case), json=body, headers=people.entrepreneur.headers)
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"] == loc
    kept = ok(client.get(intake_url(case), headers=people.entrepreneur.headers))
    assert kept["updated_at"] is None


def status_of(client: TestClient, case: dict[str, Any], person: Any) -> dict[str, Any]:
    return ok(client.get(f"/cases/{case['id']}/status", headers=person.headers))


def test_a_planned_test_period_shows_its_checklist_to_those_who_may_know(
    client: TestClient, people: People
):
    case = open_case(client, people.entrepreneur)
    assert status_of(client, case, people.entrepreneur)["test_period_checklist"] == []
    ok(client.put(intake_url(case), json=INTAKE, headers=people.entrepreneur.headers))

    checklist = status_of(client, case, people.entrepreneur)["test_period_checklist"]
    assert any("residence permit" in line for line in checklist)
    assert any("sabbatical" in line for line in checklist)
    assert "never depends on whether you return" in checklist[-1]
    assert status_of(client, case, people.manager)["test_period_checklist"] == checklist
    # Another advisor of the unit reads the status, not what the person intends.
    assert status_of(client, case, people.advisor)["test_period_checklist"] == []

    staying = INTAKE | {"mobility": "stay_abroad"}
    ok(client.put(intake_url(case), json=staying, headers=people.entrepreneur.headers))
    assert status_of(client, case, people.entrepreneur)["test_period_checklist"] == []


def test_a_partner_never_reads_the_intake(client: TestClient, people: People):
    case = case_at(client, "linkage", people)
    ok(client.put(intake_url(case), json=INTAKE, headers=people.entrepreneur.headers))
    partner = add_partner(client, people.manager)
    body = {"partner_id": partner["id"], "purpose": "Technical assistance"}
    ok(
        client.post(f"/cases/{case['id']}/referrals", json=body, headers=people.advisor.headers),
        201,
    )

    with open_session() as session:
        found = session.get(Case, uuid.UUID(case["id"]))
        referral = session.exec(select(Referral)).one()
        directory = session.get(Partner, referral.partner_id)
        assert found is not None
        assert directory is not None
        context = gather_partner_dossier(found, referral, directory, session=session)
        html = render_partner_dossier_html(context)

    for words in (
        "Marseille",
        "HACCP",
        "Mbour wharf",
        "Mbourois",
        "test period",
        "test_period",
        "temporary",
        "preparing",
    ):
        assert words not in html, words


def test_the_portfolio_counts_the_reasons_and_intentions_for_women_and_men(
    client: TestClient, people: People
):
    hers = open_case(client, people.entrepreneur)
    his = open_case(client, people.other_entrepreneur, title="Bakery in Thiès")
    ok(client.put(intake_url(hers), json=INTAKE, headers=people.entrepreneur.headers))
    body = {"reasons": ["investment", "supporting_family"]}
    ok(client.put(intake_url(his), json=body, headers=people.other_entrepreneur.headers))

    intake = ok(client.get("/reports/portfolio", headers=people.manager.headers))["intake"]

    assert intake["answered"]["cases"] == 2
    family = intake["reasons"]["supporting_family"]
    assert (family["cases"], family["by_gender"]["woman"], family["by_gender"]["man"]) == (2, 1, 1)
    assert intake["reasons"]["preparing_return"]["by_gender"] == {
        "woman": 1,
        "man": 0,
        "other": 0,
        "undisclosed": 0,
    }
    assert intake["reasons"]["preparing_return"]["by_origin"]["diaspora"] == 1
    assert intake["mobility"]["test_period"]["cases"] == 1
    assert intake["mobility"]["not_said"]["cases"] == 1
    assert intake["reasons"]["creating_jobs_at_home"]["cases"] == 0
