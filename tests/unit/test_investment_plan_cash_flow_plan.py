"""The cash-flow plan: assets and replacements, working capital, loans, taxes, equity, DSCR."""

from typing import Any

import numpy_financial as npf
import pytest

from casework.investment_plan import InvestmentPlan, PlanPolicy, PlanResults, evaluate

POLICY = PlanPolicy(micro_max_eur=25_000, meso_max_eur=250_000)


def results(**fields: Any) -> PlanResults:
    """A small EUR plan with no revenue or cost unless a test gives them."""
    horizon = fields.get("horizon_years", 1)
    data: dict[str, Any] = {
        "currency": "EUR",
        "eur_rate": 1,
        "horizon_years": horizon,
        "discount_rate": 0.1,
        "revenues": [0] * horizon,
        "operating_costs": [0] * horizon,
    }
    if "revenue_lines" in fields:
        del data["revenues"]
    if {"variable_cost_lines", "fixed_cost_lines"} & fields.keys():
        del data["operating_costs"]
    data.update(fields)
    return evaluate(InvestmentPlan.model_validate(data), POLICY)


def column(outcome: PlanResults, name: str) -> list[float]:
    return [getattr(row, name) for row in outcome.cash_flow_table]


REPLACED = {
    "label": "Grinder",
    "year": 0,
    "amount": 1000,
    "useful_life_years": 2,
    "salvage_value": 100,
    "replace_at_end_of_life": True,
}


def test_an_asset_is_bought_again_each_time_its_life_ends_inside_the_horizon():
    outcome = results(horizon_years=5, investments=[REPLACED])
    assert column(outcome, "investments") == [1000, 0, 0, 0, 0, 0]
    assert column(outcome, "replacements") == [0, 0, 1000, 0, 1000, 0]
    # The worn-out grinder is sold for its salvage value when the new one comes.
    assert column(outcome, "salvage_value") == [0, 0, 100, 0, 100, 100]
    # (1000 - 100) / 2 a year, every year: each copy is depreciated in turn.
    assert column(outcome, "depreciation") == [0, 450, 450, 450, 450, 450]
    assert outcome.cash_flows == [-1000, 0, -900, 0, -900, 100]


def test_no_replacement_is_bought_in_the_last_year_of_the_horizon():
    outcome = results(horizon_years=4, investments=[REPLACED])
    assert column(outcome, "replacements") == [0, 0, 1000, 0, 0]


def test_replacements_are_paid_out_of_operations_not_counted_as_uses_of_funds():
    outcome = results(horizon_years=5, investments=[REPLACED])
    assert outcome.total_investment == 1000
    assert outcome.sources_and_uses.total_uses == 1000


def test_by_default_the_declared_salvage_value_comes_back_at_the_end():
    cold_room = {"label": "Cold room", "year": 0, "amount": 9_000, "useful_life_years": 10}
    assert results(horizon_years=5, investments=[cold_room]).cash_flows[-1] == 0


def test_book_value_residual_returns_the_cost_not_yet_depreciated():
    cold_room = {"label": "Cold room", "year": 0, "amount": 9_000, "useful_life_years": 10}
    land = {"label": "Land", "year": 1, "amount": 500, "salvage_value": 100}
    outcome = results(
        horizon_years=5, residual_value="book_value", investments=[cold_room, land, REPLACED]
    )
    # Cold room: 9 000 - 5 × 900; land is never depreciated; the grinder bought in year 4 has
    # worn one year, 450, and the grinders replaced earlier were sold for 100 each.
    assert column(outcome, "salvage_value") == [0, 0, 100, 0, 100, 4_500 + 500 + 550]


def test_working_capital_is_tied_up_ahead_of_each_year_and_recovered_at_the_end():
    outcome = results(horizon_years=3, working_capital=[100, 150, 120])
    assert column(outcome, "working_capital_change") == [-100, -50, 30, 120]
    assert outcome.cash_flows == [-100, -50, 30, 120]


def test_initial_working_capital_is_a_use_of_funds_and_can_open_a_gap():
    outcome = results(
        horizon_years=2,
        investments=[{"label": "Oven", "year": 0, "amount": 1_000}],
        working_capital=[300, 300],
        financing=[{"source": "own_funds", "amount": 1_100}],
    )
    uses = outcome.sources_and_uses
    assert [(use.label, use.amount) for use in uses.uses] == [
        ("Oven", 1_000),
        ("Initial working capital", 300),
    ]
    assert (uses.total_sources, uses.total_uses, uses.sources_minus_uses) == (1_100, 1_300, -200)
    assert outcome.funding_gap == 200


