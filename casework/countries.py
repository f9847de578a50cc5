"""Countries by the names people read them by, from their ISO 3166-1 alpha-2 codes."""

import pycountry


def country_name(code: str) -> str:
    """The country's everyday name: TZ -> Tanzania, CD -> The Democratic Republic of the Congo."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name = str(getattr(country, "common_name", None) or country.name)
    # ISO writes some names inverted for sorting ("Congo, The Democratic Republic of the").
    head, comma, tail = name.partition(", ")
    return f"{tail} {head}" if comma else name
