"""The report's charts as inline SVG, drawn by pygal from plain numbers.

Pure: labels and numbers in, markup out. pygal writes its SVG through ElementTree, so
every label is XML-escaped; its styles are inlined from its own package files (no
font from the web: the font is named, never fetched). What a browser would load is
left out: `js=[]` drops the tooltip script's URL, and the inline script holding the
chart's configuration is removed with the comments before the SVG is serialised. The
markup goes inline into the HTML, never as a data: URI (the dossier fetcher refuses
those), so laying out a chart fetches nothing.
"""

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pygal
from markupsafe import Markup
from pygal.style import Style

INK = "#4a5561"
STRONG = "#1c2430"
GRID = "#dde3ea"
MAJOR_GRID = "#b8c3cf"
NAVY = "#1f3a5f"
BLUE = "#4f7cac"
PLUM = "#8e5ea2"
TEAL = "#3f8f8a"
OCHRE = "#c98a2b"
GREEN = "#5b8c5a"

# Chart sizes in SVG units; the page scales a full-width chart to ~176 mm, a half to ~86 mm,
# so that both print their text at about the same size.
FULL = (720, 250)
HALF = (360, 270)
FUNNEL = (720, 190)
# SVG units between a bar's top and the middle of the figure printed over it.
VALUE_LIFT = 4
# Below this width in SVG units a bar has no room for its figure: the table beside it has it.
LABELLED_BAR = 40
# The funnel's scale runs this far past its longest bar, so that every label fits beside its bar.
FUNNEL_HEADROOM = 1.6
# Category labels too long for their room under the bars (French stages on a half chart) are
# turned by this many degrees, to end under their bars and rise to the right: each then clears
# its neighbours, and the room pygal keeps for them is on the left, beside the value axis.
TURNED = 330
# SVG units beside the plot (the value axis, its labels, the margins), and pygal's estimate of
# a character's width as a share of the font size.
AXIS_ROOM = 45
CHARACTER_WIDTH = 0.6
LABEL_FONT_SIZE = 11


@dataclass(frozen=True, slots=True)
class Series:
    """One run of bars: its legend, a value per category (None: nothing to draw), its colour."""

    name: str
    values: Sequence[float | None]
    colour: str


def funnel_chart(stages: Sequence[str], reached: Sequence[int], labels: Sequence[str]) -> Markup:
    """Horizontal bars, first stage on top: the cases that reached each stage, each labelled."""
    _check(len(stages), [reached, labels])
    # pygal draws the first category at the bottom; a funnel reads from the top.
    shown = list(reversed(labels))
    chart = pygal.HorizontalBar(
        **_config(FUNNEL, [NAVY], legend=False),
        # The bars carry their own figures: no value axis, and room on the right for labels.
        show_x_labels=False,
        range=(0, max(1, *reached) * FUNNEL_HEADROOM),
        # pygal hands the formatter each value's index: print that bar's own label.
        formatter=lambda _value, index: shown[index],
    )
    chart.x_labels = list(reversed(stages))
    chart.add("Cases", list(reversed(reached)))
    root = chart.render_tree()
    for text in _printed_values(root):
        # pygal centres a label on the bar's end; start it there, clear of the bar.
        text.set("text-anchor", "start")
    return _markup(root)


def bar_chart(
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    size: tuple[int, int] = FULL,
    value_format: Callable[[float], str] | None = None,
    number_format: Callable[[float], str] | None = None,
) -> Markup | None:
    """Vertical bars, one group per category; None when no series has a value to draw.

    `number_format` writes the axis's round numbers (and the bars' figures, unless
    `value_format` does): the report passes its language's, so a French axis reads 1,5.
    """
    _check(len(categories), [s.values for s in series])
    if not any(value for s in series for value in s.values):
        return None
    chart = pygal.Bar(
        **_config(
            size,
            [s.colour for s in series],
            legend=len(series) > 1,
            values=size[0] / (len(categories) * len(series)) >= LABELLED_BAR,
        ),
        x_label_rotation=_label_turn(categories, size[0]),
        # The axis in round numbers; the figures on the bars as the table beside them prints them.
        value_formatter=number_format or _plain,
        formatter=value_format or number_format or _plain,
    )
    chart.x_labels = list(categories)
    for one in series:
        chart.add(one.name, list(one.values))
    root = chart.render_tree()
    for text in _printed_values(root):
        # pygal centres a figure on its bar's top edge; lift it clear of the bar.
        text.set("y", f"{float(text.get('y', '0')) - VALUE_LIFT:.2f}")
    return _markup(root)


def _label_turn(categories: Sequence[str], width: int) -> int:
    """How far to turn the category labels: not at all when the longest fits its room."""
    room = (width - AXIS_ROOM) / max(1, len(categories))
    longest = max((len(label) for label in categories), default=0)
    return TURNED if longest * CHARACTER_WIDTH * LABEL_FONT_SIZE > room else 0


def _config(
    size: tuple[int, int], colours: list[str], *, legend: bool, values: bool = True
) -> dict[str, Any]:
    width, height = size
    return {
        "js": [],
        "width": width,
        "height": height,
        "style": _style(colours),
        "show_legend": legend,
        "legend_at_bottom": True,
        "legend_at_bottom_columns": max(1, len(colours)),
        "print_values": values,
        "print_values_position": "top",
        "print_zeroes": False,
        "show_x_guides": False,
        "truncate_label": -1,
        "truncate_legend": -1,
        "margin": 6,
        "spacing": 8,
        "disable_xml_declaration": True,
    }


def _style(colours: list[str]) -> Style:
    return Style(
        background="transparent",
        plot_background="transparent",
        foreground=INK,
        foreground_strong=STRONG,
        foreground_subtle=GRID,
        font_family="DejaVu Sans, sans-serif",
        label_font_size=LABEL_FONT_SIZE,
        major_label_font_size=11,
        value_font_size=11,
        legend_font_size=12,
        opacity="1",
        opacity_hover="1",
        guide_stroke_dasharray="0",
        major_guide_stroke_dasharray="0",
        guide_stroke_color=GRID,
        major_guide_stroke_color=MAJOR_GRID,
        colors=tuple(colours),
    )


# Elements a printed chart never shows; laying them out cost ~15 % of the report's render.
_FOR_BROWSERS = frozenset({"script", "title", "desc"})


def _printed_values(root: ET.Element) -> list[ET.Element]:
    return [t for t in root.iter("text") if "value" in (t.get("class") or "").split()]


def _markup(root: ET.Element) -> Markup:
    _strip(root)
    svg = ET.tostring(root, encoding="unicode")
    # Safe to print unescaped: ElementTree escaped every label, and nothing in it is fetched.
    return Markup(svg)  # noqa: S704


def _strip(element: ET.Element) -> None:
    """Remove what only a browser's tooltips use: scripts, comments, titles, descriptions, ids."""
    for child in list(element):
        # A comment's tag is the ET.Comment function, not a name.
        if not isinstance(child.tag, str) or child.tag.rpartition("}")[2] in _FOR_BROWSERS:
            element.remove(child)
        else:
            # Legend ids repeat from chart to chart; only the root's scopes the chart's CSS.
            child.attrib.pop("id", None)
            _strip(child)


def _check(count: int, runs: Sequence[Sequence[Any]]) -> None:
    for values in runs:
        if len(values) != count:
            raise ValueError(f"{count} categories but {len(values)} values")
        for value in values:
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError("a chart value is not a finite number")


def _plain(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0")