def test_revenue_and_cost_lines_add_up_to_the_yearly_totals():
    outcome = results(
        horizon_years=2,
        revenue_lines=[
            {"label": "Bread", "unit": "loaf", "unit_price": 2, "volumes": [100, 200]},
            {"label": "Cake", "unit_price": 10, "volumes": [5, 10]},
        ],
        variable_cost_lines=[{"label": "Flour", "unit_cost": 0.5, "volumes": [100, 200]}],
        fixed_cost_lines=[{"label": "Rent", "amounts": [60, 60]}],
    )
    assert column(outcome, "revenues") == [0, 250, 500]
    assert column(outcome, "operating_costs") == [0, 110, 160]


def loan_plan(**line: Any) -> dict[str, Any]:
    """Two years selling 1 000, costing 200, an asset of 1 000 and a 600 loan at 10%."""
    financing = {"source": "bank_loan", "amount": 600, "interest_rate": 0.1, "term_years": 2}
    return {
        "horizon_years": 2,
        "tax_rate": 0.3,
        "investments": [{"label": "Van", "year": 0, "amount": 1_000, "useful_life_years": 2}],
        "revenues": [1_000, 1_000],
        "operating_costs": [200, 200],
        "financing": [{"source": "own_funds", "amount": 400}, financing | line],
    }


def test_interest_is_deductible_in_the_equity_view_only():
    outcome = results(**loan_plan(repayment="linear"))
    # EBIT 1 000 - 200 - 500 = 300; taxed 30% on total capital = 90 a year.
    assert column(outcome, "taxes_on_ebit") == [0, 90, 90]
    # Interest 60 then 30: profit before tax 240 and 270, taxed 72 and 81.
    assert column(outcome, "interest") == [0, 60, 30]
    assert column(outcome, "taxes") == [0, 72, 81]
    assert outcome.cash_flows == [-1_000, 710, 710]
    # Equity: loan in, then project flow + tax saved - interest - 300 of principal.
    assert outcome.equity.cash_flows == [-400, 710 + 18 - 60 - 300, 710 + 9 - 30 - 300]


def test_dscr_is_cash_after_tax_over_debt_service_each_year_and_its_minimum():
    outcome = results(**loan_plan(repayment="linear"))
    # (800 - 72) / (60 + 300) and (800 - 81) / (30 + 300).
    assert column(outcome, "dscr") == [None, round(728 / 360, 6), round(719 / 330, 6)]
    assert (outcome.min_dscr, outcome.min_dscr_year, outcome.dscr_note) == (2.022222, 1, None)
    assert outcome.cash_flow_table[0].dscr_note is not None


def test_without_debt_service_there_is_no_dscr_and_it_says_why():
    outcome = results(horizon_years=2)
    assert (outcome.min_dscr, outcome.min_dscr_year) == (None, None)
    assert outcome.dscr_note == "no interest or principal falls due within the horizon"
    assert column(outcome, "dscr") == [None, None, None]


def test_a_loan_disbursed_later_is_paid_back_from_the_year_after():
    outcome = results(**loan_plan(year=1))
    assert column(outcome, "debt_drawdown") == [0, 600, 0]
    [schedule] = outcome.loans
    assert [row.year for row in schedule.years] == [2, 3]
    assert schedule.balance_at_horizon > 0


def test_what_a_loan_still_owes_at_the_horizon_is_paid_off_in_the_last_year():
    outcome = results(**loan_plan(term_years=4, repayment="linear"))
    [schedule] = outcome.loans
    assert [row.closing_balance for row in schedule.years] == [450, 300, 150, 0]
    assert schedule.balance_at_horizon == 300
    assert column(outcome, "debt_settled") == [0, 0, 300]
    assert column(outcome, "debt_service") == [0, 60 + 150, 45 + 150]
    assert any("still owes 300 EUR" in warning for warning in outcome.warnings)


def test_grace_years_sit_inside_the_term_and_pay_interest_only():
    outcome = results(
        horizon_years=4,
        financing=[
            {
                "source": "meso_credit",
                "amount": 1_200,
                "interest_rate": 0.1,
                "term_years": 4,
                "grace_years": 1,
                "repayment": "linear",
            }
        ],
    )
    [schedule] = outcome.loans
    assert [(y.year, y.interest, y.principal, y.closing_balance) for y in schedule.years] == [
        (1, 120, 0, 1_200),
        (2, 120, 400, 800),
        (3, 80, 400, 400),
        (4, 40, 400, 0),
    ]


def test_a_grace_period_as_long_as_the_term_ends_in_one_bullet_payment_and_a_warning():
    outcome = results(
        horizon_years=4,
        financing=[
            {
                "source": "partner_loan",
                "amount": 1_000,
                "interest_rate": 0.1,
                "term_years": 2,
                "grace_years": 3,
            }
        ],
    )
    [schedule] = outcome.loans
    assert [(y.year, y.principal, y.payment) for y in schedule.years] == [
        (1, 0, 100),
        (2, 0, 100),
        (3, 0, 100),
        (4, 1_000, 1_100),
    ]
    assert any("3 grace years for a 2-year term" in w for w in outcome.warnings)


