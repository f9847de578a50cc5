"""How long `evaluate` takes on a full plan, next to a bare numpy-financial IRR + NPV.

Run with `.venv/bin/python bench/plan_evaluation.py [--repeats N] [--warmup N]`.
The plan: 10 years, price × volume lines, working capital, replaced assets, 5 loans (annuity
and linear, with grace), grants and own funds; `evaluate` computes every result including the
7-case sensitivity table. The baseline is one `npf.irr` plus one `npf.npv` call on the same
cash flows: the least any IRR/NPV figure can cost. Both run in the same process, interleaved,
so the ratio compares like with like on a noisy machine. Stops by itself.
"""

import argparse
import math
import platform
import statistics
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy_financial as npf

from casework.investment_plan import InvestmentPlan, PlanPolicy, evaluate

BUDGET_S = 0.050
YEARS = 10


def p90(samples: list[float]) -> float:
    """Nearest-rank 90th percentile."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.9 * len(ordered)) - 1)]


def ramp(start: float, step: float) -> list[float]:
    return [start + step * year for year in range(YEARS)]


def loan(source: str, amount: float, rate: float, term: int, grace: int, kind: str) -> Any:
    return {
        "source": source,
        "amount": amount,
        "interest_rate": rate,
        "term_years": term,
        "grace_years": grace,
        "repayment": kind,
    }


def ten_year_plan() -> InvestmentPlan:
    """A dairy over 10 years with 5 loans: the largest plan the unit expects to see."""
    return InvestmentPlan.model_validate(
        {
            "currency": "XOF",
            "eur_rate": 655.957,
            "horizon_years": YEARS,
            "discount_rate": 0.12,
            "equity_discount_rate": 0.18,
            "tax_rate": 0.25,
            "residual_value": "book_value",
            "investments": [
                {"label": "Building", "year": 0, "amount": 30e6, "useful_life_years": 20},
                {
                    "label": "Pasteuriser",
                    "year": 0,
                    "amount": 12e6,
                    "useful_life_years": 4,
                    "salvage_value": 1e6,
                    "replace_at_end_of_life": True,
                },
                {"label": "Van", "year": 1, "amount": 8e6, "useful_life_years": 5},
                {"label": "Land", "year": 0, "amount": 5e6},
            ],
            "revenue_lines": [
                {"label": "Milk", "unit": "litre", "unit_price": 600, "volumes": ramp(40e3, 5e3)},
                {"label": "Yoghurt", "unit": "pot", "unit_price": 250, "volumes": ramp(60e3, 8e3)},
                {"label": "Cheese", "unit": "kg", "unit_price": 4000, "volumes": ramp(2e3, 300)},
            ],
            "variable_cost_lines": [
                {"label": "Raw milk", "unit_cost": 250, "volumes": ramp(60e3, 7e3)},
                {"label": "Packaging", "unit_cost": 40, "volumes": ramp(100e3, 13e3)},
            ],
            "fixed_cost_lines": [
                {"label": "Salaries", "amounts": ramp(9e6, 3e5)},
                {"label": "Rent and insurance", "amounts": [2.4e6] * YEARS},
            ],
            "working_capital": ramp(4e6, 4e5),
            "financing": [
                {"source": "own_funds", "amount": 8e6},
                {"source": "family_and_diaspora", "amount": 6e6},
                {"source": "matching_fund", "amount": 4e6},
                loan("meso_credit", 20e6, 0.09, 7, 1, "annuity"),
                loan("bank_loan", 10e6, 0.11, 5, 0, "linear"),
                loan("microcredit", 2e6, 0.22, 2, 0, "annuity"),
                loan("partner_loan", 3e6, 0.05, 6, 2, "linear"),
                {**loan("bank_loan", 4e6, 0.10, 4, 1, "annuity"), "year": 2},
            ],
        }
    )


def measure(work: Callable[[], object], repeats: int) -> list[float]:
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=300, help="timed runs of each (max 10000)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed runs first (max 1000)")
    args = parser.parse_args()
    repeats = max(1, min(args.repeats, 10_000))
    warmup = max(0, min(args.warmup, 1_000))

    plan = ten_year_plan()
    policy = PlanPolicy(micro_max_eur=25_000, meso_max_eur=250_000)
    results = evaluate(plan, policy)
    flows = np.array(results.cash_flows)

    def full() -> object:
        return evaluate(plan, policy)

    def baseline() -> object:
        return npf.irr(flows), npf.npv(plan.discount_rate, flows)

    def validate() -> object:
        return InvestmentPlan.model_validate(plan.model_dump())

    rows: dict[str, list[float]] = {"evaluate": [], "baseline": [], "validate": []}
    for work in (full, baseline, validate):
        measure(work, warmup)
    # Interleaved in slices, so a burst of noise hits all three alike.
    slice_size = 10
    for done in range(0, repeats, slice_size):
        count = min(slice_size, repeats - done)
        rows["evaluate"] += measure(full, count)
        rows["baseline"] += measure(baseline, count)
        rows["validate"] += measure(validate, count)

    print(f"Python {platform.python_version()} on {platform.machine()}, numpy {np.__version__}")
    print(
        f"plan: {YEARS} years, {len(results.loans)} loans, {len(results.sensitivity)} "
        f"sensitivity cases, {len(results.warnings)} warnings; {repeats} timed runs each\n"
    )
    labels = {
        "evaluate": "evaluate(plan, policy), everything",
        "baseline": "baseline: npf.irr + npf.npv",
        "validate": "InvestmentPlan.model_validate",
    }
    for key, label in labels.items():
        samples = rows[key]
        print(
            f"{label:<38} median {statistics.median(samples) * 1e3:8.3f} ms"
            f"   p90 {p90(samples) * 1e3:8.3f} ms"
        )
    median = statistics.median(rows["evaluate"])
    ratio = median / statistics.median(rows["baseline"])
    print(f"\nratio evaluate / baseline (median / median): {ratio:.1f}x")
    verdict = "within" if p90(rows["evaluate"]) < BUDGET_S else "OVER"
    print(f"evaluate p90 is {verdict} the {BUDGET_S * 1e3:.0f} ms budget")


if __name__ == "__main__":
    main()
