"""Follow-up reports in the console: figures reported by the entrepreneur and confirmed by an
advisor end up in the API's plan against actual; a refused report says why at its field; a
case with no approved plan says so in words; someone else's case is not there."""

import html
import re

import pytest

from casework.services.follow_up_reports import NO_APPROVED_PLAN
from tests.console.conftest import form_token, problems_of
from tests.journey import case_at, ok, open_case

NOBODY = "00000000-0000-4000-8000-000000000001"
FIGURES = {"period": "1", "revenue": "100000", "operating_costs": "50000"}
# Year 1 of the journey's plan (DESIGN.md §6): revenue 6.0 M XOF, costs 4.0 M, 630,000 repaid.
SLOW_YEAR = {
    "period": "1",
    "visit_date": "",
    "revenue": "3720000",
    "operating_costs": "4000000",
    "repayments_made": "630000",
    "jobs_created.women": "2",
    "jobs_created.men": "1",
    "jobs_kept.women": "1",
    "jobs_kept.men": "",
    "notes": "A slow first season.",
}


def _token(console, url: str) -> dict[str, str]:
    page = console.get(url)
    assert page.status_code == 200, page.text[:300]
    return {"csrf_token": form_token(page.text)}


@pytest.mark.usefixtures("prefect_server")
def test_figures_reported_and_confirmed_in_the_console_are_the_apis_plan_against_actual(
    console_as, client, people
):
    case = case_at(client, "follow_up", people)
    url = f"/app/cases/{case['id']}/reports"
    mine = console_as(people.entrepreneur)
    reported = mine.post(url, data={**_token(mine, url), **SLOW_YEAR})
    assert reported.url.path == url
    assert "The figures are reported." in reported.text
    assert "Awaiting an advisor's confirmation" in reported.text
    assert '<option value="2" selected>' in reported.text  # the next year to report
    assert "Confirm the figures" not in reported.text  # the entrepreneur does not confirm
    compared = f"/cases/{case['id']}/plan-vs-actual"
    year1 = ok(client.get(compared, headers=people.entrepreneur.headers))["years"][0]
    assert (year1["actual"]["net_cash_flow"], year1["confirmed"]) == (-910_000, False)
    [made] = ok(
        client.get(f"/cases/{case['id']}/follow-up-reports", headers=people.advisor.headers)
    )
    assert (made["jobs_created"], made["jobs_kept"]) == (
        {"women": 2, "men": 1},
        {"women": 1, "men": 0},
    )
    assert made["notes"] == "A slow first season."

    advisor = console_as(people.advisor)
    page = advisor.get(url, headers={"accept-language": "fr"})
    # The reader's figures, in the reader's language: planned 1.37 M, actual −0.91 M net.
    assert "1\u202f370\u202f000 XOF" in page.text
    assert "-910\u202f000 XOF" in page.text
    confirm = f"{url}/{made['id']}/confirmation"
    confirmed = advisor.post(confirm, data={"csrf_token": form_token(page.text)})
    assert confirmed.url.path == url
    assert "Awa Ndiaye" in confirmed.text
    year1 = ok(client.get(compared, headers=people.entrepreneur.headers))["years"][0]
    assert year1["confirmed"] is True

    shown = mine.get(url).text
    assert "Confirmed by Awa Ndiaye" in shown
    assert "Revenue 38.0% below plan in year 1" in shown
    assert "-910,000 XOF" in shown
    assert "Repayments on schedule" in shown


@pytest.mark.usefixtures("prefect_server")
def test_a_refused_report_says_why_at_its_field_and_keeps_what_was_typed(
    console_as, client, people
):
    case = case_at(client, "follow_up", people)
    url = f"/app/cases/{case['id']}/reports"
    mine = console_as(people.entrepreneur)
    wrong = {**SLOW_YEAR, "revenue": "lots", "jobs_created.men": "-1"}
    refused = mine.post(url, data={**_token(mine, url), **wrong})
    assert refused.status_code == 422
    problems = problems_of(refused.text)
    assert set(problems) == {"revenue", "jobs_created.men"}
    assert 'value="lots"' in refused.text
    assert 'value="4000000"' in refused.text
    assert "A slow first season.</textarea>" in refused.text
    beyond = mine.post(url, data={**_token(mine, url), **SLOW_YEAR, "period": "9"})
    assert beyond.status_code == 422
    assert "there is no year 9" in problems_of(beyond.text)["period"]
    kept = ok(client.get(f"/cases/{case['id']}/follow-up-reports", headers=people.advisor.headers))
    assert kept == []


def test_a_case_with_no_approved_plan_says_so_in_words(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    answer = client.get(f"/cases/{case['id']}/plan-vs-actual", headers=people.advisor.headers)
    assert answer.status_code == 409
    assert answer.json()["detail"] == NO_APPROVED_PLAN
    page = console_as(people.entrepreneur).get(f"/app/cases/{case['id']}/reports")
    assert page.status_code == 200
    said = re.search(r'<p id="no-comparison">([^<]*)</p>', page.text)
    assert said
    assert html.unescape(said.group(1)) == NO_APPROVED_PLAN
    # Reports are made in follow-up: the form is not there, and the page says why.
    assert 'action="/app/cases/' not in page.text
    assert "Follow-up reports are made while the case is in follow-up." in page.text


def test_the_reports_page_logs_the_read_of_the_figures(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    console_as(people.advisor).get(f"/app/cases/{case['id']}/reports")
    log = ok(
        client.get("/access-log", params={"case_id": case["id"]}, headers=people.manager.headers)
    )
    reads = [(entry["route"], entry["fields"], entry["reader_id"]) for entry in log["items"]]
    assert ("GET /app/cases/{case_id}/reports", ["finances"], people.advisor.id) in reads


def test_the_other_entrepreneur_finds_no_reports_there(console_as, client, people):
    case = open_case(client, people.entrepreneur)
    stranger = console_as(people.other_entrepreneur)
    url = f"/app/cases/{case['id']}/reports"
    assert stranger.get(url).status_code == 404
    token = {"csrf_token": form_token(stranger.get("/app/login").text)}
    assert stranger.post(url, data={**token, **FIGURES}).status_code == 404
    assert stranger.post(f"{url}/{NOBODY}/confirmation", data=token).status_code == 404
