"""The console's forms on a case: what they save through the services, what they refuse and
where they say so, and the reads of personal data they log."""

import re

import pytest

from casework.assessment_rubric import RUBRIC
from tests.conftest import PASSWORD
from tests.console.conftest import form_token, form_version, problems_of
from tests.console.test_console_roles import PLAN
from tests.journey import case_at, ok, open_case


def test_an_assessment_recorded_in_the_console_opens_the_gate_to_support(
    console_as, client, people
):
    case = open_case(client, people.entrepreneur)
    console = console_as(people.advisor)
    url = f"/app/cases/{case['id']}/assessment"
    form = console.get(url)
    assert form.status_code == 200
    scores = {f"criteria.{c.key}": "4" for c in RUBRIC}
    data = {"csrf_token": form_token(form.text), "version": form_version(form.text), **scores}
    refused = console.post(url, data=data)  # no decision
    assert refused.status_code == 422
    assert "decision" in problems_of(refused.text)
    assert 'value="4" required checked' in refused.text  # the scores given stay chosen
    api = f"/cases/{case['id']}/assessment"
    assert client.get(api, headers=people.advisor.headers).status_code == 404
    saved = console.post(url, data={**data, "decision": "proceed", "notes": "Knows the trade."})
    assert saved.url.path == f"/app/cases/{case['id']}"
    assert "Saved." in saved.text
    assert "Move to support — not yet" not in saved.text
    kept = ok(client.get(api, headers=people.advisor.headers))
    assert (kept["technical"], kept["decision"], kept["notes"]) == (
        4,
        "proceed",
        "Knows the trade.",
    )


