"""The cash-flow chart: bars and a cumulative line at known coordinates, text escaped, no links."""

import re
import xml.etree.ElementTree as ET

import pytest

from casework.dossier.cash_flow_chart import BAR_SHARE, BOTTOM, LEFT, RIGHT, TOP, cash_flow_chart

SVG = "{http://www.w3.org/2000/svg}"
# A plot area of 300 × 200 units, so that coordinates are easy to work out by hand.
WIDTH = LEFT + 300 + RIGHT
HEIGHT = TOP + 200 + BOTTOM


def parse(markup: str) -> ET.Element:
    # Our own output, parsed to check its structure: it is well-formed XML or the test fails.
    return ET.fromstring(markup)  # noqa: S314


def chart(flows: list[float], labels: list[str] | None = None) -> ET.Element:
    labels = [str(year) for year in range(len(flows))] if labels is None else labels
    return parse(cash_flow_chart(flows, labels, width=WIDTH, height=HEIGHT))


def bars(svg: ET.Element) -> list[tuple[float, float, float, float]]:
    # The legend's swatch sits above the plot area; the bars sit in it.
    return [
        (float(r.get("x", "")), float(r.get("y", "")), float(r.get("width", "")),
         float(r.get("height", "")))
        for r in svg.iter(f"{SVG}rect")
        if float(r.get("y", "")) >= TOP
    ]  # fmt: skip


def line(svg: ET.Element) -> list[tuple[float, float]]:
    polyline = svg.find(f"{SVG}polyline")
    assert polyline is not None
    return [
        (float(x), float(y)) for x, y in (p.split(",") for p in polyline.get("points", "").split())
    ]


def test_bars_and_cumulative_line_sit_at_their_values() -> None:
    # Values from -100 (bottom) to 100 (top): one unit of value is one unit of height.
    svg = chart([-100, 50, 100])
    zero = TOP + 100
    slot, bar = 100, 100 * BAR_SHARE
    left = [LEFT + year * slot + (slot - bar) / 2 for year in range(3)]
    assert bars(svg) == [
        pytest.approx((left[0], zero, bar, 100)),  # hangs below the zero line
        pytest.approx((left[1], zero - 50, bar, 50)),
        pytest.approx((left[2], zero - 100, bar, 100)),
    ]
    # Cumulative: -100, -50, 50, at the middle of each year's slot.
    assert line(svg) == [
        pytest.approx((LEFT + 50, TOP + 200)),
        pytest.approx((LEFT + 150, TOP + 150)),
        pytest.approx((LEFT + 250, TOP + 50)),
    ]


def test_numbers_enter_the_markup_as_plain_decimals() -> None:
    markup = cash_flow_chart([-18_000_000.123, 1e9, 2.5], ["0", "1", "2"])
    for coordinates in re.findall(
        r'\s(?:x|y|x1|y1|x2|y2|cx|cy|r|width|height|points)="([^"]*)"', markup
    ):
        assert re.fullmatch(r"[-0-9., ]+", coordinates), coordinates
    assert "e+" not in markup
    assert "nan" not in markup.lower()


@pytest.mark.parametrize(
    "flows",
    [
        [10, 20, 30],  # all positive: zero line at the bottom
        [-10, -20, -30],  # all negative: zero line at the top
        [0, 0, 0],  # all zero: nothing to scale by
        [-5],  # a single year
        [0],
    ],
)
def test_degenerate_flows_draw_without_dividing_by_zero(flows: list[float]) -> None:
    svg = chart(flows)
    assert len(bars(svg)) == len(flows)
    points = line(svg)
    assert len(points) == len(flows)
    for x, y in points:
        assert LEFT <= x <= WIDTH - RIGHT
        assert TOP <= y <= HEIGHT - BOTTOM


def test_all_positive_flows_put_the_zero_line_at_the_bottom() -> None:
    svg = chart([10, 20, 30])
    # Cumulative 10, 30, 60: the top is 60, the bottom 0.
    assert line(svg)[-1] == pytest.approx((LEFT + 250, TOP))
    assert all(y + height == pytest.approx(TOP + 200) for _, y, _, height in bars(svg))


def test_all_negative_flows_put_the_zero_line_at_the_top() -> None:
    svg = chart([-10, -20, -30])
    assert line(svg)[-1] == pytest.approx((LEFT + 250, TOP + 200))
    assert all(y == pytest.approx(TOP) for _, y, _, _ in bars(svg))


def test_labels_are_escaped_and_nothing_links_outside() -> None:
    hostile = '<image href="http://127.0.0.1/x.png"/>&<a href="file:///etc/hostname">'
    markup = cash_flow_chart([-1, 2], [hostile, "1"])
    svg = parse(markup)
    assert hostile in [text.text for text in svg.iter(f"{SVG}text")]
    assert svg.find(f".//{SVG}image") is None
    assert svg.find(f".//{SVG}a") is None
    for element in svg.iter():
        assert element.tag.removeprefix(SVG) not in ("image", "use", "a", "foreignObject")
        for name, value in element.attrib.items():
            assert "href" not in name
            assert "url(" not in value
    for forbidden in ("<image", "<a ", "url("):
        assert forbidden not in markup


def test_flows_and_labels_must_match_and_be_finite() -> None:
    with pytest.raises(ValueError, match="labels"):
        cash_flow_chart([1, 2], ["0"])
    with pytest.raises(ValueError, match="finite"):
        cash_flow_chart([1, float("nan")], ["0", "1"])
    assert cash_flow_chart([], []) == ""


def legend_texts(svg: ET.Element) -> list[ET.Element]:
    # The legends sit above the plot area, the year labels below it.
    return [text for text in svg.iter(f"{SVG}text") if float(text.get("y", "")) < TOP]


def test_legends_are_the_callers_words_escaped() -> None:
    hostile = '<image href="http://127.0.0.1/x.png"/>'
    markup = cash_flow_chart([-1, 2], ["0", "1"], legends=(hostile, "Flux cumulé"))
    svg = parse(markup)
    assert [text.text for text in legend_texts(svg)] == [hostile, "Flux cumulé"]
    assert svg.find(f".//{SVG}image") is None
    assert "<image" not in markup


def test_the_second_legend_starts_after_the_first_however_long() -> None:
    def second_legend_x(yearly: str) -> float:
        svg = parse(cash_flow_chart([1, 2], ["0", "1"], legends=(yearly, "Cumulative")))
        return float(legend_texts(svg)[1].get("x", ""))

    short, long = second_legend_x("Yearly"), second_legend_x("Flux de trésorerie de l'année")
    assert LEFT < short < long
