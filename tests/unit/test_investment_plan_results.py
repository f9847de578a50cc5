"""The investment plan's figures: checked against hand arithmetic and published examples."""

from functools import cache
from typing import Any

import pytest

from casework.investment_plan import InvestmentPlan, PlanPolicy, PlanResults, evaluate
from casework.investment_plan.measures import NO_PAYBACK_RELAPSE
from casework.vocabulary import FundingBand

THRESHOLDS = PlanPolicy(micro_max_eur=25_000, meso_max_eur=250_000)


def plan(**fields: Any) -> InvestmentPlan:
    """A small EUR plan; tests override only what they are about."""
    data: dict[str, Any] = {
        "currency": "EUR",
        "eur_rate": 1,
        "horizon_years": 1,
        "discount_rate": 0.1,
        "revenues": [0],
        "operating_costs": [0],
    }
    data.update(fields)
    return InvestmentPlan.model_validate(data)


def plan_with_flows(flows: list[float], rate: float = 0.1) -> InvestmentPlan:
    """A plan whose project cash flows are exactly `flows` (year-0 outlay, later net income)."""
    later = flows[1:]
    return plan(
        horizon_years=len(later),
        discount_rate=rate,
        investments=[{"label": "Outlay", "year": 0, "amount": -flows[0]}],
        revenues=[max(flow, 0) for flow in later],
        operating_costs=[max(-flow, 0) for flow in later],
    )


def results(**fields: Any) -> PlanResults:
    return evaluate(plan(**fields), THRESHOLDS)


def of_flows(flows: list[float], rate: float = 0.1) -> PlanResults:
    return evaluate(plan_with_flows(flows, rate), THRESHOLDS)


@cache
def design_example() -> PlanResults:
    """The example plan of DESIGN.md, section "The investment plan"."""
    example = plan(
        currency="XOF",
        eur_rate=655.957,
        horizon_years=5,
        discount_rate=0.10,
        tax_rate=0.0,
        investments=[{"label": "Cold room", "year": 0, "amount": 9e6, "useful_life_years": 10}],
        revenues=[6000000, 9000000, 11000000, 12000000, 12000000],
        operating_costs=[4000000, 5000000, 6000000, 6500000, 6500000],
        financing=[
            {"source": "own_funds", "amount": 2000000},
            {"source": "meso_credit", "amount": 7e6, "interest_rate": 0.09, "term_years": 4},
        ],
    )
    return evaluate(example, THRESHOLDS)


def test_design_example_cash_flows_match_hand_arithmetic():
    # Year 0 is the cold room; years 1..5 are revenue minus cost; no tax, no salvage.
    assert design_example().cash_flows == [
        -9000000,
        6000000 - 4000000,
        9000000 - 5000000,
        11000000 - 6000000,
        12000000 - 6500000,
        12000000 - 6500000,
    ]


def test_design_example_npv_matches_the_plain_discounting_sum_to_the_cent():
    flows = [-9000000, 2000000, 4000000, 5000000, 5500000, 5500000]
    expected = sum(flow / 1.10**year for year, flow in enumerate(flows))
    assert design_example().npv == round(expected, 2)


def test_design_example_irr_zeroes_the_npv():
    outcome = design_example()
    assert outcome.irr is not None
    assert outcome.irr_note is None
    residual = sum(flow / (1 + outcome.irr) ** t for t, flow in enumerate(outcome.cash_flows))
    # Six decimals of rate on 9 million of outlay leave a few francs of residual at most.
    assert abs(residual) < 50


def test_design_example_payback_funding_and_band():
    outcome = design_example()
    # Cumulative: -9M, -7M, -3M, +2M; year 3 brings 5M, of which 3M closes the hole: 2 + 3/5.
    assert (outcome.payback_years, outcome.payback_note) == (2.6, None)
    assert (outcome.total_investment, outcome.total_financing) == (9000000, 9000000)
    assert outcome.funding_gap == 0
    # Only the meso credit comes from outside the entrepreneur's circle.
    assert outcome.external_financing_eur == round(7000000 / 655.957, 2) == 10671.43
    assert outcome.funding_band is FundingBand.MICRO


def test_irr_matches_numpy_financial_documented_example():
    # numpy-financial docs, irr(): round(npf.irr([-100, 39, 59, 55, 20]), 5) == 0.28095
    outcome = of_flows([-100, 39, 59, 55, 20])
    assert outcome.cash_flows == [-100, 39, 59, 55, 20]
    assert outcome.irr is not None
    assert round(outcome.irr, 5) == 0.28095


