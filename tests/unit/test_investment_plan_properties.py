"""Properties that hold for every plan, checked on many generated ones (hypothesis)."""

import math
from typing import Any

import numpy_financial as npf
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from casework.investment_plan import FinancingLine, InvestmentPlan, PlanPolicy, evaluate
from casework.investment_plan.loans import schedule
from casework.vocabulary import FinancingSource

POLICY = PlanPolicy(micro_max_eur=25_000, meso_max_eur=250_000)
LOANS = ["microcredit", "meso_credit", "bank_loan", "partner_loan"]
NOT_LENT = ["own_funds", "family_and_diaspora", "grant", "matching_fund", "investor_equity"]

cents = st.integers(min_value=0, max_value=10**9).map(lambda value: value / 100)
rates = st.floats(min_value=0, max_value=0.9)


def flows_plan(flows: list[float], rate: float) -> InvestmentPlan:
    later = flows[1:]
    return InvestmentPlan.model_validate(
        {
            "currency": "EUR",
            "eur_rate": 1,
            "horizon_years": len(later),
            "discount_rate": rate,
            "investments": [{"label": "Outlay", "year": 0, "amount": -flows[0]}],
            "revenues": [max(flow, 0) for flow in later],
            "operating_costs": [max(-flow, 0) for flow in later],
        }
    )


# An outlay, then inflows: one sign change, so one IRR and an NPV falling with the rate.
conventional = (
    st.tuples(
        st.integers(min_value=100, max_value=10**7),
        st.lists(st.integers(min_value=0, max_value=10**7), min_size=1, max_size=10),
    )
    .filter(lambda pair: any(pair[1]))
    .map(lambda pair: [-float(pair[0]), *map(float, pair[1])])
)


@settings(max_examples=150, deadline=None)
@given(flows=conventional)
def test_the_npv_at_the_irr_is_zero(flows):
    outcome = evaluate(flows_plan(flows, 0.1), POLICY)
    assert outcome.irr is not None
    assume(outcome.irr > -0.9)
    scale = sum(abs(flow) for flow in flows)
    # The IRR is shown to 6 decimals: the true root lies within 5e-7 of it.
    assert npf.npv(outcome.irr - 1e-6, flows) > 0 > npf.npv(outcome.irr + 1e-6, flows)
    if outcome.irr >= 0:
        assert abs(npf.npv(outcome.irr, flows)) <= 1e-5 * scale


@settings(max_examples=150, deadline=None)
@given(flows=conventional, low=rates, high=rates)
def test_the_npv_falls_as_the_discount_rate_rises(flows, low, high):
    low, high = sorted((low, high))
    at_low = evaluate(flows_plan(flows, low), POLICY).npv
    at_high = evaluate(flows_plan(flows, high), POLICY).npv
    assert at_low >= at_high


@settings(max_examples=150, deadline=None)
@given(
    investments=st.lists(cents, max_size=4),
    working_capital=cents,
    sources=st.lists(st.tuples(st.sampled_from(NOT_LENT + LOANS), cents), max_size=5),
)
def test_sources_minus_uses_is_minus_the_funding_gap(investments, working_capital, sources):
    plan = InvestmentPlan.model_validate(
        {
            "currency": "EUR",
            "eur_rate": 1,
            "horizon_years": 2,
            "discount_rate": 0.1,
            "investments": [
                {"label": f"Asset {i}", "year": 0, "amount": amount}
                for i, amount in enumerate(investments)
            ],
            "revenues": [0, 0],
            "operating_costs": [0, 0],
            "working_capital": [working_capital, working_capital],
            "financing": [
                {"source": source, "amount": amount, "interest_rate": 0.1, "term_years": 2}
                if source in LOANS
                else {"source": source, "amount": amount}
                for source, amount in sources
            ],
        }
    )
    outcome = evaluate(plan, POLICY)
    balance = outcome.sources_and_uses.sources_minus_uses
    if balance < 0:
        assert balance == -outcome.funding_gap
    else:
        assert outcome.funding_gap == 0
    assert outcome.sources_and_uses.total_uses == round(sum(investments) + working_capital, 2)


@settings(max_examples=300, deadline=None)
@given(
    amount=st.floats(min_value=0, max_value=1e12),
    rate=st.floats(min_value=0, max_value=0.99),
    term=st.integers(min_value=1, max_value=50),
    grace=st.integers(min_value=0, max_value=50),
    repayment=st.sampled_from(["annuity", "linear"]),
)
def test_a_loan_schedule_repays_its_principal_exactly(amount, rate, term, grace, repayment):
    line = FinancingLine(
        source=FinancingSource.BANK_LOAN,
        amount=amount,
        interest_rate=rate,
        term_years=term,
        grace_years=grace,
        repayment=repayment,
    )
    loan = schedule(line)
    assert loan.closing[-1] == 0
    assert math.isclose(sum(loan.principal), amount, rel_tol=1e-9, abs_tol=1e-6)
    assert loan.principal[: min(grace, len(loan.principal) - 1)] == [0.0] * min(
        grace, len(loan.principal) - 1
    )
    assert len(loan.years) == (term if grace < term else grace + 1)
    for before, after in zip(loan.closing, loan.opening[1:], strict=False):
        assert before == after
    for opening, interest in zip(loan.opening, loan.interest, strict=True):
        assert math.isclose(interest, opening * rate, rel_tol=1e-9, abs_tol=1e-6)
    assert all(paid >= -1e-6 for paid in loan.principal)


