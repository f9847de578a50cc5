"""Warnings: the sentences a lender would raise, against the thresholds of the unit's policy."""

import copy
from typing import Any

import pytest

from casework.investment_plan import InvestmentPlan, PlanPolicy, evaluate
from casework.investment_plan.examples import design_example

POLICY = PlanPolicy(micro_max_eur=25_000, meso_max_eur=250_000)

# The DESIGN.md example: well covered, own share 22%, growth at most 50%, one sign change.
HEALTHY: dict[str, Any] = design_example()


def warnings(policy: PlanPolicy = POLICY, **changes: Any) -> list[str]:
    data = copy.deepcopy(HEALTHY)
    data.update(changes)
    return evaluate(InvestmentPlan.model_validate(data), policy).warnings


def only(found: list[str], fragment: str) -> str:
    matching = [warning for warning in found if fragment in warning]
    assert len(matching) == 1, found
    return matching[0]


def test_a_healthy_plan_raises_no_warning():
    assert warnings() == []


def test_a_funding_gap_is_stated_with_its_amounts():
    financing = [{"source": "own_funds", "amount": 2000000}]
    warning = only(warnings(financing=financing), "falls short")
    assert "(2,000,000 XOF)" in warning
    assert "(9,000,000 XOF for investments and initial working capital)" in warning
    assert "by 7,000,000 XOF" in warning


def test_a_dscr_below_the_policy_minimum_names_the_years_and_the_lowest():
    strict = PlanPolicy(micro_max_eur=25_000, meso_max_eur=250_000, min_dscr=1.9)
    warning = only(warnings(strict), "covers the debt service")
    # DSCR 3.17, 1.45, 1.81, 1.99 in years 1 to 4.
    assert "less than 1.90 times in years 2 and 3" in warning
    assert "(lowest: 1.45 in year 2)" in warning


def test_negative_owner_cash_flows_after_the_start_name_their_years():
    revenues = [4000000, 5000000, 11000000, 12000000, 12000000]
    warning = only(warnings(revenues=revenues), "owners' cash flow is negative")
    # Years 1 and 2 earn nothing net of costs while interest, then the annuity, fall due.
    assert "in years 1 and 2 (-630,000 XOF, -2,765,383 XOF)" in warning
    assert "put in more money" in warning


def test_own_contribution_below_the_policy_share_is_flagged():
    financing = copy.deepcopy(HEALTHY["financing"])
    financing[0] = {"source": "family_and_diaspora", "amount": 900000}
    financing.append({"source": "grant", "amount": 1100000})
    warning = only(warnings(financing=financing), "own circle")
    assert "brings 10.0% of the money needed, below the 20.0%" in warning


def test_own_share_threshold_comes_from_the_policy():
    generous = PlanPolicy(micro_max_eur=25_000, meso_max_eur=250_000, min_own_share=0.25)
    only(warnings(generous), "own circle")


def test_a_negative_npv_and_an_irr_below_the_discount_rate_are_named_with_their_figures():
    warning = only(warnings(discount_rate=0.5), "net present value")
    assert "At the discount rate of 50.0%" in warning
    assert "net present value on total capital is negative (-2,596,708 XOF)" in warning
    assert "internal rate of return (32.8%) falls short of it" in warning


def test_an_irr_above_the_discount_rate_raises_no_return_warning():
    # The healthy plan returns 32.8% on total capital.
    assert warnings(discount_rate=0.32) == []


def test_implausible_revenue_growth_names_each_jump():
    revenues = [1000000, 9000000, 11000000, 20000000, 20000000]
    warning = only(warnings(revenues=revenues), "Revenue grows faster")
    assert "+800.0% from year 1 to year 2" in warning
    assert "+81.8% from year 3 to year 4" in warning
    assert "year 2 to year 3" not in warning


def test_a_plan_without_revenue_is_accepted_and_warned_about():
    found = warnings(revenues=[0] * 5)
    only(found, "no revenue in any year")


def test_loan_terms_on_money_that_is_not_lent_are_reported_as_ignored():
    financing = copy.deepcopy(HEALTHY["financing"])
    financing.append({"source": "grant", "amount": 1, "interest_rate": 0.05, "label": "EU grant"})
    warning = only(warnings(financing=financing), "carries loan terms")
    assert "Financing line 2 (EU grant)" in warning
    assert "a grant is not repaid" in warning


def test_a_grace_period_not_shorter_than_the_term_is_flagged():
    financing = copy.deepcopy(HEALTHY["financing"])
    financing[1]["grace_years"] = 4
    warning = only(warnings(financing=financing), "grace years")
    assert "meso credit (financing line 1) has 4 grace years for a 4-year term" in warning


def test_cash_flows_that_change_sign_twice_warn_about_several_irrs():
    investments = [
        *HEALTHY["investments"],
        {"label": "Second cold room", "year": 4, "amount": 30000000},
    ]
    only(warnings(investments=investments), "more than one internal rate of return")


@pytest.mark.parametrize("field", ["min_dscr", "max_revenue_growth", "min_own_share"])
def test_the_policy_defaults_are_the_usual_lender_thresholds(field):
    defaults = {"min_dscr": 1.2, "max_revenue_growth": 0.5, "min_own_share": 0.2}
    assert getattr(POLICY, field) == defaults[field]
