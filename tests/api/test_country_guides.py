"""Country guides: managers keep them, everyone reads them, cases gain those that apply.

A guide joins the open cases of its country (and sector) when it is written, a case gains
the guides that apply when it is opened or its country changes, an advisor adds or
removes one with a note, and a guide past its age is a manager's task, about no case.
"""

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient

from api.tokens import issue_token
from casework.database import open_session
from casework.models import User
from casework.services.cases import today
from flows.sweep_flow import follow_up_sweep
from tests.conftest import OtherUnit, People
from tests.dossier_samples import pdf_text
from tests.journey import ok, open_case

pytestmark = pytest.mark.usefixtures("prefect_server")


def guide_body(**changes: Any) -> dict[str, Any]:
    body = {
        "country": "SN",
        "topic": "special_economic_zones",
        "title": "Special economic zones in Senegal",
        "text": "The Diamniadio zone offers a single window for company registration.",
        "sources": ["https://apix.sn/zones"],
        "language": "en",
        "checked_on": date.today().isoformat(),
    }
    return body | changes


def write_guide(client: TestClient, people: People, **changes: Any) -> dict[str, Any]:
    answer = client.post("/guides", json=guide_body(**changes), headers=people.manager.headers)
    return ok(answer, 201)


def case_guides(client: TestClient, case_id: str, reader: Any) -> list[dict[str, Any]]:
    return ok(client.get(f"/cases/{case_id}/guides", headers=reader.headers))


def titles(found: list[dict[str, Any]]) -> list[str]:
    return [g["guide"]["title"] for g in found if g["removed_at"] is None]


def test_a_case_opened_in_a_country_gains_its_guides_and_its_status_names_them(
    client: TestClient, people: People
):
    write_guide(client, people)
    write_guide(client, people, topic="foreign_currency_accounts", title="Accounts in euros")
    write_guide(client, people, country="ML", title="Zones in Mali")
    # A guide for another sector does not apply to a fish cold room (agri_food).
    write_guide(client, people, sector="tourism", title="Hotels by the sea")

    case = open_case(client, people.entrepreneur)

    found = case_guides(client, case["id"], people.entrepreneur)
    assert sorted(titles(found)) == ["Accounts in euros", "Special economic zones in Senegal"]
    assert {g["attached"] for g in found} == {"automatic"}
    status = ok(client.get(f"/cases/{case['id']}/status", headers=people.entrepreneur.headers))
    assert status["guidance"]["summary"] == (
        "Before you invest in Senegal: special economic zones, foreign-currency accounts."
    )
    assert [g["title"] for g in status["guidance"]["guides"]] == [
        "Accounts in euros",
        "Special economic zones in Senegal",
    ]


def test_a_guide_written_later_joins_the_open_cases_of_its_country(
    client: TestClient, people: People
):
    case = open_case(client, people.entrepreneur)
    status_url = f"/cases/{case['id']}/status"
    assert ok(client.get(status_url, headers=people.entrepreneur.headers))["guidance"] is None

    guide = write_guide(client, people)

    assert titles(case_guides(client, case["id"], people.advisor)) == [guide["title"]]
    # The status kept for the case's last version is read again: the case changed.
    status = ok(client.get(status_url, headers=people.entrepreneur.headers))
    assert [g["id"] for g in status["guidance"]["guides"]] == [guide["id"]]

    # Retired, it leaves the open case.
    ok(
        client.patch(
            f"/guides/{guide['id']}", json={"active": False}, headers=people.manager.headers
        )
    )
    assert case_guides(client, case["id"], people.advisor) == []
    assert ok(client.get(status_url, headers=people.entrepreneur.headers))["guidance"] is None


