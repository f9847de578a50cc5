"""Amounts of up to 13 digits stay inside their tables: measured on WeasyPrint's laid-out boxes.

The plan is 15 years in Guinean francs (about 9,300 to the euro), its uses near ten trillion.
Both languages are laid out: French writes the figures with narrow spaces, and its
headings, dates and labels are longer.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from weasyprint.formatting_structure.boxes import TextBox

from casework.dossier.render import lay_out, render_dossier_html
from casework.dossier.statement import MAX_YEAR_COLUMNS, cash_flow_plan
from casework.dossier.wording import wording
from casework.vocabulary import Audience, Language
from tests.dossier_samples import plan_in_guinean_francs, sample_context, stored_plan

# Half a CSS pixel: what rounding in the layout may leave over.
SLACK = 0.5
LARGEST = (9_916_880_000_000, -2_429_840_000_000, 9_576_560_000_000)


@pytest.fixture(scope="module", params=list(Language))
def document(request: pytest.FixtureRequest) -> Any:
    context = sample_context(plan=stored_plan(plan_in_guinean_francs()))
    laid_out = lay_out(render_dossier_html(context, Audience.UNIT, request.param))
    laid_out.language = request.param
    return laid_out


def _boxes(document: Any, tag: str) -> Iterator[tuple[int, Any, Any]]:
    for number, page in enumerate(document.pages, start=1):
        for box in page._page_box.descendants():
            if getattr(box, "element_tag", None) == tag:
                yield number, page._page_box, box


def _spilling(cell: Any) -> list[str]:
    left = cell.content_box_x()
    right = left + cell.width
    return [
        text.text
        for text in cell.descendants()
        if isinstance(text, TextBox)
        and (text.position_x < left - SLACK or text.position_x + text.width > right + SLACK)
    ]


def test_every_figure_stays_inside_its_cell(document) -> None:
    spilt = [
        (page, text)
        for tag in ("td", "th")
        for page, _, cell in _boxes(document, tag)
        for text in _spilling(cell)
    ]
    assert spilt == []


def test_every_table_stays_within_the_page_content_width(document) -> None:
    wide = [
        page
        for page, page_box, table in _boxes(document, "table")
        if table.position_x < page_box.content_box_x() - SLACK
        or table.position_x + table.margin_width()
        > page_box.content_box_x() + page_box.width + SLACK
    ]
    assert wide == []


@pytest.mark.parametrize("amount", LARGEST)
def test_the_13_digit_amounts_are_printed_whole_in_table_cells(document, amount) -> None:
    printed = wording(document.language).amount(amount)
    cells = [
        cell
        for _, _, cell in _boxes(document, "td")
        if any(isinstance(t, TextBox) and t.text == printed for t in cell.descendants())
    ]
    assert cells, f"{printed} should be printed in a table cell"
    assert all(_spilling(cell) == [] for cell in cells)


def test_the_cash_flow_plan_takes_fewer_years_a_page_when_its_figures_are_long() -> None:
    blocks = cash_flow_plan(stored_plan(plan_in_guinean_francs()), wording(Language.EN))
    assert sum(len(block.years) for block in blocks) == 16
    assert max(len(block.years) for block in blocks) < MAX_YEAR_COLUMNS
