"""The investment plan body refuses what cannot be computed, and says where and why."""

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from casework.investment_plan import (
    FinancingLine,
    InvestmentLine,
    InvestmentPlan,
    Repayment,
    ResidualValue,
)
from casework.investment_plan.examples import design_example
from casework.vocabulary import FinancingSource

DESIGN_EXAMPLE: dict[str, Any] = {
    "currency": "XOF",
    "eur_rate": 655.957,
    "horizon_years": 5,
    "discount_rate": 0.10,
    "tax_rate": 0.0,
    "investments": [
        {
            "label": "Cold room",
            "year": 0,
            "amount": 9000000,
            "useful_life_years": 10,
            "salvage_value": 0,
        }
    ],
    "revenues": [6000000, 9000000, 11000000, 12000000, 12000000],
    "operating_costs": [4000000, 5000000, 6000000, 6500000, 6500000],
    "financing": [
        {"source": "own_funds", "amount": 2000000},
        {
            "source": "meso_credit",
            "amount": 7000000,
            "interest_rate": 0.09,
            "term_years": 4,
            "grace_years": 1,
        },
    ],
}


def body(**changes: Any) -> dict[str, Any]:
    """A deep copy of the DESIGN.md example with top-level keys replaced."""
    data = copy.deepcopy(DESIGN_EXAMPLE)
    data.update(changes)
    return data


def refusal(data: dict[str, Any]) -> list[dict[str, Any]]:
    with pytest.raises(ValidationError) as caught:
        InvestmentPlan.model_validate(data)
    return [dict(error) for error in caught.value.errors()]


def only_error(data: dict[str, Any]) -> dict[str, Any]:
    errors = refusal(data)
    assert len(errors) == 1, errors
    return errors[0]


def test_design_example_is_accepted_with_its_types():
    plan = InvestmentPlan.model_validate(DESIGN_EXAMPLE)
    assert plan.currency == "XOF"
    assert plan.financing[1].source is FinancingSource.MESO_CREDIT
    assert plan.investments[0].useful_life_years == 10


def test_optional_fields_take_their_documented_defaults():
    data = body()
    del data["tax_rate"]
    data["investments"] = [{"label": "Tools", "year": 1, "amount": 500}]
    data["financing"] = [{"source": "grant", "amount": 500}]
    plan = InvestmentPlan.model_validate(data)
    assert plan.tax_rate == 0.0
    assert plan.investments[0].salvage_value == 0.0
    assert plan.investments[0].useful_life_years is None
    assert plan.investments[0].replace_at_end_of_life is False
    line = plan.financing[0]
    assert (line.interest_rate, line.term_years, line.grace_years) == (None, None, 0)
    assert (line.year, line.label, line.repayment) == (None, None, Repayment.ANNUITY)
    assert plan.residual_value is ResidualValue.SALVAGE_VALUE
    assert plan.working_capital is None
    assert (plan.equity_discount_rate, plan.finance_rate, plan.reinvestment_rate) == (
        None,
        None,
        None,
    )


def test_revenues_of_the_wrong_length_are_refused_on_the_revenues_field():
    error = only_error(body(revenues=[1, 2, 3, 4]))
    assert error["loc"] == ("revenues",)
    assert "has 4 values but horizon_years is 5" in error["msg"]
    assert "one value per year" in error["msg"]


def test_operating_costs_of_the_wrong_length_are_refused_on_their_field():
    error = only_error(body(operating_costs=[1, 2, 3, 4, 5, 6]))
    assert error["loc"] == ("operating_costs",)
    assert "has 6 values but horizon_years is 5" in error["msg"]


def test_a_bad_horizon_is_reported_alone_without_length_noise():
    error = only_error(body(horizon_years=0))
    assert error["loc"] == ("horizon_years",)


@pytest.mark.parametrize("horizon", [0, 31, 2.5])
def test_horizon_must_be_a_whole_number_of_years_from_1_to_30(horizon):
    errors = refusal(body(horizon_years=horizon))
    assert errors[0]["loc"] == ("horizon_years",)


def test_a_negative_investment_amount_is_refused_at_its_line():
    data = body()
    data["investments"][0]["amount"] = -1
    error = only_error(data)
    assert error["loc"] == ("investments", 0, "amount")
    assert "must be zero or more" in error["msg"]


def test_a_negative_revenue_is_refused_at_its_year():
    error = only_error(body(revenues=[6000000, 9000000, -5, 12000000, 12000000]))
    assert error["loc"] == ("revenues", 2)
    assert "negative amounts are not allowed" in error["msg"]


