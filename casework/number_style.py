"""How every printed figure reads: one style per kind of figure, in each of the unit's languages.

Amounts are whole currency units, wherever they are printed (tables, text, warnings);
percentages have one decimal, always shown; volumes are whole; cover ratios (DSCR) have two
decimals. Babel writes each figure as `locale` writes numbers: 12,500,000 and 13.2% in
English, 12 500 000 and 13,2 % in French. Pure: the plan's warnings write their sentences
with it too, in English (the default locale).
"""

from functools import cache

from babel import Locale
from babel.numbers import NumberPattern, format_currency, format_decimal, parse_pattern

DEFAULT_LOCALE = "en"


def format_amount(value: float, locale: str = DEFAULT_LOCALE) -> str:
    """A whole amount with thousands separators: 12,500,000 (en), 12 500 000 (fr)."""
    # round() to an int first, so tiny float residues never print as "-0".
    return format_decimal(round(value), "#,##0", locale=locale)


def format_money(value: float, currency: str, locale: str = DEFAULT_LOCALE) -> str:
    """A whole amount and its currency's code: 8,762,082 XOF."""
    return format_currency(round(value), currency, "#,##0 ¤¤", currency_digits=False, locale=locale)


def format_price(value: float, locale: str = DEFAULT_LOCALE) -> str:
    """A unit price, to the hundredth where it has one (0.35 EUR a kilo): 7,500; 0.35."""
    return format_decimal(round(value, 2), "#,##0.##", locale=locale)


def format_volume(value: float, locale: str = DEFAULT_LOCALE) -> str:
    """A volume of goods or services, whole: 23,786."""
    return format_amount(value, locale)


def format_percent(value: float, locale: str = DEFAULT_LOCALE) -> str:
    """A rate or share as a percentage to one decimal: 0.09 -> 9.0%, 0.1318 -> 13.2%."""
    # Rounded first, so that a tiny negative rate never prints as "-0.0%".
    return str(_percent_pattern(locale).apply(round(value, 3) + 0.0, Locale.parse(locale)))


def format_decimal_years(value: float, locale: str = DEFAULT_LOCALE) -> str:
    """A number of years found by calculation, to one decimal, without its unit: 4.1."""
    return format_decimal(round(value, 1), "#,##0.0", locale=locale)


def format_ratio(value: float, locale: str = DEFAULT_LOCALE) -> str:
    """A cover ratio with two decimals: 1.14."""
    return format_decimal(value, "0.00", locale=locale)


def format_rate(value: float, locale: str = DEFAULT_LOCALE) -> str:
    """An exchange rate, precise to a thousandth: 655.957."""
    return format_decimal(value, "#,##0.###", locale=locale)


def format_score(value: float, locale: str = DEFAULT_LOCALE) -> str:
    """A partner-match score with two decimals: 0.82."""
    return format_decimal(value, "0.00", locale=locale)


def format_count(value: int, locale: str = DEFAULT_LOCALE) -> str:
    """A count of cases, referrals or jobs with thousands separators: 1,250."""
    return format_decimal(value, "#,##0", locale=locale)


def format_tenths(value: float, locale: str = DEFAULT_LOCALE) -> str:
    """Days or hours to one decimal: 1,250.5."""
    return format_decimal(round(value, 1), "#,##0.0", locale=locale)


@cache
def _percent_pattern(locale: str) -> NumberPattern:
    # The locale's own percent pattern (its sign's place and spacing), held to one decimal.
    pattern = parse_pattern(Locale.parse(locale).percent_formats[None].pattern)
    pattern.frac_prec = (1, 1)
    return pattern