def test_a_new_country_brings_its_guides_and_takes_the_old_ones_away(
    client: TestClient, people: People
):
    write_guide(client, people)
    mali = write_guide(client, people, country="ML", title="Zones in Mali")
    case = open_case(client, people.entrepreneur)

    url = f"/cases/{case['id']}"
    ok(client.patch(url, json={"country": "ML"}, headers=people.advisor.headers))

    assert titles(case_guides(client, case["id"], people.advisor)) == [mali["title"]]
    status = ok(client.get(f"{url}/status", headers=people.entrepreneur.headers))
    assert status["guidance"]["summary"].startswith("Before you invest in Mali:")


def test_a_title_corrected_reaches_the_status_of_the_cases_showing_it(
    client: TestClient, people: People
):
    guide = write_guide(client, people)
    case = open_case(client, people.entrepreneur)
    status_url = f"/cases/{case['id']}/status"
    ok(client.get(status_url, headers=people.entrepreneur.headers))

    fixed = {"title": "Economic zones: Diamniadio and Sandiara"}
    ok(client.patch(f"/guides/{guide['id']}", json=fixed, headers=people.manager.headers))

    status = ok(client.get(status_url, headers=people.entrepreneur.headers))
    assert status["guidance"]["guides"][0]["title"] == fixed["title"]


def test_an_advisor_adds_and_removes_guides_with_a_note_and_a_removed_one_stays_removed(
    client: TestClient, people: People
):
    senegal = write_guide(client, people)
    other = write_guide(client, people, country="ML", title="Zones in Mali")
    case = open_case(client, people.entrepreneur)
    url = f"/cases/{case['id']}/guides"
    advisor = people.advisor.headers

    body = {"guide_id": other["id"], "note": "Your supplier is in Bamako: read this too."}
    added = ok(client.post(url, json=body, headers=advisor), 201)
    assert {g["guide"]["id"]: g["attached"] for g in added} == {
        senegal["id"]: "automatic",
        other["id"]: "advisor",
    }
    again = client.post(url, json=body, headers=advisor)
    assert again.status_code == 409, again.text

    removal = {"note": "The project no longer needs a zone."}
    ok(client.post(f"{url}/{senegal['id']}/removal", json=removal, headers=advisor))
    # The entrepreneur no longer sees it; staff see it taken off, and why.
    assert titles(case_guides(client, case["id"], people.entrepreneur)) == ["Zones in Mali"]
    staff_view = {g["guide"]["id"]: g for g in case_guides(client, case["id"], people.advisor)}
    assert staff_view[senegal["id"]]["note"] == removal["note"]
    assert staff_view[senegal["id"]]["removed_by"] == "Awa Ndiaye"

    # A change to the guide does not bring it back.
    ok(
        client.patch(
            f"/guides/{senegal['id']}", json={"sector": None}, headers=people.manager.headers
        )
    )
    assert titles(case_guides(client, case["id"], people.entrepreneur)) == ["Zones in Mali"]

    events = ok(client.get(f"/cases/{case['id']}/events", headers=advisor))
    said = [e["summary"] for e in events if e["kind"] in ("guide_added", "guide_removed")]
    assert said == [
        "The guide “Zones in Mali” was added to the case: "
        "Your supplier is in Bamako: read this too.",
        "The guide “Special economic zones in Senegal” was taken off the case: "
        "The project no longer needs a zone.",
    ]


