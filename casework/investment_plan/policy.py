"""The unit's yardsticks for a plan: funding bands and what a lender finds acceptable."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PlanPolicy:
    """Funding-band bounds (EUR of external financing) and the thresholds behind the warnings."""

    micro_max_eur: float
    meso_max_eur: float
    # Lenders to small firms commonly ask that cash from operations cover debt service 1.2 times.
    min_dscr: float = 1.2
    # Revenue growing faster than this from one year to the next needs a story a lender believes.
    max_revenue_growth: float = 0.5
    # The share of the money needed that the entrepreneur's own circle should bring.
    min_own_share: float = 0.2
