"""The intake in the console: what a save records through the API's service, what a refused
save says and where, the intake kept read-only once the case is closed, and who may see it."""

import html
import re

import pytest

from tests.console.conftest import form_token, form_version, problems_of
from tests.journey import ok, open_case

TYPED = {
    "reasons": ["preparing_return", "supporting_family"],
    "sector_experience_years": "6",
    "sector_experience": "Six years in a fish-processing plant in Marseille",
    "own_contribution_eur": "12000",
    "skills_from_abroad": "Cold-chain maintenance and HACCP audits",
    "networks.family": "A brother who sells fish at the Mbour wharf",
    "networks.diaspora_associations": "Association des Mbourois de Marseille\n\nLes amis de Joal",
    "networks.partners_in_contact": "Mbour fishers' cooperative",
    "mobility": "test_period",
    "residence_status": "temporary_permit",
}


def _form(console, url: str) -> dict[str, str]:
    page = console.get(url)
    assert page.status_code == 200, page.text[:300]
    return {"csrf_token": form_token(page.text), "version": form_version(page.text)}


def test_an_intake_saved_by_the_entrepreneur_is_the_one_the_api_gives(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    mine = console_as(people.entrepreneur)
    url = f"/app/cases/{case['id']}/intake"
    saved = mine.post(url, data={**_form(mine, url), **TYPED})
    assert saved.url.path == url
    assert "The intake is recorded." in saved.text
    kept = ok(client.get(f"/cases/{case['id']}/intake", headers=people.entrepreneur.headers))
    assert kept["reasons"] == ["preparing_return", "supporting_family"]
    assert (kept["sector_experience_years"], kept["own_contribution_eur"]) == (6, 12000)
    assert kept["networks"] == {
        "family": "A brother who sells fish at the Mbour wharf",
        "diaspora_associations": ["Association des Mbourois de Marseille", "Les amis de Joal"],
        "partners_in_contact": ["Mbour fishers' cooperative"],
    }
    assert (kept["mobility"], kept["residence_status"]) == ("test_period", "temporary_permit")
    # The page shows again what was kept: typed as it was typed, the choices chosen.
    assert 'value="12000"' in saved.text
    assert 'value="preparing_return" checked' in saved.text
    assert '<option value="test_period" selected>' in saved.text


def test_a_refused_intake_says_each_problem_at_its_field_and_keeps_what_was_typed(
    console_as, client, people
):
    case = open_case(client, people.entrepreneur)
    mine = console_as(people.entrepreneur)
    url = f"/app/cases/{case['id']}/intake"
    wrong = {**TYPED, "sector_experience_years": "seventy", "own_contribution_eur": "-5"}
    refused = mine.post(url, data={**_form(mine, url), **wrong})
    assert refused.status_code == 422
    problems = problems_of(refused.text)
    assert set(problems) == {"sector_experience_years", "own_contribution_eur"}
    assert "valid integer" in problems["sector_experience_years"]
    assert 'value="seventy" aria-invalid="true"' in refused.text
    assert "Cold-chain maintenance and HACCP audits</textarea>" in refused.text
    assert 'value="supporting_family" checked' in refused.text
    kept = ok(client.get(f"/cases/{case['id']}/intake", headers=people.entrepreneur.headers))
    assert kept["updated_at"] is None


def test_another_advisors_save_neither_shows_nor_clears_the_persons_intentions(
    console_as, client, people
):
    case = open_case(client, people.entrepreneur)
    mine = console_as(people.entrepreneur)
    url = f"/app/cases/{case['id']}/intake"
    mine.post(url, data={**_form(mine, url), **TYPED})
    advisor = console_as(people.advisor)  # not the case's advisor: it has none yet
    page = advisor.get(url)
    assert 'name="mobility"' not in page.text
    assert "A test period in the country" not in page.text
    corrected = {**TYPED, "skills_from_abroad": "Cold-chain maintenance"}
    del corrected["mobility"], corrected["residence_status"]
    assert advisor.post(url, data={**_form(advisor, url), **corrected}).url.path == url
    kept = ok(client.get(f"/cases/{case['id']}/intake", headers=people.entrepreneur.headers))
    assert kept["skills_from_abroad"] == "Cold-chain maintenance"
    assert (kept["mobility"], kept["residence_status"]) == ("test_period", "temporary_permit")


@pytest.mark.usefixtures("prefect_server")
def test_the_intake_of_a_withdrawn_case_is_read_only_and_says_why(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    mine = console_as(people.entrepreneur)
    url = f"/app/cases/{case['id']}/intake"
    form = _form(mine, url)
    mine.post(url, data={**form, **TYPED})
    stale = _form(mine, url)
    body = {"to": "withdrawn", "reason": "I found a job"}
    owner = people.entrepreneur.headers
    ok(client.post(f"/cases/{case['id']}/transitions", json=body, headers=owner))
    page = mine.get(url)
    assert page.status_code == 200
    assert "<form" not in page.text.split("<main", 1)[1]
    closed = re.search(r'<p id="closed">(.*?)</p>', page.text, re.S)
    assert closed
    assert "The case is withdrawn: the intake can no longer change." in html.unescape(
        closed.group(1)
    )
    assert "Association des Mbourois de Marseille, Les amis de Joal" in page.text
    assert "A test period in the country" in page.text
    # A form sent from before the case was closed changes nothing.
    late = mine.post(url, data={**stale, **TYPED, "sector_experience_years": "7"})
    assert late.status_code == 409
    current = ok(client.get(f"/cases/{case['id']}", headers=owner))["version"]
    refused = mine.post(url, data={**stale, **TYPED, "version": str(current)})
    assert refused.status_code == 409
    assert "the intake can no longer change" in html.unescape(refused.text)
    kept = ok(client.get(f"/cases/{case['id']}/intake", headers=owner))
    assert kept["sector_experience_years"] == 6


def test_a_manager_reads_the_intake_and_the_read_is_logged(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    page = console_as(people.manager).get(f"/app/cases/{case['id']}/intake")
    assert page.status_code == 200
    assert 'action="/app/cases/' not in page.text
    assert 'id="closed"' not in page.text  # not closed: a manager never writes it
    log = ok(
        client.get("/access-log", params={"case_id": case["id"]}, headers=people.manager.headers)
    )
    reads = [(entry["route"], entry["fields"], entry["reader_id"]) for entry in log["items"]]
    assert ("GET /app/cases/{case_id}/intake", ["intake"], people.manager.id) in reads


def test_the_other_entrepreneur_finds_no_intake_there(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    stranger = console_as(people.other_entrepreneur)
    url = f"/app/cases/{case['id']}/intake"
    assert stranger.get(url).status_code == 404
    token = form_token(stranger.get("/app/login").text)
    data = {"csrf_token": token, "version": str(case["version"]), **TYPED}
    assert stranger.post(url, data=data).status_code == 404
    kept = ok(client.get(f"/cases/{case['id']}/intake", headers=people.entrepreneur.headers))
    assert kept["updated_at"] is None