def line_items(horizon: int, key: str, draw: st.DrawFn, **extra: Any) -> list[dict[str, Any]]:
    yearly = st.lists(cents, min_size=horizon, max_size=horizon)
    items = []
    for i in range(draw(st.integers(min_value=0, max_value=3))):
        item = {"label": f"Line {i}", **extra, key: draw(yearly)}
        if key == "volumes" and "unit_cost" not in extra:
            item["unit_price"] = draw(cents)
        items.append(item)
    return items


@st.composite
def plans(draw: st.DrawFn) -> InvestmentPlan:
    """Any valid plan: totals or lines, assets, working capital, loans, grants, taxes."""
    horizon = draw(st.integers(min_value=1, max_value=12))
    yearly = st.lists(cents, min_size=horizon, max_size=horizon)
    data: dict[str, Any] = {
        "currency": "EUR",
        "eur_rate": draw(st.floats(min_value=0.001, max_value=1e6)),
        "horizon_years": horizon,
        "discount_rate": draw(rates),
        "tax_rate": draw(rates),
        "residual_value": draw(st.sampled_from(["salvage_value", "book_value"])),
        "working_capital": draw(st.none() | yearly),
    }
    if draw(st.booleans()):
        data["revenues"] = draw(yearly)
    else:
        data["revenue_lines"] = line_items(horizon, "volumes", draw)
    if draw(st.booleans()):
        data["operating_costs"] = draw(yearly)
    else:
        data["variable_cost_lines"] = line_items(horizon, "volumes", draw, unit_cost=draw(cents))
        data["fixed_cost_lines"] = line_items(horizon, "amounts", draw)
    assets = []
    for i in range(draw(st.integers(min_value=0, max_value=4))):
        amount = draw(cents)
        life = draw(st.none() | st.integers(min_value=1, max_value=15))
        assets.append(
            {
                "label": f"Asset {i}",
                "year": draw(st.integers(min_value=0, max_value=horizon)),
                "amount": amount,
                "useful_life_years": life,
                "salvage_value": draw(st.floats(min_value=0, max_value=amount)),
                "replace_at_end_of_life": life is not None and draw(st.booleans()),
            }
        )
    data["investments"] = assets
    financing = []
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        source = draw(st.sampled_from(NOT_LENT + LOANS))
        line: dict[str, Any] = {
            "source": source,
            "amount": draw(cents),
            "year": draw(st.none() | st.integers(min_value=0, max_value=horizon)),
        }
        if source in LOANS:
            line |= {
                "interest_rate": draw(rates),
                "term_years": draw(st.integers(min_value=1, max_value=20)),
                "grace_years": draw(st.integers(min_value=0, max_value=5)),
                "repayment": draw(st.sampled_from(["annuity", "linear"])),
            }
        financing.append(line)
    data["financing"] = financing
    return InvestmentPlan.model_validate(data)


def numbers(value: object) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [number for item in value.values() for number in numbers(item)]
    if isinstance(value, list):
        return [number for item in value for number in numbers(item)]
    return []


# A figure and the note that explains its absence: exactly one of the two is set.
PAIRS = [
    ("irr", "irr_note"),
    ("mirr", "mirr_note"),
    ("payback_years", "payback_note"),
    ("discounted_payback_years", "discounted_payback_note"),
    ("min_dscr", "dscr_note"),
]


@settings(max_examples=200, deadline=None)
@given(plan=plans())
def test_results_are_always_finite_and_every_missing_figure_says_why(plan):
    outcome = evaluate(plan, POLICY)
    dumped = outcome.model_dump()
    assert all(math.isfinite(number) for number in numbers(dumped))
    for figure, note in PAIRS:
        assert (dumped[figure] is None) != (dumped[note] is None)
        assert (dumped["equity"].get(figure) is None) != (dumped["equity"].get(note) is None) or (
            figure == "min_dscr"
        )
    for row in outcome.cash_flow_table:
        assert (row.dscr is None) != (row.dscr_note is None)
    assert (outcome.break_even.revenue is None) != (outcome.break_even.note is None)
    assert (outcome.break_even.units is None) != (outcome.break_even.units_note is None)
    for row in outcome.sensitivity:
        assert (row.irr is None) != (row.irr_note is None)
    assert len(outcome.cash_flows) == plan.horizon_years + 1
    outcome.model_dump_json()
