"""A partner's page: staff read it; its managers change it, retire it and put it back, as
PATCH /partners/{id} does, with each field's problem said next to the field."""

import re
from typing import Any

from fastapi.testclient import TestClient

from tests.conftest import People
from tests.console.conftest import form_token, problems_of
from tests.journey import ok, open_case, plan_body

MESO = {
    "name": "Teranga Meso-Credit",
    "kind": "financial",
    "services": ["meso_credit", "guarantee"],
    "countries": ["SN"],
    "ticket_min_eur": 5_000,
    "ticket_max_eur": 50_000,
    "languages": ["fr", "wo"],
    "contact": {"name": "Awa Diop", "email": "awa@teranga.example"},
    "description": "Meso-credit for growing businesses in Senegal.",
}


def partner(client: TestClient, people: People, body: dict[str, Any] = MESO) -> dict[str, Any]:
    made: dict[str, Any] = ok(
        client.post("/partners", json=body, headers=people.manager.headers), 201
    )
    return made


def edit_form(html: str, **changes: Any) -> dict[str, Any]:
    """The edit form as the page fills it, with `changes`."""
    form: dict[str, Any] = {"csrf_token": form_token(html), "part": "fields"}
    contact = tuple(f"contact.{k}" for k in ("name", "email", "phone", "website"))
    for name in ("name", "ticket_min_eur", "ticket_max_eur", "languages", *contact):
        found = re.search(
            rf'id="{re.escape(name)}" name="{re.escape(name)}" type="[a-z]+" value="([^"]*)"', html
        )
        assert found, name
        form[name] = found.group(1)
    kind = re.search(r'<option value="([a-z]+)" selected>', html.split('id="kind"')[1])
    assert kind
    form["kind"] = kind.group(1)
    for name in ("services", "countries", "sectors"):
        part = html.split(f'id="{name}"')[1].split("</select>")[0]
        form[name] = re.findall(r'<option value="([^"]+)" selected>', part)
    form["description"] = html.split('id="description"')[1].split(">", 1)[1].split("</textarea>")[0]
    return {**form, **changes}


def matched(client: TestClient, case_id: str, people: People) -> list[str]:
    found = ok(client.get(f"/cases/{case_id}/partner-matches", headers=people.advisor.headers))
    return [m["partner_name"] for m in found]


def test_a_manager_changes_a_partners_fields_and_the_api_reads_them(console_as, client, people):
    made = partner(client, people)
    console = console_as(people.manager)
    page = console.get(f"/app/partners/{made['id']}")
    assert page.status_code == 200
    assert "Change the partner" in page.text
    assert 'value="fr, wo"' in page.text
    assert 'value="5000"' in page.text
    changed = console.post(
        f"/app/partners/{made['id']}",
        data=edit_form(
            page.text,
            name="Teranga Finance",
            ticket_max_eur="80000",
            **{"contact.phone": "+221 33 800 00 00"},
        ),
    )
    assert changed.status_code == 200
    assert "The partner is changed." in changed.text
    (now,) = list(ok(client.get("/partners", headers=people.manager.headers)))
    assert (now["name"], now["ticket_max_eur"], now["contact"]["phone"]) == (
        "Teranga Finance",
        80_000,
        "+221 33 800 00 00",
    )
    assert (now["languages"], now["services"], now["countries"]) == (
        ["fr", "wo"],
        ["meso_credit", "guarantee"],
        ["SN"],
    )
    assert now["description"] == MESO["description"]


