"""The investment plan: its validated body and the pure computation of its results."""

from casework.investment_plan.plan import FinancingLine, InvestmentLine, InvestmentPlan
from casework.investment_plan.results import BandThresholds, PlanResults, evaluate

__all__ = [
    "BandThresholds",
    "FinancingLine",
    "InvestmentLine",
    "InvestmentPlan",
    "PlanResults",
    "evaluate",
]