def test_npv_near_the_irr_matches_numpy_financial_documented_value():
    # numpy-financial docs: npf.npv(0.281, [-100, 39, 59, 55, 20]) ~ -0.0084785916384548798
    outcome = of_flows([-100, 39, 59, 55, 20], rate=0.281)
    assert outcome.npv == round(-0.0084785916384548798, 2) == -0.01


def test_a_negative_irr_is_reported_as_a_number_not_hidden():
    # numpy-financial docs: round(npf.irr([-100, 0, 0, 74]), 5) == -0.0955
    outcome = of_flows([-100, 0, 0, 74])
    assert outcome.irr is not None
    assert round(outcome.irr, 5) == -0.0955


def test_npv_matches_gitman_example_quoted_in_numpy_financial_docs():
    # numpy-financial docs, npv() (after Gitman, Principles of Managerial Finance): an outlay of
    # 40 000 returning 5 000, 8 000, 12 000 and 30 000 at 8% has NPV 3065.22267.
    outcome = of_flows([-40_000, 5_000, 8_000, 12_000, 30_000], 0.08)
    assert outcome.npv == 3065.22


def test_npv_and_irr_match_brealey_myers_office_block_example():
    # Brealey, Myers & Allen, Principles of Corporate Finance, ch. 2: land 50 000 plus
    # construction 300 000, a sure 400 000 a year later, 7% opportunity cost:
    # PV = 400 000 / 1.07 = 373 832, NPV = 23 832 (to the dollar); return = 400/350 - 1 = 14.3%.
    outcome = results(
        discount_rate=0.07,
        investments=[
            {"label": "Land", "year": 0, "amount": 50_000},
            {"label": "Construction", "year": 0, "amount": 300_000},
        ],
        revenues=[400_000],
    )
    assert outcome.npv == 23831.78
    assert round(outcome.npv) == 23832
    assert outcome.irr == round(400_000 / 350_000 - 1, 6) == 0.142857
    assert outcome.payback_years == 0.88


def test_taxes_are_charged_on_profit_after_straight_line_depreciation():
    # Depreciation (1000 - 200) / 2 = 400 a year; taxable 700 - 400 = 300; tax 25% = 75.
    oven = {"label": "Pot", "year": 0, "amount": 1000, "useful_life_years": 2, "salvage_value": 200}
    outcome = results(
        horizon_years=2,
        tax_rate=0.25,
        investments=[oven],
        revenues=[1000, 1000],
        operating_costs=[300, 300],
    )
    # Year 2 also gets the oven's 200 salvage back.
    assert outcome.cash_flows == [-1000, 700 - 75, 700 - 75 + 200]


def test_a_year_where_depreciation_exceeds_profit_pays_no_tax():
    outcome = results(
        tax_rate=0.5,
        investments=[{"label": "Mill", "year": 0, "amount": 1000, "useful_life_years": 1}],
        revenues=[800],
        operating_costs=[100],
    )
    assert outcome.cash_flows == [-1000, 700]


def test_depreciation_starts_the_year_after_purchase_and_lasts_the_useful_life():
    # Bought in year 1, life 1: deductible in year 2 only.
    outcome = results(
        horizon_years=3,
        tax_rate=0.5,
        investments=[{"label": "Press", "year": 1, "amount": 300, "useful_life_years": 1}],
        revenues=[100, 500, 500],
        operating_costs=[0, 0, 0],
    )
    assert outcome.cash_flows == [0, 100 - 300 - 50, 500 - 100, 500 - 250]


def test_an_asset_without_useful_life_is_not_depreciated():
    outcome = results(
        tax_rate=0.5,
        investments=[{"label": "Land", "year": 0, "amount": 1000}],
        revenues=[800],
        operating_costs=[100],
    )
    assert outcome.cash_flows == [-1000, 350]


def test_salvage_values_come_back_in_the_last_year_only():
    outcome = results(
        horizon_years=3,
        investments=[
            {"label": "Truck", "year": 0, "amount": 500, "salvage_value": 100},
            {"label": "Scale", "year": 2, "amount": 50, "salvage_value": 20},
        ],
        revenues=[300, 300, 300],
        operating_costs=[0, 0, 0],
    )
    assert outcome.cash_flows == [-500, 300, 250, 300 + 100 + 20]


