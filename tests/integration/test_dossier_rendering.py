"""The case dossier renders to a real PDF that holds what a partner needs to read."""

import io
import re
import uuid
from dataclasses import replace

import pytest
from pypdf import PdfReader

from casework.database import open_session
from casework.dossier.render import render_dossier, render_dossier_html
from casework.dossier.statement import MAX_YEAR_COLUMNS, cash_flow_plan, statement_lines
from casework.dossier.wording import wording
from casework.models import InvestmentPlanVersion
from casework.vocabulary import Audience, Language, Role
from tests.dossier_samples import (
    LEGACY_BODY,
    LEGACY_NPV_PRINTED,
    LEGACY_RESULTS,
    MESO_LENDER,
    NPV_PRINTED,
    PLAN_BODY,
    REFERENCE,
    reoriented_sample,
    sample_context,
    stored_plan,
)
from tests.journey import ok, open_case

ENGLISH = wording(Language.EN)


def _text(pdf: bytes) -> str:
    # pypdf can run neighbouring blocks together: compare on collapsed whitespace.
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_dossier(sample_context(), Audience.UNIT)


def test_dossier_is_a_pdf(sample_pdf: bytes) -> None:
    assert sample_pdf.startswith(b"%PDF")
    assert len(PdfReader(io.BytesIO(sample_pdf)).pages) >= 3


def test_dossier_shows_reference_npv_and_partners(sample_pdf: bytes) -> None:
    text = _text(sample_pdf)
    assert REFERENCE in text
    assert NPV_PRINTED in text
    for partner in ("CDE", "BIO"):
        assert partner in text
    assert "Reception unit for entrepreneurship projects" in text


def test_dossier_keeps_accented_user_text(sample_pdf: bytes) -> None:
    text = _text(sample_pdf)
    assert "Coopérative Sénégalaise" in text
    assert "Aïssatou Ndiaye" in text
    assert "Meso-credit CSEC Thiès" in text


def test_stylesheet_is_loaded_through_the_locked_fetcher(sample_pdf: bytes) -> None:
    # The footer only exists if dossier.css was served from the static folder.
    text = _text(sample_pdf)
    assert "Page 1 of" in text
    assert f"Case {REFERENCE}" in text


def test_dossier_formats_plan_figures(sample_pdf: bytes) -> None:
    text = _text(sample_pdf)
    assert "13.2%" in text  # IRR on total capital
    assert "4,540,889 XOF" in text  # NPV on equity
    assert "4.1 years" in text  # payback
    assert "25,154 EUR" in text  # external financing
    assert "Meso" in text
    assert "1.14, in year 2" in text  # minimum DSCR
    assert "9,362,686 XOF" in text  # break-even revenue
    assert "Cold storage (crate-day) 23,786" in text  # break-even units, whole
    assert "25.6% of the money needed" in text  # own contribution share
    assert "655.957" in text
    assert "Approved by the project leader on May 20, 2026" in text  # dates as Babel writes them


def test_dossier_shows_the_schedules_a_lender_expects(sample_pdf: bytes) -> None:
    text = _text(sample_pdf)
    assert "4,012,693" in text  # the meso-credit's annuity
    assert "1,183,333" in text  # the microloan's first linear payment
    assert "Revenue down 10%" in text  # a sensitivity case
    assert "-1,796,887" in text  # and its NPV
    assert "Revenue grows faster than the 50.0% a year a lender finds plausible" in text
    assert "Cold storage: crate-day at 250" in text  # a revenue line, price × volume
    assert "Cash flow on equity" in text
    assert "9,474,704" in text  # the owners' cash flow in the last year


def test_cash_flow_plan_has_landscape_pages_and_the_rest_stays_portrait(sample_pdf) -> None:
    pages = PdfReader(io.BytesIO(sample_pdf)).pages
    wide = [index for index, page in enumerate(pages) if page.mediabox.width > page.mediabox.height]
    assert wide, "the cash-flow plan should sit on a landscape page"
    assert "Cash-flow plan by year" in pages[wide[0]].extract_text()
    assert wide[-1] < len(pages) - 1, "what follows the cash-flow plan goes back to portrait"
    assert "6. Partner matches" in pages[wide[-1] + 1].extract_text()


def test_chart_is_inline_svg_drawn_from_the_cash_flows() -> None:
    html = render_dossier_html(sample_context(), Audience.UNIT)
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert "<polyline points=" in svg
    assert svg.count("<rect ") == 6 + 1  # one bar a year, and the legend's swatch
    for forbidden in ("href", "url(", "<image", "<use"):
        assert forbidden not in svg


def test_dossier_without_any_optional_section_still_renders() -> None:
    bare = sample_context(
        assessment=None,
        feasibility=None,
        plan=None,
        partner_matches=[],
        referrals=[],
        milestones=[],
        timeline=[],
        reorientation=None,
    )
    pdf = render_dossier(bare, Audience.UNIT)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert REFERENCE in text
    for missing in ("Assessment", "Feasibility study", "Investment plan", "Partner matches"):
        assert f"{missing}: not yet recorded" in text
    assert "Referrals: not yet recorded" in text
    assert "Timeline events: not yet recorded" in text


