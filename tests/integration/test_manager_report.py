"""The managers' report on a constructed unit: its figures in the PDF, and nothing fetched.

Three cases, written straight into the store (helpers of `test_portfolio_figures`):
- L1: a woman of the diaspora, linkage; reception 4 days (day 1 to 5), support 10; plan in
  XOF with a meso-credit line of 10,000 €, asked of Sahel Fund (accepted, 5,000 € offered,
  acknowledged 2 days after sending) and of every hostile partner (declined);
- F1: a local man, follow-up; reception 2 days, support 6, linkage 11; one confirmed
  report: 2 women's and 3 men's jobs;
- R1: a local woman, reception, withdrawn.
Days in reception: 2 and 4: median (nearest rank) 2.0, 90th percentile 4.0.

The report prints in English or French: the French words come with the catalogue's
translations, the French figures (12 500 EUR, 62,5 %) with Babel already.
"""

import io
import re
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from markupsafe import Markup
from pypdf import PdfReader

import casework.dossier.render
from casework.database import open_session
from casework.dossier.fetcher import LockedFetcher, static_root
from casework.dossier.wording import wording
from casework.manager_report import (
    manager_report,
    portfolio_pdf,
    render_manager_report,
    render_manager_report_html,
)
from casework.models import FollowUpReport, InvestmentPlanVersion, Partner, Referral
from casework.services.portfolio import Portfolio, PortfolioFilter, portfolio
from casework.vocabulary import Language, Role
from tests.integration.test_portfolio_figures import a_case, day, person

XOF = 655.957
SECRET = "CANARY-SECRET-7d2f0a"


class Canary:
    """A local HTTP server that records every request it receives."""

    def __init__(self) -> None:
        hits: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep the test output quiet

        self.hits = hits
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


