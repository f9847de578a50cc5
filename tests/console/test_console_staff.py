"""The managers' administration pages: accounts and units, who may open them, and what a
refused form says beside its field."""

from tests.conftest import People
from tests.console.conftest import alerts, form_token, problems_of
from tests.journey import ok

NEW_PASSWORD = "Baobab shade at Joal, 2027"
NOBODY = "00000000-0000-4000-8000-000000000001"
NEWCOMER = {
    "full_name": "Aminata Diallo",
    "email": "aminata@unit.example",
    "password": NEW_PASSWORD,
    "role": "advisor",
}


def test_an_advisor_is_refused_every_administration_page(console_as, people):
    console = console_as(people.advisor)
    for path in ("/app/staff", "/app/units", "/app/access-log", "/app/erasure-requests"):
        answer = console.get(path)
        assert answer.status_code == 403, path
        assert "may not" in answer.text


def test_a_manager_creates_a_staff_account_that_can_then_sign_in(console_as, client, people):
    console = console_as(people.manager)
    listed = console.get("/app/staff")
    assert listed.status_code == 200
    assert "Awa Ndiaye" in listed.text
    assert "awa@unit.example" in listed.text
    made = console.post("/app/staff", data={**NEWCOMER, "csrf_token": form_token(listed.text)})
    assert made.status_code == 200
    assert made.url.path == "/app/staff"
    assert "The account is created" in made.text
    assert "Aminata Diallo" in made.text
    assert NEW_PASSWORD not in made.text
    signing_in = {"username": NEWCOMER["email"], "password": NEW_PASSWORD}
    token = ok(client.post("/auth/token", data=signing_in))["access_token"]
    me = ok(client.get("/auth/me", headers={"Authorization": f"Bearer {token}"}))
    assert (me["full_name"], me["role"]) == ("Aminata Diallo", "advisor")
    newcomer = console_as()
    page = newcomer.get("/app/login")
    form = {"csrf_token": form_token(page.text), "email": NEWCOMER["email"]}
    inside = newcomer.post("/app/login", data={**form, "password": NEW_PASSWORD})
    assert inside.status_code == 200
    assert "Aminata Diallo" in inside.text


def test_a_refused_account_says_why_next_to_each_field_and_keeps_what_was_typed(
    console_as, client, people
):
    console = console_as(people.manager)
    token = form_token(console.get("/app/staff").text)
    wrong = {**NEWCOMER, "email": "not an email", "password": "short", "csrf_token": token}
    refused = console.post("/app/staff", data=wrong)
    assert refused.status_code == 422
    said = problems_of(refused.text)
    assert {"email", "password"} <= set(said)
    assert 'value="Aminata Diallo"' in refused.text
    assert 'value="not an email"' in refused.text
    assert 'value="short"' not in refused.text  # a password is never shown again
    taken = console.post(
        "/app/staff", data={**NEWCOMER, "email": "awa@unit.example", "csrf_token": token}
    )
    assert taken.status_code == 422
    assert problems_of(taken.text)["email"] == "An account with this email already exists."
    accounts = ok(client.get("/users", headers=people.manager.headers))
    assert "Aminata Diallo" not in [a["full_name"] for a in accounts["items"]]


def test_a_manager_changes_a_role_then_deactivates_and_reactivates_an_account(
    console_as, client, people
):
    console = console_as(people.manager)
    token = form_token(console.get("/app/staff").text)
    url = f"/app/staff/{people.advisor.id}"
    moved = console.post(
        url,
        data={"full_name": "Awa Ndiaye", "role": "manager", "unit": "main", "csrf_token": token},
    )
    assert moved.status_code == 200
    assert "The account is changed" in moved.text
    seen = ok(client.get("/users", params={"role": "manager"}, headers=people.manager.headers))
    assert "Awa Ndiaye" in [a["full_name"] for a in seen["items"]]
    off = console.post(url, data={"is_active": "false", "csrf_token": token})
    assert "The account is deactivated" in off.text
    assert client.get("/auth/me", headers=people.advisor.headers).status_code == 401
    assert "Reactivate" in off.text
    back = console.post(url, data={"is_active": "true", "csrf_token": token})
    assert "The account is active again" in back.text
    active = ok(client.get("/users", params={"active": "true"}, headers=people.manager.headers))
    assert "Awa Ndiaye" in [a["full_name"] for a in active["items"]]


