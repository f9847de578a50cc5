"""The report's charts: bars sized by their values, every label shown, nothing to fetch."""

import re
import xml.etree.ElementTree as ET

import pytest

from casework.dossier.wording import DASH, wording
from casework.manager_report.charts import (
    FULL,
    HALF,
    Series,
    bar_chart,
    funnel_chart,
)
from casework.manager_report.report_charts import axis_numbers
from casework.vocabulary import Language

ENGLISH = wording(Language.EN)
FRENCH = wording(Language.FR)

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = [
    '<img src="http://evil.example/x">',
    "url(file:///etc/passwd)",
    '<link rel="attachment" href="file:///etc/hostname">',
]


def parse(markup: str) -> ET.Element:
    # Our own output, parsed to check its structure: it is well-formed XML or the test fails.
    return ET.fromstring(markup)  # noqa: S314


def bars(svg: ET.Element) -> list[list[dict[str, float]]]:
    """Each series' bars, in drawing order, as their x, y, width and height."""
    found = []
    for group in svg.iter(f"{SVG}g"):
        if "series" in (group.get("class") or "").split() and group.find(f"{SVG}g") is not None:
            rects = [
                {k: float(r.get(k, "")) for k in ("x", "y", "width", "height")}
                for r in group.iter(f"{SVG}rect")
                if "rect" in (r.get("class") or "").split()
            ]
            if rects:
                found.append(rects)
    return found


def texts(svg: ET.Element) -> list[str]:
    return [text.text or "" for text in svg.iter(f"{SVG}text")]


def printed_values(svg: ET.Element) -> list[str]:
    """The figures printed on the bars (not the axis)."""
    return [
        text.text or ""
        for text in svg.iter(f"{SVG}text")
        if "value" in (text.get("class") or "").split()
    ]


def fetchable(svg: ET.Element) -> list[str]:
    """Whatever a renderer could follow: links, sources, scripts, CSS urls and imports."""
    found = []
    for element in svg.iter():
        # A comment's tag is a function; an attribute's name may be a QName.
        name = element.tag.rpartition("}")[2] if isinstance(element.tag, str) else ""
        if name in ("script", "img", "image", "link", "a", "use", "object", "foreignObject"):
            found.append(f"<{name}>")
        for key, value in element.attrib.items():
            if str(key).rpartition("}")[2] in ("href", "src") or "url(" in value.lower():
                found.append(f"{key}={value}")
        if name == "style" and re.search(r"url\(|@import", element.text or "", re.IGNORECASE):
            found.append("style sheet reference")
    return found


def test_bar_heights_are_proportional_to_the_values_and_rise_from_zero() -> None:
    markup = bar_chart(["Micro", "Meso", "SME"], [Series("Hours", [1.7, 0.5, 3.4], "#4f7cac")])
    assert markup is not None
    (drawn,) = bars(parse(markup))
    heights = [bar["height"] for bar in drawn]
    assert heights[1] / heights[0] == pytest.approx(0.5 / 1.7, rel=1e-3)
    assert heights[2] / heights[0] == pytest.approx(3.4 / 1.7, rel=1e-3)
    # Every bar stands on the same baseline: zero.
    assert len({round(bar["y"] + bar["height"], 3) for bar in drawn}) == 1


def test_grouped_bars_keep_each_series_in_proportion_and_side_by_side() -> None:
    markup = bar_chart(
        ["Reception", "Support"],
        [Series("Women", [40, 10], "#8e5ea2"), Series("Men", [20, 30], "#3f8f8a")],
    )
    assert markup is not None
    women, men = bars(parse(markup))
    unit = women[0]["height"] / 40
    assert [b["height"] / unit for b in women + men] == pytest.approx([40, 10, 20, 30])
    # In each category, the men's bar stands right of the women's.
    assert all(m["x"] > w["x"] for w, m in zip(women, men, strict=True))


def test_a_missing_value_draws_no_bar_and_nothing_to_draw_is_no_chart() -> None:
    markup = bar_chart(["A", "B", "C"], [Series("Median", [4.0, None, 2.0], "#000")])
    assert markup is not None
    assert len(bars(parse(markup))[0]) == 2
    assert bar_chart(["A", "B"], [Series("Median", [None, None], "#000")]) is None
    assert bar_chart(["A", "B"], [Series("Cases", [0, 0], "#000")]) is None


def test_categories_legends_and_values_are_printed() -> None:
    markup = bar_chart(
        ["Reception", "Follow-up"],
        [Series("Median days", [4.0, 12.5], "#000"), Series("90th percentile", [30, 40], "#111")],
    )
    assert markup is not None
    shown = texts(parse(markup))
    for label in ("Reception", "Follow-up", "Median days", "90th percentile"):
        assert label in shown
    assert printed_values(parse(markup)) == ["4", "12.5", "30", "40"]


def test_bars_too_narrow_for_their_figure_print_none() -> None:
    categories = ["Reception", "Support", "Linkage", "Follow-up", "Completed"]
    series = [Series("Women", [9, 7, 5, 3, 1], "#000"), Series("Men", [8, 6, 4, 2, 1], "#111")]
    narrow = bar_chart(categories, series, size=HALF)
    wide = bar_chart(categories, series, size=FULL)
    assert narrow is not None
    assert wide is not None
    assert printed_values(parse(narrow)) == []
    assert "9" in printed_values(parse(wide))


