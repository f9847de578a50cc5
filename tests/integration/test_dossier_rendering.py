"""The case dossier renders to a real PDF that holds what a partner needs to read."""

import io
import re
from dataclasses import replace

import pytest
from pypdf import PdfReader

from casework.dossiers import render_dossier, render_dossier_html, year_rows
from tests.dossier_samples import (
    MESO_LENDER,
    NPV_PRINTED,
    REFERENCE,
    reoriented_sample,
    sample_context,
)


def _text(pdf: bytes) -> str:
    # pypdf can run neighbouring blocks together: compare on collapsed whitespace.
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.fixture(scope="module")
def sample_pdf() -> bytes:
    return render_dossier(sample_context())


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


def test_stylesheet_is_loaded_through_the_locked_fetcher(sample_pdf: bytes) -> None:
    # The footer only exists if dossier.css was served from the static folder.
    text = _text(sample_pdf)
    assert "Page 1 of" in text
    assert f"Case {REFERENCE}" in text


def test_dossier_formats_plan_figures(sample_pdf: bytes) -> None:
    text = _text(sample_pdf)
    assert "23.31%" in text  # IRR as a percentage
    assert "3.2 years" in text  # payback
    assert "27,441 EUR" in text  # external financing
    assert "Meso" in text
    assert "655.957" in text
    assert "2026-05-20" in text  # ISO dates


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
    pdf = render_dossier(bare)
    assert pdf.startswith(b"%PDF")
    text = _text(pdf)
    assert REFERENCE in text
    for missing in ("Assessment", "Feasibility study", "Investment plan", "Partner matches"):
        assert f"{missing} not yet recorded" in text
    assert "Referrals not yet recorded" in text
    assert "Timeline events not yet recorded" in text


def test_plan_without_irr_or_payback_shows_their_notes() -> None:
    context = sample_context()
    assert context.plan is not None
    results = replace(
        context.plan.results,
        irr=None,
        irr_note="No IRR: the cash flows never change sign.",
        payback_years=None,
        payback_note="Not reached within the horizon.",
    )
    html = render_dossier_html(replace(context, plan=replace(context.plan, results=results)))
    assert "No IRR: the cash flows never change sign." in html
    assert "Not reached within the horizon." in html


def test_reorientation_shows_reason_and_suggestions() -> None:
    html = render_dossier_html(reoriented_sample())
    assert "no demand at the planned price" in html
    assert "Join the fish-smoking cooperative" in html


def test_yearly_table_adds_up_to_each_cash_flow() -> None:
    plan = sample_context().plan
    rows = year_rows(plan)
    assert [row.year for row in rows] == [0, 1, 2, 3, 4, 5]
    assert rows[0].revenue is None
    assert rows[0].investment == 18_000_000
    assert rows[1].investment == 2_500_000
    assert rows[5].other == 3_500_000  # salvage of cold room and solar array
    for row in rows:
        flow = (row.revenue or 0) - (row.operating_cost or 0) - row.investment + row.other
        assert flow == pytest.approx(row.cash_flow)


def test_accented_text_is_not_mangled_in_html() -> None:
    html = render_dossier_html(sample_context())
    assert MESO_LENDER.replace("'", "&#39;") in html
