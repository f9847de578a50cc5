"""`evaluate` against figures published by others: library docs, textbooks, a spreadsheet manual.

Every expected number below is copied from the cited source (or, where the source rounds to the
dollar or the percent, that rounding is asserted next to the exact figure, which is re-derived by
hand in the comment). None of them was produced by running this code.
"""

from typing import Any

import pytest

from casework.investment_plan import InvestmentPlan, PlanPolicy, PlanResults, evaluate

POLICY = PlanPolicy(micro_max_eur=25_000, meso_max_eur=250_000)


def plan(**fields: Any) -> InvestmentPlan:
    data: dict[str, Any] = {
        "currency": "USD",
        "eur_rate": 1,
        "horizon_years": 1,
        "discount_rate": 0.1,
        "revenues": [0],
        "operating_costs": [0],
    }
    # Lines replace the yearly totals of their side.
    if "revenue_lines" in fields:
        del data["revenues"]
    if {"variable_cost_lines", "fixed_cost_lines"} & fields.keys():
        del data["operating_costs"]
    data.update(fields)
    return InvestmentPlan.model_validate(data)


def of_flows(flows: list[float], rate: float = 0.1, **fields: Any) -> PlanResults:
    """Results of a plan whose cash flows on total capital are exactly `flows`."""
    later = flows[1:]
    return evaluate(
        plan(
            horizon_years=len(later),
            discount_rate=rate,
            investments=[{"label": "Outlay", "year": 0, "amount": -flows[0]}],
            revenues=[max(flow, 0) for flow in later],
            operating_costs=[max(-flow, 0) for flow in later],
            **fields,
        ),
        POLICY,
    )


def loan(amount: float, rate: float, term: int, **terms: Any) -> PlanResults:
    """Results of a plan that is just one bank loan, over a horizon long enough to hold it."""
    line = {"source": "bank_loan", "amount": amount, "interest_rate": rate, "term_years": term}
    return evaluate(
        plan(
            horizon_years=term,
            revenues=[0] * term,
            operating_costs=[0] * term,
            financing=[line | terms],
        ),
        POLICY,
    )


# --- numpy-financial 1.0.0, docstrings of npv, irr, pmt/ipmt/ppmt, and its test suite for mirr


def test_npv_docstring_example():
    # npf.npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]).round(5) == 3065.22267
    assert of_flows([-40_000, 5_000, 8_000, 12_000, 30_000], 0.08).npv == 3065.22


@pytest.mark.parametrize(
    ("flows", "irr"),
    [
        ([-100, 39, 59, 55, 20], 0.28095),
        ([-100, 0, 0, 74], -0.0955),
        ([-100, 100, 0, -7], -0.0833),
        ([-100, 100, 0, 7], 0.06206),
        ([-5, 10.5, 1, -8, 1], 0.0886),
    ],
)
def test_irr_docstring_examples(flows, irr):
    outcome = of_flows(flows)
    assert outcome.cash_flows == flows
    assert outcome.irr is not None
    assert round(outcome.irr, 5) == irr


@pytest.mark.parametrize(
    ("flows", "finance", "reinvest", "mirr", "places"),
    [
        # numpy_financial/tests/test_financial.py, test_mirr.
        ([-4500, -800, 800, 800, 600, 600, 800, 800, 700, 3000], 0.08, 0.055, 0.0666, 4),
        ([-120000, 39000, 30000, 21000, 37000, 46000], 0.10, 0.12, 0.126094, 6),
        # Microsoft, "MIRR function" (Excel help): the same loan with the first three years
        # only gives -5%, and at 14% reinvestment 13% (shown to the percent).
        ([-120000, 39000, 30000, 21000], 0.10, 0.12, -0.05, 2),
        ([-120000, 39000, 30000, 21000, 37000, 46000], 0.10, 0.14, 0.13, 2),
    ],
)
def test_mirr_matches_numpy_financial_tests_and_the_excel_manual(
    flows, finance, reinvest, mirr, places
):
    outcome = of_flows(flows, finance_rate=finance, reinvestment_rate=reinvest)
    assert outcome.mirr is not None
    assert round(outcome.mirr, places) == mirr