def test_funnel_draws_the_first_stage_on_top_with_widths_in_proportion() -> None:
    stages = ["Reception", "Support", "Completed"]
    labels = ["40", "30 (75.0% of Reception)", "10 (33.3% of Support)"]
    svg = parse(funnel_chart(stages, [40, 30, 10], labels))
    (drawn,) = bars(svg)
    top_down = sorted(drawn, key=lambda bar: bar["y"])
    widths = [bar["width"] for bar in top_down]
    assert [w / widths[0] for w in widths] == pytest.approx([1, 0.75, 0.25])
    shown = texts(svg)
    assert all(label in shown for label in stages + labels)
    # The stage names read from the top down, in the pipeline's order.
    named = [t for t in svg.iter(f"{SVG}text") if t.text in stages]
    assert [t.text for t in sorted(named, key=lambda t: float(t.get("y", "")))] == stages


def test_hostile_labels_are_text_and_nothing_in_a_chart_can_be_fetched() -> None:
    markup = bar_chart(HOSTILE, [Series(HOSTILE[0], [1, 2, 3], "#000")])
    assert markup is not None
    funnel = funnel_chart(HOSTILE, [3, 2, 1], HOSTILE)
    for chart in (markup, funnel):
        svg = parse(chart)
        assert set(HOSTILE) <= set(texts(svg))
        assert fetchable(svg) == []
        assert "<!--" not in chart  # pygal's comments name its web site
        assert "&lt;img" in chart


def test_numbers_that_are_not_finite_or_do_not_match_the_categories_are_refused() -> None:
    with pytest.raises(ValueError, match="finite"):
        bar_chart(["A"], [Series("x", [float("nan")], "#000")])
    with pytest.raises(ValueError, match="2 categories but 1 values"):
        bar_chart(["A", "B"], [Series("x", [1], "#000")])
    with pytest.raises(ValueError, match="2 categories but 3 values"):
        funnel_chart(["A", "B"], [1, 2], ["1", "2", "3"])


@pytest.mark.parametrize(
    ("value", "english", "french"),
    [
        (0.625, "62.5%", "62,5\u00a0%"),
        (0.0, "0.0%", "0,0\u00a0%"),
        (1, "100.0%", "100,0\u00a0%"),
        (0.12345, "12.3%", "12,3\u00a0%"),
        (None, DASH, DASH),
    ],
)
def test_shares_print_to_one_decimal_in_each_language(value, english, french) -> None:
    assert ENGLISH.share(value) == english
    assert FRENCH.share(value) == french


def test_amounts_print_in_whole_euros_with_separators_and_days_to_one_decimal() -> None:
    assert ENGLISH.eur(1_525_880.4) == "1,525,880 EUR"
    assert FRENCH.eur(1_525_880.4) == "1\u202f525\u202f880 EUR"
    assert ENGLISH.eur(-0.2) == "0 EUR"
    assert ENGLISH.eur(None) == "—"
    assert ENGLISH.tenths(4) == "4.0"
    assert ENGLISH.tenths(1234.56) == "1,234.6"
    assert FRENCH.tenths(1234.56) == "1\u202f234,6"
    assert FRENCH.tenths(None) == "—"


def test_a_charts_axis_and_figures_are_written_in_the_reports_language() -> None:
    series = [Series("Heures", [1.5, 1250.0], "#000")]
    markup = bar_chart(["Micro", "Méso"], series, number_format=axis_numbers(FRENCH))
    assert markup is not None
    assert printed_values(parse(markup)) == ["1,5", "1\u202f250"]
    shown = texts(parse(markup))
    assert "1\u202f000" in shown  # the axis's round numbers too
    assert axis_numbers(ENGLISH)(1250.0) == "1,250"
    assert axis_numbers(FRENCH)(-0.01) == "0"


def test_pygal_left_to_itself_would_link_a_script_that_the_report_leaves_out() -> None:
    import pygal

    chart = pygal.Bar()
    chart.add("Cases", [1, 2])
    assert any("href" in found for found in fetchable(chart.render_tree()))


def test_category_labels_too_long_for_their_room_are_turned_and_others_are_not() -> None:
    series = [Series("Femmes", [9, 7, 5, 3, 1], "#000"), Series("Hommes", [8, 6, 4, 2, 1], "#111")]
    english = ["Reception", "Support", "Linkage", "Follow-up", "Completed"]
    french = ["Accueil", "Accompagnement", "Mise en relation", "Suivi", "Terminés"]

    def turned(categories: list[str], size: tuple[int, int]) -> bool:
        markup = bar_chart(categories, series, size=size)
        assert markup is not None
        labels = [t for t in parse(markup).iter(f"{SVG}text") if t.text in categories]
        assert len(labels) == len(categories)
        return all("rotate" in (t.get("transform") or "") for t in labels)

    assert not turned(english, HALF)
    assert not turned(french, FULL)
    assert turned(french, HALF)
