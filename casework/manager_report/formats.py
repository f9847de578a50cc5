"""How the managers' report prints its figures: euros, shares, days, hours and names.

A missing figure (no case to count, no answer yet) prints as a dash, never as 0.
"""

from datetime import datetime

from casework.dossiers import format_label

DASH = "–"

# Names in the unit's words where the generic rule (snake_case to Sentence case) is not enough.
_NAMES = {
    "woman": "Women",
    "man": "Men",
    "other": "Other",
    "undisclosed": "Undisclosed",
    "sme": "SME",
    "agri_food": "Agri-food",
}


def format_eur(value: float | None) -> str:
    """A whole amount in euros with thousands separators: 12,500 EUR."""
    if value is None:
        return DASH
    # round() to an int first, so tiny float residues never print as "-0".
    return f"{round(value):,} EUR"


def format_share(value: float | None) -> str:
    """A share as a percentage to one decimal: 0.625 -> 62.5%."""
    return DASH if value is None else f"{value * 100:.1f}%"


def format_days(value: float | None) -> str:
    """A duration in days to one decimal: 12.0."""
    return DASH if value is None else f"{value:,.1f}"


def format_hours(value: float | None) -> str:
    """Advisor hours to one decimal: 1,250.5."""
    return DASH if value is None else f"{value:,.1f}"


def format_count(value: int | None) -> str:
    """A count of cases, referrals or jobs with thousands separators."""
    return DASH if value is None else f"{value:,}"


def format_name(value: str) -> str:
    """A stored name in the unit's words: follow_up -> Follow-up, woman -> Women."""
    return _NAMES.get(value) or format_label(value)


def format_moment(value: datetime) -> str:
    """When the report was made, to the minute, with its time zone: 2026-12-02 09:30 UTC."""
    zone = value.tzname() or ""
    return f"{value:%Y-%m-%d %H:%M} {zone}".rstrip()