def test_the_assessment_page_logs_the_read_of_the_appraisal(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    console_as(people.advisor).get(f"/app/cases/{case['id']}/assessment")
    log = ok(
        client.get("/access-log", params={"case_id": case["id"]}, headers=people.manager.headers)
    )
    routes = [(entry["route"], entry["fields"], entry["reader_id"]) for entry in log["items"]]
    assert ("GET /app/cases/{case_id}/assessment", ["appraisal"], people.advisor.id) in routes


def test_a_page_left_open_while_the_case_changed_saves_nothing(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    console = console_as(people.advisor)
    url = f"/app/cases/{case['id']}/assessment"
    form = console.get(url)
    stale = {"csrf_token": form_token(form.text), "version": form_version(form.text)}
    edit = {"summary": "Cold storage for fish, and ice for the boats."}
    ok(client.patch(f"/cases/{case['id']}", json=edit, headers=people.entrepreneur.headers))
    scores = {f"criteria.{c.key}": "4" for c in RUBRIC}
    answer = console.post(url, data={**stale, **scores, "decision": "proceed"})
    assert answer.status_code == 409
    assert "reload" in answer.text
    assert (
        client.get(f"/cases/{case['id']}/assessment", headers=people.advisor.headers).status_code
        == 404
    )


def test_only_an_advisor_concludes_the_study_and_only_when_it_is_complete(
    console_as, client, people
):
    case = open_case(client, people.entrepreneur)
    mine = console_as(people.entrepreneur)
    url = f"/app/cases/{case['id']}/feasibility"
    page = mine.get(url)
    assert 'id="conclusion"' not in page.text  # the entrepreneur writes, but does not conclude
    data = {
        "csrf_token": form_token(page.text),
        "version": form_version(page.text),
        "conclusion": "pending",
        "sections.market.text": "Fishers of Joal sell at dawn; ice runs out by ten.",
        "sections.market.status": "complete",
    }
    assert mine.post(url, data=data).url.path == f"/app/cases/{case['id']}"
    advisor = console_as(people.advisor)
    page = advisor.get(url)
    assert "Fishers of Joal sell at dawn" in page.text
    early = {**data, "csrf_token": form_token(page.text), "version": form_version(page.text)}
    refused = advisor.post(url, data={**early, "conclusion": "viable"})
    assert refused.status_code == 422
    assert "every section is complete" in problems_of(refused.text)["conclusion"]
    study = ok(client.get(f"/cases/{case['id']}/feasibility", headers=people.advisor.headers))
    assert study["conclusion"] == "pending"


def _plan_form(console, case_id: str) -> dict[str, str]:
    page = console.get(f"/app/cases/{case_id}/plan")
    return {"csrf_token": form_token(page.text), "version": form_version(page.text), **PLAN}


def test_the_plan_editor_works_out_results_as_typed_and_saves_nothing_until_asked(
    console_as, client, people
):
    case = open_case(client, people.entrepreneur)
    console = console_as(people.entrepreneur)
    data = _plan_form(console, case["id"])
    live = console.post(f"/app/cases/{case['id']}/plan/results", data=data)
    assert live.status_code == 200
    figures = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", live.text))
    evaluated = ok(
        client.post(
            "/investment-plans/evaluate",
            json={
                "currency": "XOF",
                "eur_rate": 655.957,
                "horizon_years": 2,
                "discount_rate": 0.1,
                "investments": [{"label": "Cold room", "year": 0, "amount": 900000}],
                "revenues": [600000, 700000],
                "operating_costs": [100000, 100000],
                "financing": [{"source": "own_funds", "amount": 900000}],
            },
            headers=people.entrepreneur.headers,
        )
    )
    assert figures["Net present value"] == f"{evaluated['npv']:,.0f} XOF"
    wrong = console.post(
        f"/app/cases/{case['id']}/plan/results", data={**data, "discount_rate": "120"}
    )
    assert "discount_rate" in wrong.text
    plan = f"/cases/{case['id']}/investment-plan"
    assert client.get(plan, headers=people.entrepreneur.headers).status_code == 404


def test_a_plan_saved_approved_and_changed_keeps_its_versions_and_their_diff(
    console_as, client, people
):
    case = open_case(client, people.entrepreneur)
    mine = console_as(people.entrepreneur)
    saved = mine.post(f"/app/cases/{case['id']}/plan", data=_plan_form(mine, case["id"]))
    assert "Saved as a new version." in saved.text
    approve = {"csrf_token": form_token(saved.text), "plan_version": "1"}
    approved = mine.post(f"/app/cases/{case['id']}/plan/approval", data=approve)
    assert "You approved this version of your plan." in approved.text
    advisor = console_as(people.advisor)
    changed = {**_plan_form(advisor, case["id"]), "revenues.1": "800000"}
    assert (
        "Saved as a new version."
        in advisor.post(f"/app/cases/{case['id']}/plan", data=changed).text
    )
    current = ok(client.get(f"/cases/{case['id']}/investment-plan", headers=people.advisor.headers))
    assert (current["version"], current["approved_at"]) == (2, None)
    diff = mine.get(f"/app/cases/{case['id']}/plan/diff", params={"from": 1, "to": 2})
    assert "revenues[1]" in diff.text
    assert "700000" in diff.text
    assert "800000" in diff.text
    late = {"csrf_token": form_token(diff.text), "plan_version": "1"}
    refused = mine.post(f"/app/cases/{case['id']}/plan/approval", data=late)
    assert refused.status_code == 409
    assert "Version 1 is not the current one" in refused.text


def test_an_entrepreneur_who_chooses_french_reads_the_console_in_french(console_as, people):
    console = console_as(people.entrepreneur)
    page = console.get("/app/account")
    data = {"csrf_token": form_token(page.text), "preferred_language": "fr", "diaspora": "true"}
    saved = console.post("/app/account/profile", data=data)
    assert saved.url.path == "/app/account"
    assert '<html lang="fr">' in saved.text
    assert "Enregistré." in saved.text
    assert "À faire" in console.get("/app/").text
    wrong = console.post("/app/account/profile", data={**data, "preferred_language": "xx"})
    assert wrong.status_code == 422
    assert "preferred_language" in problems_of(wrong.text)


def test_a_new_password_ends_every_session_and_the_next_sign_in_uses_it(console_as, people):
    console = console_as(people.advisor)
    page = console.get("/app/account")
    token = form_token(page.text)
    wrong = console.post(
        "/app/account/password",
        data={"csrf_token": token, "current_password": "not it", "new_password": "x" * 12},
    )
    assert wrong.status_code == 422
    assert "current_password" in problems_of(wrong.text)
    new = "a brand new long passphrase"
    data = {"csrf_token": token, "current_password": PASSWORD, "new_password": new}
    changed = console.post("/app/account/password", data=data)
    assert changed.url.path == "/app/login"
    assert "sign in with the new one" in changed.text
    assert console.get("/app/", follow_redirects=False).status_code == 303
    again = console_as()
    login = again.get("/app/login")
    answer = again.post(
        "/app/login",
        data={"csrf_token": form_token(login.text), "email": people.advisor.email, "password": new},
        follow_redirects=False,
    )
    assert answer.status_code == 303


def test_a_manager_assigns_the_advisor_and_the_entrepreneur_corrects_the_title(
    console_as, client, people
):
    case = open_case(client, people.entrepreneur)
    manager = console_as(people.manager)
    page = manager.get(f"/app/cases/{case['id']}/details")
    assert "No advisor yet." in page.text
    assert "Awa Ndiaye" in page.text  # the unit's advisor, offered
    data = {"csrf_token": form_token(page.text), "version": form_version(page.text)}
    assigned = manager.post(
        f"/app/cases/{case['id']}/advisor", data={**data, "advisor_id": people.advisor.id}
    )
    assert "Saved." in assigned.text
    mine = console_as(people.entrepreneur)
    page = mine.get(f"/app/cases/{case['id']}/details")
    assert "Awa Ndiaye" in page.text
    form = {"title": "Ic", "sector": "agri_food", "country": "SN", "summary": "Ice for boats."}
    data = {"csrf_token": form_token(page.text), "version": form_version(page.text), **form}
    short = mine.post(f"/app/cases/{case['id']}/details", data=data)
    assert short.status_code == 422
    assert "title" in problems_of(short.text)
    fixed = mine.post(f"/app/cases/{case['id']}/details", data={**data, "title": "Ice for Joal"})
    assert "Ice for Joal" in fixed.text
    kept = ok(client.get(f"/cases/{case['id']}", headers=people.advisor.headers))
    assert (kept["title"], kept["advisor_id"]) == ("Ice for Joal", people.advisor.id)


@pytest.mark.usefixtures("prefect_server")
def test_a_study_of_a_case_past_support_is_read_not_written(console_as, client, people):
    case = case_at(client, "linkage", people)
    page = console_as(people.entrepreneur).get(f"/app/cases/{case['id']}/feasibility")
    assert page.status_code == 200
    assert "The feasibility study is closed: the case has left the support stage." in page.text
    assert "Save the study" not in page.text
    assert re.search(r'<textarea id="sections\.market\.text"[^>]* readonly', page.text)