def test_a_manager_cannot_deactivate_themself_and_is_told_on_their_row(console_as, client, people):
    console = console_as(people.manager)
    token = form_token(console.get("/app/staff").text)
    refused = console.post(
        f"/app/staff/{people.manager.id}", data={"is_active": "false", "csrf_token": token}
    )
    assert refused.status_code == 422
    assert any("cannot" in line and "deactivate your own" in line for line in alerts(refused.text))
    assert ok(client.get("/auth/me", headers=people.manager.headers))["is_active"] is True


def test_a_blank_name_is_refused_next_to_the_rows_name_field(console_as, people):
    console = console_as(people.manager)
    token = form_token(console.get("/app/staff").text)
    refused = console.post(
        f"/app/staff/{people.advisor.id}", data={"full_name": " ", "csrf_token": token}
    )
    assert refused.status_code == 422
    assert "full_name" in problems_of(refused.text)
    assert 'aria-describedby="full_name-problem"' in refused.text


def test_the_list_keeps_its_filters_and_a_units_manager_sees_their_unit_only(
    console_as, people, dakar
):
    everyone = console_as(people.manager).get("/app/staff", params={"role": "advisor"})
    assert "Awa Ndiaye" in everyone.text
    assert "Ousmane Fall" in everyone.text
    assert "moussa@unit.example" not in everyone.text
    assert "khady@dakar.example" not in everyone.text
    # One browser: a second sign-in's cookie (and so its forms' token) differs by the second.
    dakar_manager = console_as(dakar.manager)
    theirs = dakar_manager.get("/app/staff")
    assert "Ousmane Fall" in theirs.text
    assert "Binta Kane" in theirs.text
    assert "Awa Ndiaye" not in theirs.text
    assert 'id="unit"' not in theirs.text  # a unit's manager chooses no unit
    elsewhere = dakar_manager.post(
        f"/app/staff/{people.advisor.id}",
        data={"is_active": "false", "csrf_token": form_token(theirs.text)},
    )
    assert elsewhere.status_code == 404


def test_the_programmes_manager_adds_and_renames_units_and_moves_the_default(
    console_as, client, people
):
    console = console_as(people.manager)
    units = console.get("/app/units")
    token = form_token(units.text)
    added = console.post(
        "/app/units", data={"code": "thies", "name": "Thiès unit", "csrf_token": token}
    )
    assert "The unit is added" in added.text
    assert "Thiès unit" in added.text
    clash = console.post("/app/units", data={"code": "thies", "name": "Again", "csrf_token": token})
    assert clash.status_code == 422
    assert problems_of(clash.text)["code"] == "A unit with this code already exists."
    bad = console.post("/app/units", data={"code": "Not A Code", "name": "x", "csrf_token": token})
    assert {"code", "name"} <= set(problems_of(bad.text))
    thies = next(u for u in ok(client.get("/units")) if u["code"] == "thies")
    console.post(f"/app/units/{thies['id']}", data={"name": "Thiès", "csrf_token": token})
    made = console.post(
        f"/app/units/{thies['id']}", data={"is_default": "true", "csrf_token": token}
    )
    assert "This unit is the default now" in made.text
    now = {u["code"]: u for u in ok(client.get("/units"))}
    assert (now["thies"]["name"], now["thies"]["is_default"]) == ("Thiès", True)


def test_a_units_manager_reads_the_units_but_does_not_shape_them(console_as, people, dakar):
    console = console_as(dakar.manager)
    units = console.get("/app/units")
    assert units.status_code == 200
    assert "Dakar reception unit" in units.text
    assert 'action="/app/units"' not in units.text
    refused = console.post(
        "/app/units",
        data={"code": "kaolack", "name": "Kaolack", "csrf_token": form_token(units.text)},
    )
    assert refused.status_code == 403
    assert "Only the programme&#39;s managers may" in refused.text


def test_the_staff_page_links_to_the_units_for_the_programmes_managers_only(
    console_as, people: People, dakar
):
    assert 'href="/app/units"' in console_as(people.manager).get("/app/staff").text
    assert 'href="/app/units"' not in console_as(dakar.manager).get("/app/staff").text
