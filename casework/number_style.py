"""How every printed figure reads: one style per kind of figure, for the dossiers and the plan.

Amounts are whole currency units, wherever they are printed (tables, text, warnings);
percentages and durations in years have one decimal, always shown; volumes are whole; cover
ratios (DSCR) have two decimals. Pure: the plan's warnings write their sentences with it too.
"""


def format_amount(value: float) -> str:
    """A whole amount with thousands separators: 12,500,000."""
    # round() to an int first, so tiny float residues never print as "-0".
    return f"{round(value):,}"


def format_money(value: float, currency: str) -> str:
    """A whole amount and its currency: 8,762,082 XOF."""
    return f"{format_amount(value)} {currency}"


def format_price(value: float) -> str:
    """A unit price, to the hundredth where it has one (0.35 EUR a kilo): 7,500; 0.35."""
    return f"{value:,.2f}".removesuffix(".00")


def format_volume(value: float) -> str:
    """A volume of goods or services, whole: 23,786."""
    return format_amount(value)


def format_percent(value: float) -> str:
    """A rate or share as a percentage to one decimal: 0.09 -> 9.0%, 0.1318 -> 13.2%."""
    # Rounded first, so that a tiny negative rate never prints as "-0.0%".
    return f"{round(value * 100, 1) + 0.0:,.1f}%"


def format_years(value: float) -> str:
    """A duration found by calculation, to one decimal: 4.1 years, 1.0 year."""
    shown = f"{value:,.1f}"
    return f"{shown} year" if shown == "1.0" else f"{shown} years"


def format_year_count(value: int) -> str:
    """A whole number of years given as a term: 1 year, 5 years."""
    return "1 year" if value == 1 else f"{value} years"


def format_ratio(value: float) -> str:
    """A cover ratio with two decimals: 1.14."""
    return f"{value:.2f}"


def format_rate(value: float) -> str:
    """An exchange rate, precise to a thousandth: 655.957."""
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def format_score(value: float) -> str:
    """A partner-match score with two decimals: 0.82."""
    return f"{value:.2f}"


def format_measure(value: float, kind: str, currency: str = "") -> str:
    """A result in the style of its kind: money, percent, years or ratio."""
    if kind == "money":
        return format_money(value, currency)
    return {"percent": format_percent, "years": format_years, "ratio": format_ratio}[kind](value)
