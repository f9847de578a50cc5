"""The partner directory managers keep, and partner matches that explain themselves.

Issue 8, parts 1 and 2: partners with services, languages, a contact and a description,
edited and retired (never deleted) by managers, listed through filters; matches ranked per
financing line of the plan, each with reasons for and against, recorded at linkage and on
refresh, and read by the entrepreneur with the partner's public fields only.
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.conftest import People
from tests.journey import accepted_referral, case_at, ok, open_case, plan_body

MESO = {
    "name": "Teranga Meso-Credit",
    "kind": "financial",
    "services": ["meso_credit", "guarantee"],
    "countries": ["SN"],
    "ticket_min_eur": 5_000,
    "ticket_max_eur": 50_000,
    "languages": ["fr", "wo"],
    "contact": {
        "name": "Awa Diop",
        "email": "awa@teranga.example",
        "phone": "+221 33 800 00 00",
        "website": "https://teranga.example",
    },
    "description": "Meso-credit for growing businesses in Senegal.",
}
ENERGY = {
    "name": "Solar Coaches",
    "kind": "technical",
    "services": ["training"],
    "sectors": ["energy"],
}


def post(client: TestClient, people: People, body: dict[str, Any]) -> dict[str, Any]:
    return ok(client.post("/partners", json=body, headers=people.manager.headers), 201)


def patch(client: TestClient, people: People, partner_id: str, body: dict[str, Any]) -> Any:
    return client.patch(f"/partners/{partner_id}", json=body, headers=people.manager.headers)


def field_error(response: Any, *loc: str) -> None:
    assert response.status_code == 422, response.text
    errors = response.json()["detail"]
    assert any(tuple(e["loc"][-len(loc) :]) == loc and e["msg"].strip() for e in errors), errors


def listed(client: TestClient, people: People, **query: Any) -> list[str]:
    found = ok(client.get("/partners", params=query, headers=people.advisor.headers))
    return [p["name"] for p in found]


def with_plan(client: TestClient, people: People) -> str:
    """A reception case with the DESIGN §6 plan: 7,000,000 XOF of meso-credit (10.7 k€)."""
    case_id: str = open_case(client, people.entrepreneur)["id"]
    url = f"/cases/{case_id}/investment-plan"
    ok(client.put(url, json=plan_body(), headers=people.entrepreneur.headers))
    return case_id


def matches(client: TestClient, case_id: str, headers: dict[str, str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = ok(
        client.get(f"/cases/{case_id}/partner-matches", headers=headers)
    )
    return found


# --- the directory ---------------------------------------------------------------------------


def test_a_partner_keeps_its_languages_contact_and_description_and_starts_active(client, people):
    partner = post(client, people, MESO)
    assert partner["languages"] == ["fr", "wo"]
    assert partner["contact"] == {**MESO["contact"], "website": "https://teranga.example/"}
    assert partner["description"] == MESO["description"]
    assert partner["active"] is True
    assert partner["is_example"] is False


def test_todays_partner_bodies_stay_valid_and_other_services_are_kept_as_written(client, people):
    body = {"name": "CDE", "kind": "technical", "services": ["feasibility studies", "mentoring"]}
    partner = post(client, people, body)
    assert partner["services"] == ["feasibility studies", "mentoring"]
    assert partner["contact"] == {"name": None, "email": None, "phone": None, "website": None}
    assert partner["languages"] == []
    assert partner["description"] == ""


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"languages": ["french"]}, ("languages", 0)),
        ({"contact": {"email": "not an address"}}, ("contact", "email")),
        ({"contact": {"phone": "call me"}}, ("contact", "phone")),
        ({"contact": {"fax": "+32 2 000"}}, ("contact", "fax")),
        ({"description": "x" * 2001}, ("description",)),
        ({"active": "sometimes"}, ("active",)),
    ],
)
def test_a_bad_partner_field_is_refused_naming_it(client, people, change, loc):
    response = client.post("/partners", json={**MESO, **change}, headers=people.manager.headers)
    field_error(response, *loc)


def test_a_partial_edit_changes_only_the_fields_given(client, people):
    partner = post(client, people, MESO)
    edited = ok(patch(client, people, partner["id"], {"description": "Now also in Thiès."}))
    assert edited["description"] == "Now also in Thiès."
    unchanged = {k: v for k, v in partner.items() if k != "description"}
    assert {k: v for k, v in edited.items() if k != "description"} == unchanged


def test_a_contact_given_replaces_the_whole_contact_and_null_clears_it(client, people):
    partner = post(client, people, MESO)
    edited = ok(
        patch(client, people, partner["id"], {"contact": {"email": "info@teranga.example"}})
    )
    assert edited["contact"] == {
        "name": None,
        "email": "info@teranga.example",
        "phone": None,
        "website": None,
    }
    cleared = ok(patch(client, people, partner["id"], {"contact": None, "ticket_max_eur": None}))
    assert cleared["contact"]["email"] is None
    assert cleared["ticket_max_eur"] is None


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"name": None}, ("name",)),
        ({"services": None}, ("services",)),
        ({"ticket_max_eur": 1_000}, ("ticket_max_eur",)),
        ({"ticket_min_eur": 60_000}, ("ticket_min_eur",)),
        ({"kind": "charity"}, ("kind",)),
        ({"website": "https://x.example"}, ("website",)),
    ],
)
def test_a_bad_edit_is_refused_naming_the_field_and_changes_nothing(client, people, body, loc):
    partner = post(client, people, MESO)
    field_error(patch(client, people, partner["id"], body), *loc)
    assert ok(client.get("/partners", headers=people.manager.headers)) == [partner]


def test_editing_an_unknown_partner_is_404_and_taking_a_name_in_use_is_409(client, people):
    partner = post(client, people, MESO)
    post(client, people, ENERGY)
    missing = patch(client, people, "8d1f6f3e-0000-4000-8000-000000000000", {"active": False})
    assert missing.status_code == 404
    taken = patch(client, people, partner["id"], {"name": ENERGY["name"]})
    assert taken.status_code == 409, taken.text


def test_the_directory_filters_by_kind_service_country_sector_and_active(client, people):
    post(client, people, MESO)
    post(client, people, ENERGY)
    anywhere = post(client, people, {"name": "Everywhere Bank", "kind": "financial"})
    ok(patch(client, people, anywhere["id"], {"active": False}))
    assert listed(client, people, kind="technical") == ["Solar Coaches"]
    assert listed(client, people, service="meso_credit") == ["Teranga Meso-Credit"]
    # Partners working everywhere, or in every sector, work there too.
    assert listed(client, people, country="ML") == ["Everywhere Bank", "Solar Coaches"]
    assert listed(client, people, sector="agri_food") == ["Everywhere Bank", "Teranga Meso-Credit"]
    assert listed(client, people, active="false") == ["Everywhere Bank"]
    assert listed(client, people, active="true", country="SN") == [
        "Solar Coaches",
        "Teranga Meso-Credit",
    ]


@pytest.mark.parametrize(("name", "value"), [("kind", "charity"), ("country", "Senegal")])
def test_a_bad_filter_is_refused_naming_it(client, people, name, value):
    response = client.get("/partners", params={name: value}, headers=people.advisor.headers)
    assert response.status_code == 422
    assert any(e["loc"] == ["query", name] for e in response.json()["detail"])


# --- matching --------------------------------------------------------------------------------


def test_each_match_says_for_and_against_per_financing_line(client, people):
    post(client, people, MESO)
    post(client, people, ENERGY)
    case_id = with_plan(client, people)
    found = {m["partner_name"]: m for m in matches(client, case_id, people.advisor.headers)}
    meso = found["Teranga Meso-Credit"]
    assert "serves Senegal" in meso["reasons_for"]
    assert "ticket 5–50 k€ covers the 10.7 k€ meso-credit line" in meso["reasons_for"]
    assert "does not work in agri-food" in found["Solar Coaches"]["reasons_against"]
    for m in found.values():
        assert m["reasons"] == m["reasons_for"] + m["reasons_against"]
        assert m["recorded_at"] is None
    assert [m["rank"] for m in found.values()] == [1, 2]


def test_an_inactive_partner_is_never_matched(client, people):
    partner = post(client, people, MESO)
    case_id = with_plan(client, people)
    ok(patch(client, people, partner["id"], {"active": False}))
    assert matches(client, case_id, people.advisor.headers) == []
    refreshed = client.post(
        f"/cases/{case_id}/partner-matches/refresh", headers=people.advisor.headers
    )
    assert ok(refreshed) == []


def test_refresh_records_the_ranking_which_is_read_until_the_next_refresh(client, people):
    post(client, people, MESO)
    case_id = with_plan(client, people)
    url = f"/cases/{case_id}/partner-matches/refresh"
    recorded = ok(client.post(url, headers=people.manager.headers))
    assert [m["partner_name"] for m in recorded] == ["Teranga Meso-Credit"]
    assert recorded[0]["recorded_at"] is not None
    post(client, people, {"name": "Newcomer", "kind": "technical"})
    assert matches(client, case_id, people.advisor.headers) == recorded
    again = ok(client.post(url, headers=people.advisor.headers))
    assert [m["partner_name"] for m in again] == ["Teranga Meso-Credit", "Newcomer"]


def test_the_entrepreneur_reads_their_matches_with_the_partners_public_fields_only(client, people):
    post(client, people, MESO)
    case_id = with_plan(client, people)
    (match,) = matches(client, case_id, people.entrepreneur.headers)
    assert match["partner"] == {
        "id": match["partner_id"],
        "name": "Teranga Meso-Credit",
        "kind": "financial",
        "services": ["meso_credit", "guarantee"],
        "services_in_words": ["meso-credit", "guarantees"],
        "description": MESO["description"],
    }
    assert "awa@teranga.example" not in str(match)


@pytest.mark.usefixtures("prefect_server")
def test_linkage_records_matches_with_reasons_against_and_refresh_sees_what_the_case_gained(
    client, people
):
    post(client, people, MESO)
    post(client, people, ENERGY)
    post(
        client, people, {"name": "Studies", "kind": "technical", "services": ["feasibility_study"]}
    )
    case = case_at(client, "linkage", people)
    recorded = {
        m["partner_name"]: m for m in matches(client, case["id"], people.entrepreneur.headers)
    }
    assert all(m["recorded_at"] for m in recorded.values())
    assert "does not work in agri-food" in recorded["Solar Coaches"]["reasons_against"]
    assert "does not work in agri-food" not in recorded["Solar Coaches"]["reasons_for"]
    # The study was concluded on the way to linkage.
    assert "the case's feasibility study is already done" in recorded["Studies"]["reasons_against"]

    accepted_referral(client, case["id"], people)
    url = f"/cases/{case['id']}/partner-matches/refresh"
    refreshed = {m["partner_name"]: m for m in ok(client.post(url, headers=people.advisor.headers))}
    against = refreshed["Studies"]["reasons_against"]
    assert any("the case already has a technical partner" in r for r in against)
