"""The language a demo entrepreneur reads their dossiers in: French where they live in it."""

# Where French is the language of daily life or of business: the people the demo unit
# serves from there read French dossiers; everyone else reads the unit's English.
_FRENCH = frozenset({"FR", "BE", "CH", "LU", "CA", "SN", "CI", "ML", "BF", "GN", "TG", "BJ", "NE"})
_FRENCH |= frozenset({"CM", "CD", "CG", "GA", "MA", "TN", "DZ", "MG", "HT"})


def preferred_language(residence: str) -> str | None:
    """fr for a person living in a French-speaking country, else None (the unit's language)."""
    return "fr" if residence in _FRENCH else None
