"""The access log's page: the reads made through the console and the API, named, filtered
and scoped as GET /access-log scopes them."""

import re
from datetime import date, timedelta

from tests.journey import ok, open_case

ASSESSMENT = "GET /app/cases/{case_id}/assessment"


def rows(html: str) -> list[str]:
    """Each row of the log's table, as its text."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0] if "<tbody>" in html else ""
    return [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in body.split("<tr>")[1:]
    ]


def test_a_read_made_through_the_console_is_listed_by_name_case_and_page(
    console_as, client, people
):
    case = open_case(client, people.entrepreneur)
    console_as(people.advisor).get(f"/app/cases/{case['id']}/assessment")
    page = console_as(people.manager).get("/app/access-log")
    assert page.status_code == 200
    (read,) = [row for row in rows(page.text) if ASSESSMENT in row]
    assert "Awa Ndiaye" in read
    assert "Fatou Diop" in read
    assert "appraisal" in read
    assert case["reference"] in read
    log = ok(client.get("/access-log", headers=people.manager.headers))
    assert len(rows(page.text)) == log["total"]


def test_the_log_filters_by_person_by_case_and_since_a_day(console_as, client, people):
    mine = open_case(client, people.entrepreneur)
    theirs = open_case(client, people.other_entrepreneur, title="Bakery in Thiès")
    advisor = console_as(people.advisor)
    advisor.get(f"/app/cases/{mine['id']}/assessment")
    advisor.get(f"/app/cases/{theirs['id']}/assessment")
    console = console_as(people.manager)
    everyone = console.get("/app/access-log")
    assert f"user_id={people.other_entrepreneur.id}" in everyone.text  # each name filters
    of_ali = console.get("/app/access-log", params={"user_id": people.other_entrepreneur.id})
    assert [r for r in rows(of_ali.text) if ASSESSMENT in r]
    assert all("Ali Ba" in r for r in rows(of_ali.text))
    assert "Only reads by Ali Ba or of their data." in of_ali.text
    of_case = console.get("/app/access-log", params={"case_id": mine["id"]})
    assert rows(of_case.text)
    assert all(mine["reference"] in r for r in rows(of_case.text))
    tomorrow = (date.today() + timedelta(days=2)).isoformat()
    later = console.get("/app/access-log", params={"since": tomorrow, "case_id": mine["id"]})
    assert rows(later.text) == []
    assert f'name="case_id" value="{mine["id"]}"' in later.text  # the GET form keeps it
    assert console.get("/app/access-log", params={"since": "someday"}).status_code == 422


def test_a_units_manager_reads_the_reads_of_their_units_cases_only(
    console_as, client, people, dakar
):
    here = open_case(client, people.entrepreneur)
    there = open_case(client, dakar.entrepreneur, title="Dakar fish smokehouse")
    console_as(people.advisor).get(f"/app/cases/{here['id']}/assessment")
    console_as(dakar.advisor).get(f"/app/cases/{there['id']}/assessment")
    seen = rows(console_as(dakar.manager).get("/app/access-log").text)
    assert any(there["reference"] in row for row in seen)
    assert not any(here["reference"] in row or "Fatou Diop" in row for row in seen)