def test_a_plan_without_outlay_has_no_irr_and_pays_back_at_once():
    outcome = results(revenues=[100])
    assert outcome.irr is None
    assert outcome.irr_note is not None
    assert "no outlay" in outcome.irr_note
    assert (outcome.payback_years, outcome.payback_note) == (0.0, None)


def test_no_irr_and_no_payback_when_the_cash_flow_never_turns_positive():
    outcome = results(
        horizon_years=2,
        investments=[{"label": "Kiosk", "year": 0, "amount": 100}],
        revenues=[10, 10],
        operating_costs=[10, 30],
    )
    assert outcome.cash_flows == [-100, 0, -20]
    assert outcome.irr is None
    assert outcome.irr_note is not None
    assert "never turns positive" in outcome.irr_note
    assert outcome.payback_years is None
    assert outcome.payback_note == (
        "the cumulative cash flow never turns positive within the horizon"
    )


def test_no_payback_when_income_never_covers_the_outlay():
    outcome = of_flows([-100, 30, 30, 30])
    assert outcome.payback_years is None
    assert outcome.payback_note is not None
    assert "never turns positive within the horizon" in outcome.payback_note
    assert outcome.irr is not None
    assert outcome.irr < 0


@pytest.mark.parametrize(
    ("last_revenue", "payback", "note"),
    [(200, 2.5, None), (10, None, NO_PAYBACK_RELAPSE)],
)
def test_payback_waits_until_the_cumulative_flow_stays_above_zero(last_revenue, payback, note):
    # Cumulative -100, +50, then -100 after a reinvestment: paid back only if the last year
    # brings it back above zero (200: at 2 + 100/200), otherwise not at all.
    outcome = results(
        horizon_years=3,
        investments=[
            {"label": "Stall", "year": 0, "amount": 100},
            {"label": "Second stall", "year": 2, "amount": 200},
        ],
        revenues=[150, 50, last_revenue],
        operating_costs=[0, 0, 0],
    )
    assert (outcome.payback_years, outcome.payback_note) == (payback, note)


def financed(amount: float) -> PlanResults:
    return results(
        investments=[{"label": "Equipment", "year": 0, "amount": amount}],
        financing=[
            {"source": "bank_loan", "amount": amount, "interest_rate": 0.1, "term_years": 1}
        ],
    )


@pytest.mark.parametrize(
    ("external_eur", "band"),
    [
        (0, FundingBand.MICRO),
        (25_000, FundingBand.MICRO),
        (25_000.01, FundingBand.MESO),
        (250_000, FundingBand.MESO),
        (250_000.01, FundingBand.SME),
        (5_000_000, FundingBand.SME),
    ],
)
def test_funding_band_bounds_are_inclusive(external_eur, band):
    outcome = financed(external_eur)
    assert outcome.external_financing_eur == external_eur
    assert outcome.funding_band is band


def test_external_financing_excludes_own_circle_and_includes_the_gap():
    outcome = results(
        eur_rate=2,
        investments=[{"label": "Workshop", "year": 0, "amount": 10_000}],
        financing=[
            {"source": "own_funds", "amount": 2_000},
            {"source": "family_and_diaspora", "amount": 3_000},
            {"source": "grant", "amount": 1_000},
        ],
    )
    assert outcome.total_financing == 6_000
    assert outcome.funding_gap == 4_000
    # (grant 1 000 + gap 4 000) at 2 units per euro.
    assert outcome.external_financing_eur == 2_500


def test_overfinancing_leaves_no_negative_gap():
    outcome = results(
        investments=[{"label": "Shop", "year": 0, "amount": 1_000}],
        financing=[
            {"source": "microcredit", "amount": 1_500, "interest_rate": 0.2, "term_years": 1}
        ],
    )
    assert outcome.funding_gap == 0
    assert outcome.external_financing_eur == 1_500


def test_money_is_rounded_to_cents_and_rates_to_six_decimals():
    outcome = of_flows([-100.004, 33.333, 33.333, 33.333, 33.333])
    assert outcome.cash_flows == [-100.0, 33.33, 33.33, 33.33, 33.33]
    assert outcome.irr is not None
    assert outcome.irr == round(outcome.irr, 6)
    assert outcome.npv == round(outcome.npv, 2)


def test_evaluate_leaves_the_plan_untouched():
    plan_in = plan_with_flows([-100, 60, 60])
    before = plan_in.model_dump()
    evaluate(plan_in, THRESHOLDS)
    assert plan_in.model_dump() == before
