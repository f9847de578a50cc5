"""Countries are named as people name them, never by their ISO code where a name exists."""

import pytest

from casework.countries import country_name


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("SN", "Senegal"),
        ("CI", "Côte d'Ivoire"),
        ("TZ", "Tanzania"),
        ("CD", "The Democratic Republic of the Congo"),
        ("XX", "XX"),
    ],
)
def test_a_code_gives_the_everyday_name(code, name) -> None:
    assert country_name(code) == name
