"""A cash-flow chart as inline SVG: each year's cash flow as a bar, the running total as a line.

Pure: numbers in, markup out. Numbers enter the markup only as formatted floats and every piece
of text is XML-escaped, so the chart can name nothing a renderer would fetch (no href, no url()).
"""

import math
from collections.abc import Sequence
from html import escape
from itertools import accumulate

WIDTH = 640.0
HEIGHT = 240.0
# Room around the plot: amounts on the left, the legend on top, year labels below.
LEFT = 64.0
RIGHT = 12.0
TOP = 26.0
BOTTOM = 30.0
BAR_SHARE = 0.6  # of each year's slot; the rest is the gap between bars

POSITIVE = "#4f7cac"
NEGATIVE = "#c0504d"
LINE = "#1f3a5f"
GRID = "#dde3ea"
AXIS = "#4a5561"
INK = "#4a5561"

YEARLY_LEGEND = "Cash flow of the year"
CUMULATIVE_LEGEND = "Cumulative cash flow"
# What a legend character takes at the chart's 9-unit type, a little over the average.
LEGEND_CHAR_WIDTH = 5.6


def cash_flow_chart(
    flows: Sequence[float],
    labels: Sequence[str],
    *,
    width: float = WIDTH,
    height: float = HEIGHT,
    legends: tuple[str, str] = (YEARLY_LEGEND, CUMULATIVE_LEGEND),
) -> str:
    """SVG markup of yearly `flows` as bars and their cumulative total as a line.

    `legends` name the bars and the line, in the document's language.
    """
    if len(flows) != len(labels):
        raise ValueError(f"{len(flows)} cash flows but {len(labels)} labels")
    if not all(math.isfinite(flow) for flow in flows):
        raise ValueError("a cash flow is not a finite number")
    if not flows:
        return ""
    cumulative = list(accumulate(flows))
    low = min(0.0, *flows, *cumulative)
    high = max(0.0, *flows, *cumulative)
    ticks = sorted({0.0, low, high})
    if high == low:
        # All zero: any span draws the zero line; this one puts it mid-height.
        low, high = -1.0, 1.0
    plot_width = width - LEFT - RIGHT
    plot_height = height - TOP - BOTTOM
    slot = plot_width / len(flows)

    def y(value: float) -> float:
        return TOP + (high - value) / (high - low) * plot_height

    def x(year: int) -> float:
        return LEFT + (year + 0.5) * slot

    zero = y(0.0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(width)}" height="{_n(height)}"'
        f' viewBox="0 0 {_n(width)} {_n(height)}" font-family="DejaVu Sans, sans-serif"'
        f' font-size="9" fill="{INK}">'
    ]
    for value in ticks:
        parts.append(_line(LEFT, y(value), width - RIGHT, y(value), GRID))
        parts.append(_text(LEFT - 6, y(value) + 3, _compact(value), "end"))
    bar = slot * BAR_SHARE
    for year, flow in enumerate(flows):
        top = min(y(flow), zero)
        parts.append(
            f'<rect x="{_n(x(year) - bar / 2)}" y="{_n(top)}" width="{_n(bar)}"'
            f' height="{_n(abs(y(flow) - zero))}" fill="{POSITIVE if flow >= 0 else NEGATIVE}"/>'
        )
    parts.append(_line(LEFT, zero, width - RIGHT, zero, AXIS))
    points = " ".join(f"{_n(x(year))},{_n(y(total))}" for year, total in enumerate(cumulative))
    parts.append(f'<polyline points="{points}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    for year, total in enumerate(cumulative):
        parts.append(
            f'<circle cx="{_n(x(year))}" cy="{_n(y(total))}" r="{_n(2.5)}" fill="{LINE}"/>'
        )
    for year, label in enumerate(labels):
        parts.append(_text(x(year), height - BOTTOM + 14, label, "middle"))
    parts.extend(_legend(*legends))
    parts.append("</svg>")
    return "".join(parts)


def _legend(yearly: str, cumulative: str) -> list[str]:
    # The line's key starts after the bars' legend, however long the language makes it.
    start = LEFT + 14 + len(yearly) * LEGEND_CHAR_WIDTH + 16
    return [
        f'<rect x="{_n(LEFT)}" y="{_n(6)}" width="{_n(10)}" height="{_n(10)}" fill="{POSITIVE}"/>',
        _text(LEFT + 14, 14, yearly, "start"),
        _line(start, 11, start + 20, 11, LINE, 2),
        _text(start + 24, 14, cumulative, "start"),
    ]


def _line(x1: float, y1: float, x2: float, y2: float, stroke: str, width: float = 0.8) -> str:
    return (
        f'<line x1="{_n(x1)}" y1="{_n(y1)}" x2="{_n(x2)}" y2="{_n(y2)}"'
        f' stroke="{stroke}" stroke-width="{_n(width)}"/>'
    )


def _text(x: float, y: float, text: str, anchor: str) -> str:
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}">{escape(text)}</text>'


def _n(value: float) -> str:
    # Every number enters the markup through here, as a plain decimal.
    return f"{value:.2f}"


def _compact(value: float) -> str:
    """An axis amount in few characters: 12.5M, -750k, 27.4tn, 0."""
    for size, suffix in ((1e12, "tn"), (1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return f"{value / size:.1f}".removesuffix(".0") + suffix
    return str(round(value))