def test_null_results_show_their_notes_never_a_number() -> None:
    context = sample_context()
    assert context.plan is not None
    results = context.plan.results
    assert results.equity is not None
    assert results.break_even is not None
    equity = results.equity.model_copy(
        update={"mirr": None, "mirr_note": "No MIRR for the owners."}
    )
    break_even = results.break_even.model_copy(
        update={"revenue": None, "note": "No revenue, no break-even."}
    )
    figures = results.model_copy(
        update={
            # On total capital: the results' own figures.
            "irr": None,
            "irr_note": "no IRR: the cash flows never change sign.",
            "payback_years": None,
            "payback_note": "Not reached within the horizon.",
            "equity": equity,
            "break_even": break_even,
            "min_dscr": None,
            "dscr_note": "no interest or principal falls due",
        }
    )
    html = render_dossier_html(
        replace(context, plan=replace(context.plan, results=figures)), Audience.UNIT
    )
    assert "No IRR: the cash flows never change sign." in html  # printed as a sentence
    assert "Not reached within the horizon." in html
    assert "No MIRR for the owners." in html
    assert "No revenue, no break-even." in html
    assert "No interest or principal falls due" in html
    assert "13.2%</td>" not in html.split("Sensitivity")[0]  # the IRR is gone, not printed


def test_plan_saved_before_the_lenders_tables_still_renders() -> None:
    pdf = render_dossier(
        sample_context(plan=stored_plan(LEGACY_BODY, LEGACY_RESULTS)), Audience.UNIT
    )
    text = _text(pdf)
    assert LEGACY_NPV_PRINTED in text
    assert "23.3%" in text
    assert "3.2 years" in text
    assert "Not computed when this plan version was saved" in text  # MIRR, DSCR
    assert "Cash-flow plan by year" in text
    for absent in ("Repayment schedules", "Sensitivity", "Questions a lender will ask"):
        assert absent not in text


def test_reorientation_shows_reason_and_suggestions() -> None:
    html = render_dossier_html(reoriented_sample(), Audience.UNIT)
    assert "no demand at the planned price" in html
    assert "Join the fish-smoking cooperative" in html


def test_cash_flow_plan_adds_up_to_each_total() -> None:
    lines = statement_lines(stored_plan(), ENGLISH)
    labels = [line.label for line in lines]
    ebitda = labels.index("EBITDA")
    total = labels.index("Cash flow on total capital")
    equity = labels.index("Cash flow on equity")
    for year in range(6):

        def added(start: int, end: int, year: int = year) -> float:
            return sum(
                line.values[year] or 0.0 for line in lines[start:end] if line.kind == "amount"
            )

        assert lines[ebitda].values[year] + added(ebitda, total) == pytest.approx(
            lines[total].values[year], abs=0.02
        )
        assert lines[total].values[year] + added(total, equity) == pytest.approx(
            lines[equity].values[year], abs=0.02
        )
    assert lines[labels.index("Investments")].values[:2] == [-18_000_000, -2_500_000]


def test_a_long_horizon_is_split_into_even_blocks_of_years() -> None:
    horizon = 12
    body = {
        **PLAN_BODY,
        "horizon_years": horizon,
        "revenue_lines": None,
        "variable_cost_lines": None,
        "fixed_cost_lines": None,
        "working_capital": None,
        "revenues": [9_000_000] * horizon,
        "operating_costs": [5_000_000] * horizon,
    }
    blocks = cash_flow_plan(stored_plan(body), ENGLISH)
    assert [block.years for block in blocks] == [list(range(7)), list(range(7, 13))]
    assert all(len(block.years) <= MAX_YEAR_COLUMNS for block in blocks)
    for block in blocks:
        for line in block.lines:
            assert len(line.values) == (0 if line.kind == "group" else len(block.years))


def test_accented_text_is_not_mangled_in_html() -> None:
    html = render_dossier_html(sample_context(), Audience.UNIT)
    assert MESO_LENDER.replace("'", "&#39;") in html


def test_dossier_from_the_store_prints_the_saved_plan(client, people) -> None:
    case = open_case(client, people.entrepreneur)
    url = f"/cases/{case['id']}/investment-plan"
    saved = ok(client.put(url, json=PLAN_BODY, headers=people.entrepreneur.headers))
    results = saved["results"]
    text = _dossier_now(client, case["id"], people)
    assert case["reference"] in text
    assert f"{results['npv']:,.0f} XOF" in text
    assert f"{results['loans'][0]['years'][1]['payment']:,.0f}" in text
    assert results["sensitivity"][0]["description"] in text
    assert results["warnings"][0] in text


def test_dossier_from_the_store_prints_a_plan_saved_by_an_older_version(client, people) -> None:
    case = open_case(client, people.entrepreneur)
    with open_session() as session:
        session.add(
            InvestmentPlanVersion(
                case_id=uuid.UUID(case["id"]),
                version=1,
                body=LEGACY_BODY,
                results=LEGACY_RESULTS,
                author_id=uuid.UUID(people.entrepreneur.id),
                author_role=Role.ENTREPRENEUR,
            )
        )
        session.commit()
    text = _dossier_now(client, case["id"], people)
    assert LEGACY_NPV_PRINTED in text
    assert "Cash-flow plan by year" in text


def _dossier_now(client, case_id, people) -> str:
    pdf = client.get(f"/cases/{case_id}/dossier.pdf", headers=people.entrepreneur.headers)
    assert pdf.status_code == 200, pdf.text
    return _text(pdf.content)
