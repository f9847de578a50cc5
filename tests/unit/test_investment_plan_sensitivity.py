"""Sensitivity: NPV and IRR on total capital when revenue, costs, investment or timing slip."""

from typing import Any

import numpy_financial as npf
import pytest

from casework.investment_plan import InvestmentPlan, PlanPolicy, PlanResults, evaluate
from casework.investment_plan.sensitivity import SensitivityCase

POLICY = PlanPolicy(micro_max_eur=25_000, meso_max_eur=250_000)


def results(**fields: Any) -> PlanResults:
    data: dict[str, Any] = {
        "currency": "EUR",
        "eur_rate": 1,
        "horizon_years": 2,
        "discount_rate": 0.1,
        "investments": [{"label": "Kiln", "year": 0, "amount": 1_000, "salvage_value": 100}],
        "revenues": [600, 600],
        "operating_costs": [100, 100],
    }
    data.update(fields)
    return evaluate(InvestmentPlan.model_validate(data), POLICY)


def case(outcome: PlanResults, name: str) -> SensitivityCase:
    [found] = [row for row in outcome.sensitivity if row.case == name]
    return found


def npv(flows: list[float]) -> float:
    return round(float(npf.npv(0.1, flows)), 2)


def test_the_table_has_the_seven_cases_in_a_fixed_order():
    assert [row.case for row in results().sensitivity] == [
        "revenue_minus_10",
        "revenue_minus_20",
        "operating_costs_plus_10",
        "operating_costs_plus_20",
        "investment_plus_10",
        "investment_plus_20",
        "delay_one_year",
    ]


@pytest.mark.parametrize(
    ("name", "flows"),
    [
        ("revenue_minus_10", [-1_000, 440, 540]),
        ("revenue_minus_20", [-1_000, 380, 480]),
        ("operating_costs_plus_10", [-1_000, 490, 590]),
        ("operating_costs_plus_20", [-1_000, 480, 580]),
        # The kiln and its resale value are both dearer.
        ("investment_plus_10", [-1_100, 500, 610]),
        ("investment_plus_20", [-1_200, 500, 620]),
        # Year 0 stays; the two operating years and the resale move one year on.
        ("delay_one_year", [-1_000, 0, 500, 600]),
    ],
)
def test_each_case_reworks_the_cash_flows_as_described(name, flows):
    base = results()
    assert base.cash_flows == [-1_000, 500, 600]
    row = case(base, name)
    assert row.npv == npv(flows)
    assert row.npv_change == round(npv(flows) - base.npv, 2)
    assert row.irr == round(float(npf.irr(flows)), 6)


def test_lower_revenue_means_lower_prices_so_variable_costs_stay():
    outcome = results(
        revenues=None,
        operating_costs=None,
        revenue_lines=[{"label": "Pots", "unit_price": 10, "volumes": [60, 60]}],
        variable_cost_lines=[{"label": "Clay", "unit_cost": 1, "volumes": [60, 60]}],
        fixed_cost_lines=[{"label": "Stall", "amounts": [40, 40]}],
    )
    assert case(outcome, "revenue_minus_10").npv == npv([-1_000, 440, 540])


def test_a_delayed_later_investment_moves_with_the_rest():
    outcome = results(
        horizon_years=3,
        investments=[
            {"label": "Kiln", "year": 0, "amount": 1_000},
            {"label": "Second kiln", "year": 2, "amount": 300},
        ],
        revenues=[600, 600, 600],
        operating_costs=[100, 100, 100],
    )
    assert case(outcome, "delay_one_year").npv == npv([-1_000, 0, 500, 200, 500])


def test_a_case_with_no_irr_says_why():
    outcome = results(
        investments=[{"label": "Kiln", "year": 0, "amount": 1_000}], revenues=[110, 110]
    )
    assert outcome.irr is not None
    row = case(outcome, "revenue_minus_20")
    assert row.irr is None
    assert row.irr_note is not None


def test_the_sensitivity_table_leaves_the_plan_and_its_figures_untouched():
    plan = InvestmentPlan.model_validate(
        {
            "currency": "EUR",
            "eur_rate": 1,
            "horizon_years": 1,
            "discount_rate": 0.1,
            "investments": [{"label": "Kiln", "year": 0, "amount": 10}],
            "revenues": [20],
            "operating_costs": [1],
        }
    )
    before = plan.model_dump()
    first = evaluate(plan, POLICY)
    assert plan.model_dump() == before
    assert evaluate(plan, POLICY) == first