def test_mirr_is_none_without_an_outlay_as_numpy_financial_tests_expect():
    # numpy-financial's test_mirr: all-positive flows give nan; here, None with the reason.
    outcome = of_flows([0, 39000, 30000, 21000, 37000, 46000])
    assert outcome.mirr is None
    assert outcome.mirr_note is not None
    assert "outlay" in outcome.mirr_note


def test_ipmt_docstring_amortisation_table_of_2500_at_8_24_percent_over_12_periods():
    # npf.ipmt/ppmt docstring: "amortization schedule for a 1 year loan of $2500 at 8.24%
    # interest per year compounded monthly" — one period of ours per month here.
    expected = [
        (200.58, 17.17, 2299.42),
        (201.96, 15.79, 2097.46),
        (203.35, 14.40, 1894.11),
        (204.74, 13.01, 1689.37),
        (206.15, 11.60, 1483.22),
        (207.56, 10.18, 1275.66),
        (208.99, 8.76, 1066.67),
        (210.42, 7.32, 856.25),
        (211.87, 5.88, 644.38),
        (213.32, 4.42, 431.05),
        (214.79, 2.96, 216.26),
        (216.26, 1.49, 0.00),
    ]
    [schedule] = loan(2500, 0.0824 / 12, 12).loans
    assert [(y.principal, y.interest, y.closing_balance) for y in schedule.years] == expected
    # Same docstring: np.round(np.sum(ipmt), 2) == -112.98; and ipmt + ppmt == pmt throughout.
    assert schedule.total_interest == 112.98
    assert {y.payment for y in schedule.years} == {217.75}


# --- Textbook capital budgeting


def test_brigham_houston_projects_s_and_l():
    # Brigham & Houston, Fundamentals of Financial Management, ch. 10 "The Basics of Capital
    # Budgeting" (10th ed., Thomson South-Western, 2004), Projects S and L at a 10% cost of
    # capital: NPV_S = $78.82, NPV_L = $49.18; IRR_S = 14.5%, IRR_L = 11.8%; MIRR_S = 12.1%,
    # MIRR_L = 11.3%; payback 2.33 and 3.33 years; discounted payback 2.95 and 3.88 years.
    s = of_flows([-1000, 500, 400, 300, 100], 0.10)
    big = of_flows([-1000, 100, 300, 400, 600], 0.10)
    assert (s.npv, big.npv) == (78.82, 49.18)
    assert s.irr is not None
    assert big.irr is not None
    assert (round(s.irr, 3), round(big.irr, 3)) == (0.145, 0.118)
    assert s.mirr is not None
    assert big.mirr is not None
    assert (round(s.mirr, 3), round(big.mirr, 3)) == (0.121, 0.113)
    assert (s.payback_years, big.payback_years) == (2.33, 3.33)
    assert (s.discounted_payback_years, big.discounted_payback_years) == (2.95, 3.88)


def shark_attractant() -> PlanResults:
    """Ross, Westerfield & Jordan's shark attractant project, as price × volume lines."""
    return evaluate(
        plan(
            horizon_years=3,
            discount_rate=0.20,
            tax_rate=0.34,
            investments=[
                {"label": "Fixed assets", "year": 0, "amount": 90_000, "useful_life_years": 3}
            ],
            revenue_lines=[
                {"label": "Attractant", "unit": "can", "unit_price": 4, "volumes": [50_000] * 3}
            ],
            variable_cost_lines=[
                {"label": "Cans", "unit_cost": 2.5, "volumes": [50_000] * 3},
            ],
            fixed_cost_lines=[{"label": "Fixed costs", "amounts": [12_000] * 3}],
            working_capital=[20_000] * 3,
        ),
        POLICY,
    )


def test_ross_westerfield_jordan_shark_attractant_project():
    # Ross, Westerfield & Jordan, Fundamentals of Corporate Finance, ch. 10 "Making Capital
    # Investment Decisions", §10.3 (9th ed., McGraw-Hill/Irwin, 2010): 50 000 cans a year at
    # $4, variable cost $2.50 a can, fixed costs $12 000, $90 000 of equipment depreciated
    # straight-line to zero over 3 years, $20 000 of net working capital recovered at the end,
    # 34% tax, 20% required return. EBIT 33 000, taxes 11 220, net income 21 780, operating cash
    # flow 51 780; cash flows -110 000, 51 780, 51 780, 71 780; NPV $10 648; IRR about 25.8%.
    outcome = shark_attractant()
    year_one = outcome.cash_flow_table[1]
    assert (year_one.ebit, year_one.taxes, year_one.net_profit) == (33_000, 11_220, 21_780)
    assert outcome.cash_flows == [-110_000, 51_780, 51_780, 71_780]
    # -110 000 + 51 780/1.2 + 51 780/1.44 + 71 780/1.728 = 10 647.69
    assert outcome.npv == 10_647.69
    assert round(outcome.npv) == 10_648
    assert outcome.irr is not None
    assert round(outcome.irr, 3) == 0.258


