"""The extended plan body: lines, working capital and loans are refused where they break a rule."""

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from casework.investment_plan import (
    FixedCostLine,
    InvestmentPlan,
    PlanPolicy,
    RevenueLine,
    VariableCostLine,
    evaluate,
)

POLICY = PlanPolicy(micro_max_eur=25_000, meso_max_eur=250_000)

LINES_EXAMPLE: dict[str, Any] = {
    "currency": "XOF",
    "eur_rate": 655.957,
    "horizon_years": 3,
    "discount_rate": 0.12,
    "revenue_lines": [
        {"label": "Yoghurt", "unit": "pot", "unit_price": 250, "volumes": [8000, 12000, 15000]}
    ],
    "variable_cost_lines": [{"label": "Milk", "unit_cost": 90, "volumes": [8000, 12000, 15000]}],
    "fixed_cost_lines": [{"label": "Rent", "amounts": [300000, 300000, 300000]}],
    "working_capital": [200000, 250000, 250000],
    "financing": [
        {"source": "own_funds", "amount": 500000},
        {"source": "microcredit", "amount": 1000000, "interest_rate": 0.18, "term_years": 2},
    ],
}


def body(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(LINES_EXAMPLE)
    data.update(changes)
    return data


def without(*keys: str, **changes: Any) -> dict[str, Any]:
    data = body(**changes)
    for key in keys:
        del data[key]
    return data


def errors_of(data: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as caught:
        InvestmentPlan.model_validate(data)
    return [dict(error) for error in caught.value.errors()]


def only_error(data: dict[str, Any]) -> dict[str, Any]:
    errors = errors_of(data)
    assert len(errors) == 1, errors
    return errors[0]


def test_the_lines_example_is_accepted():
    plan = InvestmentPlan.model_validate(LINES_EXAMPLE)
    assert plan.revenues is None
    assert plan.costs_are_split


def test_revenue_totals_and_revenue_lines_together_are_refused_on_the_lines():
    error = only_error(body(revenues=[1, 2, 3]))
    assert error["loc"] == ("revenue_lines",)
    assert "cannot be given together with revenues" in error["msg"]
    assert "one way only" in error["msg"]


def test_a_plan_without_any_revenue_field_is_refused_and_told_both_ways():
    error = only_error(without("revenue_lines"))
    assert error["loc"] == ("revenues",)
    assert "revenues" in error["msg"]
    assert "revenue_lines" in error["msg"]


@pytest.mark.parametrize("lines", ["variable_cost_lines", "fixed_cost_lines"])
def test_cost_totals_with_cost_lines_are_refused_on_each_line_field(lines):
    data = without("variable_cost_lines", "fixed_cost_lines", operating_costs=[1, 2, 3])
    data[lines] = LINES_EXAMPLE[lines]
    error = only_error(data)
    assert error["loc"] == (lines,)
    assert "cannot be given together with operating_costs" in error["msg"]


def test_a_plan_without_any_cost_field_is_refused_on_operating_costs():
    error = only_error(without("variable_cost_lines", "fixed_cost_lines"))
    assert error["loc"] == ("operating_costs",)
    assert "is required" in error["msg"]


def test_fixed_cost_lines_alone_are_enough_and_an_empty_list_means_none():
    plan = InvestmentPlan.model_validate(without("variable_cost_lines", fixed_cost_lines=[]))
    assert plan.fixed_cost_lines == []


@pytest.mark.parametrize(
    ("field", "line", "loc"),
    [
        ("revenue_lines", {"label": "x", "unit_price": 1, "volumes": [1, 2]}, "volumes"),
        ("variable_cost_lines", {"label": "x", "unit_cost": 1, "volumes": [1]}, "volumes"),
        ("fixed_cost_lines", {"label": "x", "amounts": [1, 2, 3, 4]}, "amounts"),
    ],
)
def test_a_line_with_the_wrong_number_of_years_is_refused_at_that_line(field, line, loc):
    data = body()
    data[field] = [*data[field], line]
    error = only_error(data)
    assert error["loc"] == (field, 1, loc)
    assert "horizon_years is 3: give one value per year" in error["msg"]


@pytest.mark.parametrize(
    ("field", "key"),
    [
        ("revenue_lines", "unit_price"),
        ("variable_cost_lines", "unit_cost"),
    ],
)
def test_a_negative_price_or_unit_cost_is_refused(field, key):
    data = body()
    data[field][0][key] = -1
    error = only_error(data)
    assert error["loc"] == (field, 0, key)
    assert "negative amounts are not allowed" in error["msg"]


def test_a_negative_volume_is_refused_at_its_year():
    data = body()
    data["revenue_lines"][0]["volumes"][1] = -5
    assert only_error(data)["loc"] == ("revenue_lines", 0, "volumes", 1)


def test_working_capital_needs_one_level_per_year_and_no_negative_level():
    error = only_error(body(working_capital=[1, 2]))
    assert error["loc"] == ("working_capital",)
    assert "has 2 values but horizon_years is 3" in error["msg"]
    assert only_error(body(working_capital=[1, -2, 3]))["loc"] == ("working_capital", 1)


@pytest.mark.parametrize("source", ["microcredit", "meso_credit", "bank_loan", "partner_loan"])
def test_a_loan_without_rate_and_term_is_kept_unscheduled_and_warned_about(source):
    # Bodies valid under the first contract stay valid: an unpriced loan is warned about.
    plan = InvestmentPlan.model_validate(body(financing=[{"source": source, "amount": 1000}]))
    results = evaluate(plan, POLICY)
    assert results.loans == []
    assert any("has no interest rate or term" in w for w in results.warnings)


def test_a_loan_with_a_rate_but_no_term_is_warned_about_the_term():
    data = body()
    del data["financing"][1]["term_years"]
    results = evaluate(InvestmentPlan.model_validate(data), POLICY)
    assert any("has no term: it is left out" in w for w in results.warnings)


@pytest.mark.parametrize(
    "source", ["own_funds", "family_and_diaspora", "grant", "matching_fund", "investor_equity"]
)
def test_money_that_is_not_lent_needs_no_loan_terms(source):
    plan = InvestmentPlan.model_validate(body(financing=[{"source": source, "amount": 1000}]))
    assert not plan.financing[0].is_loan


@pytest.mark.parametrize(("term", "accepted"), [(0, False), (1, True), (50, True), (51, False)])
def test_a_loan_term_runs_from_one_to_fifty_years(term, accepted):
    data = body()
    data["financing"][1]["term_years"] = term
    if accepted:
        InvestmentPlan.model_validate(data)
    else:
        assert only_error(data)["loc"] == ("financing", 1, "term_years")


def test_an_unknown_repayment_kind_is_refused_and_the_known_ones_are_listed():
    data = body()
    data["financing"][1]["repayment"] = "balloon"
    error = only_error(data)
    assert error["loc"] == ("financing", 1, "repayment")
    assert "annuity" in error["msg"]
    assert "linear" in error["msg"]


def test_money_arriving_after_the_horizon_is_refused_at_its_year():
    data = body()
    data["financing"][1]["year"] = 4
    error = only_error(data)
    assert error["loc"] == ("financing", 1, "year")
    assert "from 0 to 3" in error["msg"]


def test_a_replacement_needs_a_useful_life():
    data = body(
        investments=[{"label": "Van", "year": 0, "amount": 10, "replace_at_end_of_life": True}]
    )
    error = only_error(data)
    assert error["loc"] == ("investments", 0, "replace_at_end_of_life")
    assert "needs useful_life_years" in error["msg"]


def test_an_absurdly_large_amount_is_refused_rather_than_overflowing():
    data = body()
    data["financing"][0]["amount"] = 1e300
    error = only_error(data)
    assert error["loc"] == ("financing", 0, "amount")
    assert "must be at most" in error["msg"]


@pytest.mark.parametrize("field", ["equity_discount_rate", "finance_rate", "reinvestment_rate"])
def test_the_optional_rates_obey_the_same_rule_as_the_discount_rate(field):
    error = only_error(body(**{field: 1.5}))
    assert error["loc"] == (field,)
    assert "up to but not including 1" in error["msg"]


def test_an_unknown_residual_value_rule_is_refused():
    error = only_error(body(residual_value="market_value"))
    assert error["loc"] == ("residual_value",)
    assert "book_value" in error["msg"]


def test_a_currency_worth_more_than_ten_thousand_euros_a_unit_is_refused():
    assert only_error(body(eur_rate=0.00001))["loc"] == ("eur_rate",)


@pytest.mark.parametrize(
    ("model", "data", "field"),
    [
        (RevenueLine, {"label": "x", "unit_price": 1, "volumes": [], "price": 1}, "price"),
        (VariableCostLine, {"label": "x", "unit_cost": 1, "volumes": [], "kind": "v"}, "kind"),
        (FixedCostLine, {"label": "x", "amounts": [], "monthly": True}, "monthly"),
    ],
)
def test_an_unknown_field_on_a_line_is_refused(model, data, field):
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    [error] = caught.value.errors()
    assert (error["type"], error["loc"]) == ("extra_forbidden", (field,))


def test_a_plan_with_no_revenue_at_all_is_accepted_and_evaluated():
    data = body(revenue_lines=[{"label": "Nothing yet", "unit_price": 0, "volumes": [0, 0, 0]}])
    results = evaluate(InvestmentPlan.model_validate(data), PlanPolicy(25_000, 250_000))
    assert any("no revenue" in warning for warning in results.warnings)


def test_a_stored_body_validates_again_and_gives_the_same_results():
    # Versions are stored as model_dump(mode="json") and validated again when a case moves on.
    policy = PlanPolicy(25_000, 250_000)
    plan = InvestmentPlan.model_validate(LINES_EXAMPLE)
    again = InvestmentPlan.model_validate(plan.model_dump(mode="json"))
    assert again == plan
    assert evaluate(again, policy) == evaluate(plan, policy)
