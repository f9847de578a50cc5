"""The investment plan of DESIGN.md §6, a cold room in Senegal: the API's documented example."""

import copy
from typing import Any

_DESIGN_EXAMPLE: dict[str, Any] = {
    "currency": "XOF",
    "eur_rate": 655.957,
    "horizon_years": 5,
    "discount_rate": 0.10,
    "tax_rate": 0.0,
    "investments": [
        {"label": "Cold room", "year": 0, "amount": 9000000, "useful_life_years": 10,
         "salvage_value": 0},
    ],
    "revenues": [6000000, 9000000, 11000000, 12000000, 12000000],
    "operating_costs": [4000000, 5000000, 6000000, 6500000, 6500000],
    "financing": [
        {"source": "own_funds", "amount": 2000000},
        {"source": "meso_credit", "amount": 7000000, "interest_rate": 0.09, "term_years": 4,
         "grace_years": 1},
    ],
}  # fmt: skip


def design_example() -> dict[str, Any]:
    """A fresh copy of the example body, safe to change."""
    return copy.deepcopy(_DESIGN_EXAMPLE)