def test_removing_needs_a_reason_and_a_guide_on_the_case(client: TestClient, people: People):
    guide = write_guide(client, people)
    case = open_case(client, people.entrepreneur)
    url = f"/cases/{case['id']}/guides/{guide['id']}/removal"

    bare = client.post(url, json={}, headers=people.advisor.headers)
    assert bare.status_code == 422
    assert bare.json()["detail"][0]["loc"] == ["body", "note"]
    ok(client.post(url, json={"note": "Not relevant."}, headers=people.advisor.headers))
    twice = client.post(url, json={"note": "Not relevant."}, headers=people.advisor.headers)
    assert twice.status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"topic": "tax_holidays"}, "topic"),
        ({"country": "XX"}, "country"),
        ({"country": "Senegal"}, "country"),
        ({"language": "english"}, "language"),
        ({"language": "zz"}, "language"),
        ({"sources": ["file:///etc/passwd"]}, "sources"),
        ({"sources": ["ftp://example.org/guide"]}, "sources"),
        ({"checked_on": (date.today() + timedelta(days=2)).isoformat()}, "checked_on"),
        ({"sector": "mining"}, "sector"),
    ],
)
def test_bad_guides_are_refused_naming_the_field(
    client: TestClient, people: People, change: dict[str, Any], field: str
):
    answer = client.post("/guides", json=guide_body(**change), headers=people.manager.headers)
    assert answer.status_code == 422, answer.text
    assert answer.json()["detail"][0]["loc"][:2] == ["body", field]


def test_an_entrepreneur_may_not_write_a_guide_and_reads_the_active_ones(
    client: TestClient, people: People
):
    answer = client.post("/guides", json=guide_body(), headers=people.entrepreneur.headers)
    assert answer.status_code == 403
    kept = write_guide(client, people)
    retired = write_guide(client, people, title="Old zones", active=False)

    seen = ok(client.get("/guides", params={"country": "SN"}, headers=people.entrepreneur.headers))
    assert [g["id"] for g in seen] == [kept["id"]]
    gone = client.get(f"/guides/{retired['id']}", headers=people.entrepreneur.headers)
    assert gone.status_code == 404
    staff = ok(client.get("/guides", params={"active": False}, headers=people.advisor.headers))
    assert [g["id"] for g in staff] == [retired["id"]]


def test_the_list_filters_by_country_sector_topic_and_language(client: TestClient, people: People):
    every = write_guide(client, people)
    fishing = write_guide(client, people, sector="agri_food", title="Fish processing rules")
    write_guide(client, people, sector="tourism", title="Hotels")
    french = write_guide(client, people, language="fr", title="Zones économiques spéciales")
    write_guide(client, people, country="ML", title="Mali")

    def listed(**query: Any) -> list[str]:
        found = ok(client.get("/guides", params=query, headers=people.advisor.headers))
        return sorted(g["id"] for g in found)

    assert listed(country="SN", sector="agri_food", language="en") == sorted(
        [every["id"], fishing["id"]]
    )
    assert listed(language="fr") == [french["id"]]
    assert listed(topic="land_and_property") == []
    bad = client.get("/guides", params={"topic": "taxes"}, headers=people.advisor.headers)
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["query", "topic"]


def test_a_unit_keeps_its_own_guides_and_reads_the_shared_ones(
    client: TestClient, people: People, dakar: OtherUnit
):
    shared = write_guide(client, people)
    own = ok(
        client.post(
            "/guides", json=guide_body(title="Dakar's own notes"), headers=dakar.manager.headers
        ),
        201,
    )
    assert own["unit_id"] == dakar.id

    def listed(person: Any) -> set[str]:
        return {g["id"] for g in ok(client.get("/guides", headers=person.headers))}

    assert listed(dakar.entrepreneur) == {shared["id"], own["id"]}
    assert listed(people.entrepreneur) == {shared["id"]}
    assert listed(people.advisor) == {shared["id"]}
    assert client.get(f"/guides/{own['id']}", headers=people.advisor.headers).status_code == 404
    # The shared guide is the programme's to change, not a unit's manager's.
    refused = client.patch(
        f"/guides/{shared['id']}", json={"title": "Mine now"}, headers=dakar.manager.headers
    )
    assert refused.status_code == 403

    mine = open_case(client, people.entrepreneur)
    theirs = open_case(client, dakar.entrepreneur)
    assert titles(case_guides(client, mine["id"], people.entrepreneur)) == [shared["title"]]
    assert sorted(titles(case_guides(client, theirs["id"], dakar.entrepreneur))) == sorted(
        [shared["title"], own["title"]]
    )