def test_grants_lower_the_owners_outlay_but_not_the_project_cash_flow():
    outcome = results(
        investments=[{"label": "Solar kit", "year": 0, "amount": 1_000}],
        revenues=[1_500],
        financing=[
            {"source": "grant", "amount": 300},
            {"source": "matching_fund", "amount": 200},
            {"source": "own_funds", "amount": 500},
        ],
    )
    assert outcome.cash_flows == [-1_000, 1_500]
    assert column(outcome, "grants") == [500, 0]
    assert outcome.equity.cash_flows == [-500, 1_500]


def test_equity_measures_explain_themselves_when_loans_cover_everything():
    outcome = results(
        investments=[{"label": "Stall", "year": 0, "amount": 100}],
        revenues=[200],
        financing=[{"source": "microcredit", "amount": 100, "interest_rate": 0.2, "term_years": 1}],
    )
    assert outcome.equity.cash_flows == [0, 80]
    assert outcome.equity.irr is None
    assert outcome.equity.irr_note is not None
    assert "no outlay" in outcome.equity.irr_note
    assert (outcome.equity.payback_years, outcome.equity.payback_note) == (0.0, None)


def test_the_table_agrees_with_the_headline_figures():
    outcome = results(**loan_plan())
    assert column(outcome, "cash_flow_total_capital") == outcome.cash_flows
    assert column(outcome, "cash_flow_equity") == outcome.equity.cash_flows
    assert outcome.cash_flow_table[-1].cumulative_cash_flow == round(sum(outcome.cash_flows), 2)
    for row in outcome.cash_flow_table:
        assert row.ebitda == round(row.revenues - row.operating_costs, 2)
        assert row.net_profit == round(row.profit_before_tax - row.taxes, 2)


def test_an_equity_discount_rate_of_its_own_is_used_for_the_equity_npv():
    outcome = results(**loan_plan(), equity_discount_rate=0.2)
    flows = outcome.equity.cash_flows
    assert outcome.equity.discount_rate == 0.2
    assert outcome.equity.npv == round(sum(f / 1.2**t for t, f in enumerate(flows)), 2)
    # MIRR finances and reinvests at the equity rate too, unless the plan says otherwise.
    assert outcome.equity.mirr == round(float(npf.mirr(flows, 0.2, 0.2)), 6)


def break_even_plan(**fields: Any) -> PlanResults:
    data = {
        "horizon_years": 2,
        "revenue_lines": [
            {"label": "Juice", "unit": "bottle", "unit_price": 10, "volumes": [800, 1000]}
        ],
        "variable_cost_lines": [{"label": "Fruit", "unit_cost": 4, "volumes": [800, 1000]}],
        "fixed_cost_lines": [{"label": "Rent", "amounts": [2_000, 2_000]}],
        "investments": [{"label": "Press", "year": 0, "amount": 2_000, "useful_life_years": 2}],
        "financing": [
            {"source": "bank_loan", "amount": 5_000, "interest_rate": 0.1, "term_years": 2}
        ],
    }
    data.update(fields)
    return results(**data)


def test_break_even_counts_depreciation_and_interest_as_fixed_costs_in_the_typical_year():
    even = break_even_plan().break_even
    # Typical year: year 2, the first with the highest revenue (10 000). Fixed: rent 2 000,
    # depreciation 1 000, interest on the 2 619.05 still owed after year 1: 261.90.
    assert even.year == 2
    fixed = 2_000 + 1_000 + (5_000 * 1.1 - 2_880.952380952381) * 0.1
    assert even.fixed_costs == round(fixed, 2)
    assert even.variable_costs == 4_000
    assert even.share_of_revenue == round(fixed / 6_000, 6)
    assert even.revenue == round(10_000 * fixed / 6_000, 2)
    assert even.units is not None
    assert even.units[0].volume == round(1_000 * fixed / 6_000, 2)


@pytest.mark.parametrize(
    ("fields", "note"),
    [
        (
            {"variable_cost_lines": None, "fixed_cost_lines": None, "operating_costs": [1, 1]},
            "yearly totals",
        ),
        (
            {"variable_cost_lines": [{"label": "Fruit", "unit_cost": 10, "volumes": [800, 1000]}]},
            "take all of the revenue",
        ),
        ({"revenue_lines": [{"label": "Juice", "unit_price": 0, "volumes": [0, 0]}]}, "no revenue"),
    ],
)
def test_no_break_even_is_made_up_when_it_cannot_exist(fields, note):
    even = break_even_plan(**fields).break_even
    assert even.revenue is None
    assert even.units is None
    assert even.note is not None
    assert note in even.note


def test_break_even_revenue_without_units_when_revenue_comes_as_totals():
    even = break_even_plan(revenue_lines=None, revenues=[8_000, 10_000]).break_even
    assert even.revenue is not None
    assert even.units is None
    assert even.units_note is not None
    assert "without prices and volumes" in even.units_note