def test_field_problems_are_said_next_to_their_fields_and_what_was_typed_stays(
    console_as, client, people
):
    made = partner(client, people)
    partner(client, people, {"name": "Solar Coaches", "kind": "technical"})
    console = console_as(people.manager)
    page = console.get(f"/app/partners/{made['id']}")
    url = f"/app/partners/{made['id']}"
    upside_down = console.post(url, data=edit_form(page.text, ticket_max_eur="1000"))
    assert upside_down.status_code == 422
    assert "ticket_max_eur" in problems_of(upside_down.text)
    assert 'value="1000"' in upside_down.text
    wrong = console.post(
        url,
        data=edit_form(page.text, languages="fr, french", **{"contact.email": "awa at teranga"}),
    )
    assert wrong.status_code == 422
    assert {"languages", "contact.email"} <= set(problems_of(wrong.text))
    assert 'value="fr, french"' in wrong.text
    taken = console.post(url, data=edit_form(page.text, name="Solar Coaches"))
    assert taken.status_code == 422
    assert (
        problems_of(taken.text)["name"] == "A partner with this name is already in the directory."
    )
    assert ok(client.get("/partners", headers=people.manager.headers))[1]["name"] == MESO["name"]


def test_a_retired_partner_shows_retired_and_is_no_longer_matched(console_as, client, people):
    made = partner(client, people)
    case_id = open_case(client, people.entrepreneur)["id"]
    url = f"/cases/{case_id}/investment-plan"
    ok(client.put(url, json=plan_body(), headers=people.entrepreneur.headers))
    assert matched(client, case_id, people) == [MESO["name"]]
    console = console_as(people.manager)
    page = console.get(f"/app/partners/{made['id']}")
    retired = console.post(
        f"/app/partners/{made['id']}", data={"csrf_token": form_token(page.text), "active": "false"}
    )
    assert retired.status_code == 200
    assert "The partner is retired" in retired.text
    assert "Retired: no longer matched" in retired.text
    directory = console.get("/app/partners").text
    assert f'href="/app/partners/{made["id"]}"' in directory
    assert '<span class="badge">retired</span>' in directory
    assert matched(client, case_id, people) == []
    back = console.post(
        f"/app/partners/{made['id']}", data={"csrf_token": form_token(page.text), "active": "true"}
    )
    assert "The partner is back in the directory" in back.text
    assert matched(client, case_id, people) == [MESO["name"]]


def test_services_written_as_free_text_are_kept_when_other_fields_change(
    console_as, client, people
):
    made = partner(
        client, people, {"name": "CDE", "kind": "technical", "services": ["feasibility studies"]}
    )
    console = console_as(people.manager)
    page = console.get(f"/app/partners/{made['id']}")
    ok_ = console.post(f"/app/partners/{made['id']}", data=edit_form(page.text, name="CDE Senegal"))
    assert ok_.status_code == 200
    (now,) = ok(client.get("/partners", headers=people.manager.headers))
    assert (now["name"], now["services"]) == ("CDE Senegal", ["feasibility studies"])


def test_staff_read_a_partners_page_and_only_its_managers_change_it(
    console_as, client, people, dakar
):
    made = partner(client, people)
    advisor = console_as(people.advisor)
    page = advisor.get(f"/app/partners/{made['id']}")
    assert page.status_code == 200
    assert "Teranga Meso-Credit" in page.text
    assert "Change the partner" not in page.text
    assert "Retire the partner" not in page.text
    refused = advisor.post(
        f"/app/partners/{made['id']}", data={"csrf_token": form_token(page.text), "active": "false"}
    )
    assert refused.status_code == 403
    assert console_as(people.entrepreneur).get(f"/app/partners/{made['id']}").status_code == 403
    unit_manager = console_as(dakar.manager)
    shared = unit_manager.get(f"/app/partners/{made['id']}")
    assert shared.status_code == 200
    assert "Retire the partner" not in shared.text
    assert (
        unit_manager.post(
            f"/app/partners/{made['id']}",
            data={"csrf_token": form_token(shared.text), "active": "false"},
        ).status_code
        == 403
    )
    own = ok(
        client.post(
            "/partners",
            json={"name": "Dakar Ice", "kind": "technical"},
            headers=dakar.manager.headers,
        ),
        201,
    )
    assert "Retire the partner" in unit_manager.get(f"/app/partners/{own['id']}").text
    assert advisor.get(f"/app/partners/{own['id']}").status_code == 404
    assert advisor.get("/app/partners/not-an-id").status_code == 404
    assert ok(client.get("/partners", headers=people.manager.headers))[1]["active"] is True