def stale_tasks(client: TestClient, manager: Any) -> list[dict[str, Any]]:
    found = ok(client.get("/tasks", params={"kind": "stale_guide"}, headers=signed(manager)))
    return list(found["items"])


def signed(person: Any) -> dict[str, str]:
    """A token signed now, on the test's clock (the fixtures' were signed before it moved)."""
    with open_session() as session:
        user = session.get(User, uuid.UUID(person.id))
        assert user is not None
        return {"Authorization": f"Bearer {issue_token(user.id, user.token_generation)}"}


def test_a_guide_past_its_age_is_flagged_to_its_managers_until_checked_again(
    client: TestClient, people: People, dakar: OtherUnit
):
    checked = today() - timedelta(days=300)
    shared = write_guide(client, people, checked_on=checked.isoformat())
    own = ok(
        client.post(
            "/guides",
            json=guide_body(title="Dakar's zones", checked_on=checked.isoformat()),
            headers=dakar.manager.headers,
        ),
        201,
    )
    due = checked + timedelta(days=365)
    assert (shared["stale"], shared["check_due_on"]) == (False, due.isoformat())
    assert follow_up_sweep(on=due.isoformat())["stale_guides"] == []
    assert stale_tasks(client, people.manager) == []

    # The day after its due day the guide is stale, and the sweep says so, once.
    after = due + timedelta(days=1)
    outcome = follow_up_sweep(on=after.isoformat())
    assert {g["guide_id"] for g in outcome["stale_guides"]} == {shared["id"], own["id"]}
    assert follow_up_sweep(on=after.isoformat())["stale_guides"] == []

    with time_machine.travel(datetime.combine(after, time(9), UTC), tick=False):
        manager = signed(people.manager)
        listed = ok(client.get("/guides", params={"stale": True}, headers=manager))
        assert {g["id"] for g in listed} == {shared["id"], own["id"]}

        programme = stale_tasks(client, people.manager)
        assert [t["case_id"] for t in programme] == [None, None]
        assert {t["due_on"] for t in programme} == {due.isoformat()}
        # A unit's manager sees their own guide's task, not the shared guide's.
        theirs = stale_tasks(client, dakar.manager)
        assert ["Dakar's zones" in t["summary"] for t in theirs] == [True]
        assert stale_tasks(client, people.advisor) == []

        # Checked again, the guide is fresh and its task closed.
        again = {"checked_on": after.isoformat()}
        ok(client.patch(f"/guides/{shared['id']}", json=again, headers=manager))
        assert ["Dakar's zones" in t["summary"] for t in stale_tasks(client, people.manager)] == [
            True
        ]
        fresh = ok(client.get(f"/guides/{shared['id']}", headers=manager))
        assert (fresh["stale"], fresh["checked_by_id"]) == (False, people.manager.id)


def test_the_reception_dossier_prints_the_guides_whole_and_their_sources_as_text(
    client: TestClient, people: People
):
    write_guide(client, people)
    write_guide(
        client,
        people,
        topic="foreign_currency_accounts",
        title="Comptes en devises",
        text="Demandez à votre banque quels comptes vous pouvez détenir.",
        sources=["https://www.bceao.int/fr/comptes"],
        language="fr",
    )
    case = open_case(client, people.entrepreneur)
    answer = client.get(
        f"/cases/{case['id']}/dossier.pdf",
        params={"kind": "reception"},
        headers=people.entrepreneur.headers,
    )
    assert answer.status_code == 200, answer.text

    text = pdf_text(answer.content)
    assert "2. Before investing in the country" in text
    assert "What to know before investing in Senegal" in text
    assert "Special economic zones: Special economic zones in Senegal" in text
    assert "single window for company registration" in text
    assert "Sources: https://apix.sn/zones" in text
    assert "Foreign-currency accounts: Comptes en devises" in text
    assert "FR" in text
    assert "https://www.bceao.int/fr/comptes" in text
