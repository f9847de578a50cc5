"""One printed style per kind of figure, whatever the size or sign of the number."""

from collections.abc import Callable

import pytest

from casework.number_style import (
    format_amount,
    format_measure,
    format_money,
    format_percent,
    format_price,
    format_rate,
    format_ratio,
    format_volume,
    format_year_count,
    format_years,
)

STYLES: list[tuple[str, Callable[[float], str], float, str]] = [
    # Amounts: whole currency units, thousands separated, never "-0".
    ("amount", format_amount, 2_152_999.17, "2,152,999"),
    ("amount", format_amount, 9_999_999_999_999, "9,999,999,999,999"),
    ("amount", format_amount, -1_796_886.6, "-1,796,887"),
    ("amount", format_amount, -0.004, "0"),
    ("money", lambda v: format_money(v, "GNF"), 6_806_400_000.49, "6,806,400,000 GNF"),
    # Percentages: one decimal, always shown.
    ("percent", format_percent, 0.09, "9.0%"),
    ("percent", format_percent, 0.131812, "13.2%"),
    ("percent", format_percent, 1.0, "100.0%"),
    ("percent", format_percent, -0.0523, "-5.2%"),
    ("percent", format_percent, -0.0001, "0.0%"),
    # Durations in years: one decimal, always shown.
    ("years", format_years, 4.06, "4.1 years"),
    ("years", format_years, 4.0, "4.0 years"),
    ("years", format_years, 1.0, "1.0 year"),
    # Volumes: whole.
    ("volume", format_volume, 23_786.28, "23,786"),
    ("volume", format_volume, 455.5, "456"),
    # Unit prices keep their hundredths, exchange rates their thousandths, ratios two decimals.
    ("price", format_price, 7_500, "7,500"),
    ("price", format_price, 0.35, "0.35"),
    ("rate", format_rate, 655.957, "655.957"),
    ("rate", format_rate, 9_300, "9,300"),
    ("ratio", format_ratio, 1.1449, "1.14"),
]


@pytest.mark.parametrize(("kind", "style", "value", "printed"), STYLES)
def test_each_kind_of_figure_prints_in_its_one_style(kind, style, value, printed) -> None:
    assert style(value) == printed


@pytest.mark.parametrize(("count", "printed"), [(1, "1 year"), (5, "5 years"), (0, "0 years")])
def test_a_term_in_whole_years_prints_as_a_count(count, printed) -> None:
    assert format_year_count(count) == printed


@pytest.mark.parametrize(
    ("kind", "printed"),
    [("money", "1,234 XOF"), ("percent", "123,400.0%"), ("years", "1,234.0 years"),
     ("ratio", "1234.00")],
)  # fmt: skip
def test_a_result_prints_in_the_style_of_its_kind(kind, printed) -> None:
    assert format_measure(1234.0, kind, "XOF") == printed
