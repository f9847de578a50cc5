"""GET /reports/portfolio.pdf: the managers' report, same filters and rights as the JSON."""

import io
import re

from pypdf import PdfReader

from tests.journey import ok, open_case


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def test_a_manager_gets_the_units_report_as_a_pdf(client, people) -> None:
    open_case(client, people.entrepreneur)
    open_case(client, people.other_entrepreneur)
    answer = client.get("/reports/portfolio.pdf", headers=people.manager.headers)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    assert answer.headers["content-disposition"] == 'attachment; filename="portfolio.pdf"'
    text = text_of(answer.content)
    figures = ok(client.get("/reports/portfolio", headers=people.manager.headers))
    assert figures["total_cases"] == 2
    assert "All cases 2 2" in text  # the JSON's total, and both still open
    assert "none (every case of the unit)" in text


def test_an_entrepreneur_may_not_read_the_report(client, people) -> None:
    answer = client.get("/reports/portfolio.pdf", headers=people.entrepreneur.headers)
    assert answer.status_code == 403


def test_the_filters_head_the_report_and_an_advisor_reads_their_own_caseload(
    client, people
) -> None:
    query = {"country": "SN", "sector": "agri_food", "opened_from": "2026-01-01"}
    manager = client.get("/reports/portfolio.pdf", params=query, headers=people.manager.headers)
    assert "opened on or after Jan 1, 2026; project in Senegal (SN); sector Agri-food" in (
        text_of(manager.content)
    )
    # An advisor's report is their caseload's, whatever advisor_id says: the heading says so.
    mine = client.get(
        "/reports/portfolio.pdf",
        params={"advisor_id": people.manager.id},
        headers=people.advisor.headers,
    )
    assert mine.status_code == 200
    assert "advisor Awa Ndiaye" in text_of(mine.content)


def test_a_filter_the_json_refuses_the_pdf_refuses_too(client, people) -> None:
    answer = client.get(
        "/reports/portfolio.pdf", params={"country": "sn"}, headers=people.manager.headers
    )
    assert answer.status_code == 422