def test_ross_westerfield_jordan_accounting_break_even_of_the_shark_attractant():
    # Same book, ch. 11 "Project Analysis and Evaluation": accounting break-even
    # Q = (FC + D) / (P - v) = (12 000 + 30 000) / (4 - 2.50) = 28 000 cans.
    even = shark_attractant().break_even
    assert even.year == 1
    assert even.units is not None
    assert [(u.label, u.unit, u.volume) for u in even.units] == [("Attractant", "can", 28_000)]
    assert even.revenue == 28_000 * 4
    assert even.fixed_costs == 42_000


def sailboats(boats: int) -> PlanResults:
    return evaluate(
        plan(
            horizon_years=5,
            discount_rate=0.20,
            investments=[
                {"label": "Plant", "year": 0, "amount": 3_500_000, "useful_life_years": 5}
            ],
            revenue_lines=[
                {"label": "Sailboat", "unit": "boat", "unit_price": 40_000, "volumes": [boats] * 5}
            ],
            variable_cost_lines=[{"label": "Boat", "unit_cost": 20_000, "volumes": [boats] * 5}],
            fixed_cost_lines=[{"label": "Fixed", "amounts": [500_000] * 5}],
        ),
        POLICY,
    )


def test_ross_westerfield_jordan_wettway_sailboats_break_even_points():
    # Same book, ch. 11, Wettway Sailboat Corporation: price $40 000, variable cost $20 000,
    # fixed costs $500 000 a year, $3 500 000 invested and depreciated over 5 years, no taxes,
    # 20% required return. Accounting break-even: (500 000 + 700 000) / 20 000 = 60 boats.
    # Financial break-even (NPV = 0): about 84 boats a year (83.5 before rounding up).
    outcome = sailboats(85)
    assert outcome.break_even.units is not None
    assert outcome.break_even.units[0].volume == 60
    assert outcome.break_even.revenue == 2_400_000
    assert sailboats(83).npv < 0 < sailboats(84).npv


def test_ross_westerfield_jordan_amortisation_with_fixed_payments():
    # Ross, Westerfield & Jordan, Fundamentals of Corporate Finance, ch. 6 "Discounted Cash Flow
    # Valuation", §6.4 "Loan Types and Loan Amortization": $5 000 at 9% over 5 years in equal
    # payments of $1 285.46.
    expected = [
        (5000.00, 1285.46, 450.00, 835.46, 4164.54),
        (4164.54, 1285.46, 374.81, 910.65, 3253.88),
        (3253.88, 1285.46, 292.85, 992.61, 2261.27),
        (2261.27, 1285.46, 203.51, 1081.95, 1179.32),
        (1179.32, 1285.46, 106.14, 1179.32, 0.00),
    ]
    [schedule] = loan(5000, 0.09, 5).loans
    rows = [
        (y.opening_balance, y.payment, y.interest, y.principal, y.closing_balance)
        for y in schedule.years
    ]
    assert rows == expected
    # The book's column total adds the rounded figures: 1 427.31.
    assert round(sum(y.interest for y in schedule.years), 2) == 1427.31


def test_ross_westerfield_jordan_amortisation_with_fixed_principal():
    # Same section: $5 000 at 9%, $1 000 of principal a year, interest on the balance.
    expected = [
        (5000, 1450, 450, 1000, 4000),
        (4000, 1360, 360, 1000, 3000),
        (3000, 1270, 270, 1000, 2000),
        (2000, 1180, 180, 1000, 1000),
        (1000, 1090, 90, 1000, 0),
    ]
    [schedule] = loan(5000, 0.09, 5, repayment="linear").loans
    rows = [
        (y.opening_balance, y.payment, y.interest, y.principal, y.closing_balance)
        for y in schedule.years
    ]
    assert rows == expected
    assert schedule.total_interest == 1350
