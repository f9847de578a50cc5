"""The investment plan: its validated body and the pure computation of its results."""

from casework.investment_plan.lines import (
    FinancingLine,
    FixedCostLine,
    InvestmentLine,
    Repayment,
    RevenueLine,
    VariableCostLine,
)
from casework.investment_plan.plan import InvestmentPlan, ResidualValue
from casework.investment_plan.policy import PlanPolicy
from casework.investment_plan.results import PlanResults, evaluate

__all__ = [
    "FinancingLine",
    "FixedCostLine",
    "InvestmentLine",
    "InvestmentPlan",
    "PlanPolicy",
    "PlanResults",
    "Repayment",
    "ResidualValue",
    "RevenueLine",
    "VariableCostLine",
    "evaluate",
]
