"""One printed style per kind of figure, whatever the size or sign of the number, per locale."""

from collections.abc import Callable

import pytest

from casework.dossier.wording import wording
from casework.number_style import (
    format_amount,
    format_count,
    format_decimal_years,
    format_money,
    format_percent,
    format_price,
    format_rate,
    format_ratio,
    format_tenths,
    format_volume,
)
from casework.vocabulary import Language

# Durations in years are worded (a plural per language): the English wording prints them.
EN = wording(Language.EN)

STYLES: list[tuple[str, Callable[..., str], float, str]] = [
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
    ("years", EN.years, 4.06, "4.1 years"),
    ("years", EN.years, 4.0, "4.0 years"),
    ("years", EN.years, 1.0, "1.0 year"),
    ("decimal years", format_decimal_years, 4.06, "4.1"),
    ("decimal years", format_decimal_years, 1_234.0, "1,234.0"),
    # Volumes: whole.
    ("volume", format_volume, 23_786.28, "23,786"),
    ("volume", format_volume, 455.5, "456"),
    # Unit prices keep their hundredths, exchange rates their thousandths, ratios two decimals.
    ("price", format_price, 7_500, "7,500"),
    ("price", format_price, 0.35, "0.35"),
    ("rate", format_rate, 655.957, "655.957"),
    ("rate", format_rate, 9_300, "9,300"),
    ("ratio", format_ratio, 1.1449, "1.14"),
    # Counts are whole, tenths keep one decimal, always shown.
    ("count", format_count, 1_250, "1,250"),
    ("tenths", format_tenths, 1_250.46, "1,250.5"),
    ("tenths", format_tenths, 3, "3.0"),
]

# French: Babel writes thousands with a narrow no-break space (U+202F), the decimal mark as a
# comma, and the percent sign after a no-break space (U+00A0).
NNBSP = "\u202f"
NBSP = "\u00a0"
FRENCH_STYLES: list[tuple[str, Callable[..., str], float, str]] = [
    ("amount", format_amount, 2_152_999.17, f"2{NNBSP}152{NNBSP}999"),
    ("amount", format_amount, 9_999_999_999_999, f"9{NNBSP}999{NNBSP}999{NNBSP}999{NNBSP}999"),
    ("amount", format_amount, -1_796_886.6, f"-1{NNBSP}796{NNBSP}887"),
    ("amount", format_amount, -0.004, "0"),
    (
        "money",
        lambda v, locale: format_money(v, "GNF", locale),
        6_806_400_000.49,
        f"6{NNBSP}806{NNBSP}400{NNBSP}000 GNF",
    ),
    ("percent", format_percent, 0.09, f"9,0{NBSP}%"),
    ("percent", format_percent, 0.131812, f"13,2{NBSP}%"),
    ("percent", format_percent, 1.0, f"100,0{NBSP}%"),
    ("percent", format_percent, -0.0523, f"-5,2{NBSP}%"),
    ("percent", format_percent, -0.0001, f"0,0{NBSP}%"),
    ("decimal years", format_decimal_years, 4.06, "4,1"),
    ("decimal years", format_decimal_years, 1_234.0, f"1{NNBSP}234,0"),
    ("volume", format_volume, 23_786.28, f"23{NNBSP}786"),
    ("volume", format_volume, 455.5, "456"),
    ("price", format_price, 7_500, f"7{NNBSP}500"),
    ("price", format_price, 0.35, "0,35"),
    ("rate", format_rate, 655.957, "655,957"),
    ("rate", format_rate, 9_300, f"9{NNBSP}300"),
    ("ratio", format_ratio, 1.1449, "1,14"),
    ("count", format_count, 1_250, f"1{NNBSP}250"),
    ("tenths", format_tenths, 1_250.46, f"1{NNBSP}250,5"),
    ("tenths", format_tenths, 3, "3,0"),
]


@pytest.mark.parametrize(("kind", "style", "value", "printed"), STYLES)
def test_each_kind_of_figure_prints_in_its_one_style(kind, style, value, printed) -> None:
    assert style(value) == printed


@pytest.mark.parametrize(("kind", "style", "value", "printed"), FRENCH_STYLES)
def test_each_kind_of_figure_prints_as_french_writes_it(kind, style, value, printed) -> None:
    assert style(value, locale="fr") == printed


@pytest.mark.parametrize(("count", "printed"), [(1, "1 year"), (5, "5 years"), (0, "0 years")])
def test_a_term_in_whole_years_prints_as_a_count(count, printed) -> None:
    assert EN.year_count(count) == printed


@pytest.mark.parametrize(
    ("kind", "printed"),
    [("money", "1,234 XOF"), ("percent", "123,400.0%"), ("years", "1,234.0 years"),
     ("ratio", "1234.00")],
)  # fmt: skip
def test_a_result_prints_in_the_style_of_its_kind(kind, printed) -> None:
    assert wording(Language.EN).measure(1234.0, kind, "XOF") == printed