def test_a_negative_financing_amount_is_refused():
    data = body()
    data["financing"][0]["amount"] = -2000000
    assert only_error(data)["loc"] == ("financing", 0, "amount")


def test_a_discount_rate_of_one_is_refused_and_the_message_explains_fractions():
    error = only_error(body(discount_rate=1.0))
    assert error["loc"] == ("discount_rate",)
    assert "up to but not including 1" in error["msg"]
    assert "0.10 for 10%" in error["msg"]


def test_a_negative_tax_rate_is_refused():
    error = only_error(body(tax_rate=-0.1))
    assert error["loc"] == ("tax_rate",)
    assert "fraction from 0" in error["msg"]


@pytest.mark.parametrize("rate", [-0.1, 1.0, 9])
def test_a_loan_interest_rate_outside_zero_to_one_is_refused(rate):
    data = body()
    data["financing"][1]["interest_rate"] = rate
    assert only_error(data)["loc"] == ("financing", 1, "interest_rate")


def test_a_loan_term_of_zero_years_is_refused():
    data = body()
    data["financing"][1]["term_years"] = 0
    error = only_error(data)
    assert error["loc"] == ("financing", 1, "term_years")
    assert "greater than or equal to 1" in error["msg"]


def test_negative_grace_years_are_refused():
    data = body()
    data["financing"][1]["grace_years"] = -1
    assert only_error(data)["loc"] == ("financing", 1, "grace_years")


def test_an_unknown_currency_code_is_refused():
    error = only_error(body(currency="XXQ"))
    assert error["loc"] == ("currency",)
    assert "ISO 4217" in error["msg"]


@pytest.mark.parametrize("rate", [0, -655.957])
def test_the_euro_rate_must_be_positive(rate):
    assert only_error(body(eur_rate=rate))["loc"] == ("eur_rate",)


def test_an_unknown_financing_source_is_refused_and_the_known_ones_are_listed():
    data = body()
    data["financing"][1]["source"] = "lottery"
    error = only_error(data)
    assert error["loc"] == ("financing", 1, "source")
    assert "meso_credit" in error["msg"]


def test_an_investment_after_the_horizon_is_refused_at_its_year():
    data = body()
    data["investments"].append({"label": "Truck", "year": 6, "amount": 1})
    error = only_error(data)
    assert error["loc"] == ("investments", 1, "year")
    assert "horizon_years is 5" in error["msg"]
    assert "from 0 to 5" in error["msg"]


def test_an_investment_in_the_last_year_of_the_horizon_is_accepted():
    data = body()
    data["investments"][0]["year"] = 5
    assert InvestmentPlan.model_validate(data).investments[0].year == 5


def test_a_salvage_value_above_the_amount_is_refused():
    data = body()
    data["investments"][0]["salvage_value"] = 9000001
    error = only_error(data)
    assert error["loc"] == ("investments", 0, "salvage_value")
    assert "not be above the amount paid" in error["msg"]


def test_a_salvage_value_equal_to_the_amount_is_accepted():
    line = InvestmentLine(label="Land", year=0, amount=100, salvage_value=100)
    assert line.salvage_value == 100


def test_a_useful_life_of_zero_years_is_refused():
    data = body()
    data["investments"][0]["useful_life_years"] = 0
    assert only_error(data)["loc"] == ("investments", 0, "useful_life_years")


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (InvestmentPlan, body(notes="typo-ed field")),
        (InvestmentLine, {"label": "x", "year": 0, "amount": 1, "cost": 1}),
        (FinancingLine, {"source": "grant", "amount": 1, "rate": 0.1}),
    ],
)
def test_an_unknown_field_is_refused_rather_than_silently_dropped(model, data):
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    [error] = caught.value.errors()
    assert error["type"] == "extra_forbidden"
    assert error["loc"][-1] in {"notes", "cost", "rate"}


def test_not_a_number_is_refused_as_an_amount():
    data = body()
    data["investments"][0]["amount"] = float("nan")
    assert only_error(data)["loc"] == ("investments", 0, "amount")


def test_every_broken_field_is_reported_at_once():
    data = body(revenues=[1], currency="XXQ", discount_rate=2)
    data["financing"][0]["source"] = "lottery"
    locs = {error["loc"] for error in refusal(data)}
    assert locs == {("currency",), ("discount_rate",), ("revenues",), ("financing", 0, "source")}


def test_the_api_documents_the_design_example_exactly():
    assert design_example() == DESIGN_EXAMPLE
    assert InvestmentPlan.model_json_schema()["examples"] == [DESIGN_EXAMPLE]