@pytest.fixture
def canary() -> Iterator[Canary]:
    found = Canary()
    thread = threading.Thread(target=found.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield found
    finally:
        found.server.shutdown()
        found.server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    """A file outside the static folder that must never be embedded."""
    path = tmp_path / "secret.txt"
    path.write_text(SECRET)
    return path


@pytest.fixture
def hostile(canary: Canary, secret: Path) -> list[str]:
    """Partner names that would fetch, embed or style something if they were markup."""
    url = canary.url
    return [
        f'<img src="{url}/img.png">',
        '<img src="http://evil.example/x">',
        f'<link rel="attachment" href="{secret.as_uri()}">',
        f'<div style="background: url({url}/style-attr.png)">x</div>',
        "url(file:///etc/passwd)",
        f'<style>@import url("{url}/import.css"); body {{ background: url({url}/b.png) }}</style>',
        f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{url}/svg.png"/></svg>',
        f'<object data="{url}/object.svg"></object>',
    ]


@pytest.fixture
def unit(database, hostile: list[str], canary: Canary) -> dict[str, str]:
    with open_session() as session:
        advisor = person(session, "a1", Role.ADVISOR)
        woman = person(session, "w", Role.ENTREPRENEUR, gender="woman", diaspora=True)
        man = person(session, "m", Role.ENTREPRENEUR, gender="man", diaspora=False)
        other = person(session, "o", Role.ENTREPRENEUR, gender="woman", diaspora=False)
        linked = a_case(
            session, "L1", woman, advisor, "SN", "agri_food", "linkage", "active",
            [("reception", 1), ("support", 5), ("linkage", 15)],
        )  # fmt: skip
        followed = a_case(
            session, "F1", man, advisor, "SN", "retail", "follow_up", "active",
            [("reception", 1), ("support", 3), ("linkage", 9), ("follow_up", 20)],
        )  # fmt: skip
        a_case(
            session, "R1", other, advisor, "SN", "crafts", "reception", "withdrawn",
            [("reception", 2)],
        )  # fmt: skip
        session.add(
            InvestmentPlanVersion(
                case_id=linked,
                version=1,
                body={
                    "currency": "XOF",
                    "eur_rate": XOF,
                    "financing": [
                        {"source": "own_funds", "amount": 1_000_000},
                        {"source": "meso_credit", "amount": XOF * 10_000},
                    ],
                },
                results={},
                author_id=woman,
                author_role=Role.ENTREPRENEUR,
                funding_band="micro",
                investment_eur=11_524.5,
                external_financing_eur=10_000.0,
            )
        )
        sahel = Partner(name="Sahel Fund", kind="financial")
        others = [Partner(name=name, kind="financial") for name in hostile]
        session.add_all([sahel, *others])
        session.flush()
        session.add(_referral(linked, sahel.id, advisor, "accepted", XOF * 5_000))
        for partner in others:
            session.add(_referral(linked, partner.id, advisor, "declined"))
        session.add(
            FollowUpReport(
                case_id=followed,
                period=1,
                revenue=1000.0,
                operating_costs=500.0,
                jobs_created_women=2,
                jobs_created_men=3,
                reported_by=advisor,
                reporter_role=Role.ADVISOR,
                confirmed_by=advisor,
                confirmed_at=day(25),
            )
        )
        session.commit()
    return {"advisor": str(advisor)}


def _referral(case_id, partner_id, advisor, status, offered=None):
    return Referral(
        case_id=case_id,
        partner_id=partner_id,
        purpose="Meso-credit for the cold room",
        status=status,
        created_by=advisor,
        sent_at=day(16),
        acknowledged_at=day(18),
        answered_at=day(19),
        financing_lines=[1],
        amount_offered=offered,
    )


def figures() -> Portfolio:
    with open_session() as session:
        return portfolio(session=session)


def render(only: PortfolioFilter | None = None, language: Language = Language.EN) -> bytes:
    with open_session() as session:
        return portfolio_pdf(
            figures(), only or PortfolioFilter(), session=session, language=language
        )


def report_in(language: Language):
    """The unit's whole report with its words in `language`, as of a fixed moment."""
    words = wording(language)
    return manager_report(
        figures(),
        words=words,
        unit_name="Unit",
        filters=(words.gettext("none (every case of the unit)"),),
        generated_at=datetime(2026, 12, 2, 9, 30, tzinfo=UTC),
    )


def text_of(pdf: bytes) -> str:
    # pypdf can run neighbouring blocks together: compare on collapsed whitespace.
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


class Recording(LockedFetcher):
    """The locked fetcher, noting every URL it is asked for."""

    asked: list[str] = []

    def fetch(self, url, headers=None):
        Recording.asked.append(url)
        return super().fetch(url, headers)


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """The URLs WeasyPrint asks the fetcher for during the test."""
    monkeypatch.setattr(Recording, "asked", [])
    monkeypatch.setattr(casework.dossier.render, "LockedFetcher", Recording)
    return Recording.asked


def test_the_pdf_holds_the_units_key_figures(unit) -> None:
    pdf = render()
    assert pdf.startswith(b"%PDF")
    text = text_of(pdf)
    assert "Reception unit for entrepreneurship projects" in text
    assert "Portfolio report" in text
    assert "none (every case of the unit)" in text
    assert "All cases 3 2" in text  # three cases, two of them open
    assert "Reception 2 2.0 4.0" in text  # two left reception: median 2.0, p90 4.0 days
    assert "Sahel Fund 1 1 10,000 EUR 5,000 EUR 50.0%" in text  # financing by partner
    assert "Meso credit 9 1 90,000 EUR 5,000 EUR 5.6%" in text  # by source
    assert "5: 2 for women, 3 for men" in text  # jobs created
    assert "11.1%" in text  # one acceptance in nine answers
    assert "Page 1 of" in text  # the stylesheet was served: its footer is there


def test_the_heading_names_the_filters_and_the_advisor(unit) -> None:
    import uuid

    only = PortfolioFilter(advisor_id=uuid.UUID(unit["advisor"]), country="SN", sector="agri_food")
    text = text_of(render(only))
    assert "advisor a1; project in Senegal (SN); sector Agri-food" in text
    assert "Filters: advisor a1" in text  # the running footer repeats them


def test_the_period_is_written_as_the_language_writes_dates(unit) -> None:
    from datetime import date

    only = PortfolioFilter(opened_from=date(2026, 1, 1), opened_until=date(2026, 6, 30))
    assert "opened Jan 1, 2026 to Jun 30, 2026" in text_of(render(only))
    french = text_of(render(only, Language.FR))
    assert "1 janv. 2026" in french
    assert "30 juin 2026" in french


def test_hostile_partner_names_are_printed_as_text_and_fetch_nothing(
    unit, hostile, canary, asked
) -> None:
    pdf = render()
    assert canary.hits == [], f"the renderer made requests: {canary.hits}"
    assert asked == [(static_root() / "manager_report.css").as_uri()]
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    assert all(not page.images for page in reader.pages)
    assert SECRET.encode() not in pdf
    text = text_of(pdf)
    assert "url(file:///etc/passwd)" in text
    assert '<img src="http://evil.example/x">' in text


def test_markup_that_slips_past_autoescape_is_still_fetched_by_nobody(
    unit, hostile, canary, asked
) -> None:
    # Markup() is how a caller bypasses autoescape by mistake: the fetcher must hold alone.
    report = manager_report(
        figures(),
        words=wording(Language.EN),
        unit_name=Markup(hostile[0]),  # noqa: S704 - the unsafe use is the test
        filters=(Markup(" ".join(hostile)),),  # noqa: S704
        generated_at=datetime(2026, 12, 2, 9, 30, tzinfo=UTC),
    )
    unsafe = replace(
        report,
        partners=tuple(replace(p, name=Markup(p.name)) for p in report.partners),  # noqa: S704
    )
    pdf = render_manager_report(unsafe)
    assert canary.hits == [], f"the renderer made requests: {canary.hits}"
    assert SECRET.encode() not in pdf
    assert PdfReader(io.BytesIO(pdf)).attachments == {}
    # Every refusal was the fetcher's: nothing but the stylesheet was served.
    assert (static_root() / "manager_report.css").as_uri() in asked


def test_an_empty_unit_prints_its_report_without_charts(database) -> None:
    text = text_of(render())
    assert "No case yet." in text
    assert "No case has left a stage yet." in text
    assert "No referral sent yet." in text


def test_the_english_report_is_in_english(unit) -> None:
    html = render_manager_report_html(report_in(Language.EN), Language.EN)
    assert '<html lang="en">' in html
    for words in ("Pipeline", "Time in stage", "Who is served", "Outcomes", "Partners"):
        assert words in html
    assert "Sahel Fund" in html
    assert "50.0%" in html  # what Sahel Fund granted of what it was asked


def test_the_french_report_is_marked_french_and_writes_its_figures_the_french_way(
    unit,
) -> None:
    html = render_manager_report_html(report_in(Language.FR), Language.FR)
    assert '<html lang="fr">' in html
    # Sahel Fund: 5,000 of 10,000 EUR granted; one acceptance in nine answers.
    assert "50,0\u00a0%" in html
    assert "11,1\u00a0%" in html
    assert "10\u202f000 EUR" in html
    assert "50.0%" not in html
    assert "11.1%" not in html
    # Whatever the catalogue says of the headings (English until it is translated), the
    # seven are printed; the date is French already.
    assert html.count("<h2>") == 7
    assert "2 déc. 2026" in html


def test_lang_fr_asks_the_api_for_the_french_report(unit, client, people) -> None:
    answer = client.get(
        "/reports/portfolio.pdf", params={"lang": "fr"}, headers=people.manager.headers
    )
    assert answer.status_code == 200
    assert answer.headers["content-language"] == "fr"
    # Sahel Fund's line, in figures as French writes them (spaces collapsed by text_of).
    assert "Sahel Fund 1 1 10 000 EUR 5 000 EUR 50,0 %" in text_of(answer.content)
    english = client.get("/reports/portfolio.pdf", headers=people.manager.headers)
    assert english.headers["content-language"] == "en"  # the unit's language by default
    assert "Sahel Fund 1 1 10,000 EUR 5,000 EUR 50.0%" in text_of(english.content)


def test_a_language_the_unit_does_not_print_is_refused_by_name(client, people) -> None:
    answer = client.get(
        "/reports/portfolio.pdf", params={"lang": "de"}, headers=people.manager.headers
    )
    assert answer.status_code == 422
    assert [error["loc"] for error in answer.json()["detail"]] == [["query", "lang"]]
