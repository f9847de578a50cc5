"""A demo project's investment plan and feasibility study, drawn from its idea and a seeded random.

Amounts are drawn in EUR within the idea's range and written in the plan's currency,
rounded as a person would write them (thousands of CFA francs, hundreds of dirhams).
The external financing follows the plan's size: microcredit for a small plan,
meso-credit (diaspora) or a bank loan for a middle one, a bank loan beside equity above.
"""

import math
import random
from collections.abc import Callable
from datetime import date
from typing import Any

from casework.vocabulary import FeasibilitySection, FinancingSource
from demo.catalogue import Country, Idea

Body = dict[str, Any]

MICRO_MAX_EUR = 25_000
MESO_MAX_EUR = 250_000
_RAMP = (0.6, 0.85, 1.0, 1.05, 1.1)  # revenue in years 1..5, against full speed
_MARGIN_RAMP = (0.45, 0.85, 1.0, 1.0, 1.0)


def investment_plan(
    rng: random.Random,
    idea: Idea,
    country: Country,
    *,
    diaspora: bool,
    in_euros: bool,
    start_on: date,
) -> Body:
    """A five-year plan for the idea in `country` (in EUR if `in_euros`), starting `start_on`."""
    currency, rate = ("EUR", 1.0) if in_euros else (country.currency, country.eur_rate)
    step = 10 ** math.floor(math.log10(rate * 10))

    def money(eur: float) -> float:
        return float(max(step, round(eur * rate / step) * step))

    total_eur = rng.uniform(*idea.investment_eur)
    amounts = [money(total_eur * share) for _, share, _ in idea.assets]
    investments = [
        {"label": label, "year": 0, "amount": amount, "useful_life_years": life,
         "salvage_value": 0}
        for (label, _, life), amount in zip(idea.assets, amounts, strict=True)
    ]  # fmt: skip
    full_speed = total_eur * rng.uniform(1.0, 1.8)
    margin = idea.margin * rng.uniform(0.75, 1.2)
    revenues = [money(full_speed * ramp) for ramp in _RAMP]
    costs = [
        money(full_speed * ramp * (1 - margin * m))
        for ramp, m in zip(_RAMP, _MARGIN_RAMP, strict=True)
    ]
    total = sum(amounts)
    return {
        "currency": currency,
        "eur_rate": rate,
        "horizon_years": 5,
        "start_date": start_on.isoformat(),
        "discount_rate": 0.10 if total_eur < MESO_MAX_EUR else 0.12,
        "tax_rate": 0.0 if total_eur < MICRO_MAX_EUR else 0.25,
        "investments": investments,
        "revenues": revenues,
        "operating_costs": costs,
        "financing": _financing(rng, total, money, rate, diaspora=diaspora),
    }


def _financing(
    rng: random.Random,
    total: float,
    money: Callable[[float], float],
    rate: float,
    *,
    diaspora: bool,
) -> list[Body]:
    own = money(total / rate * rng.uniform(0.15, 0.35))
    family = money(total / rate * rng.uniform(0.05, 0.2)) if diaspora else 0.0
    external = total - own - family
    lines: list[Body] = [{"source": FinancingSource.OWN_FUNDS.value, "amount": own}]
    if family:
        label = "Savings of the family abroad"
        lines.append({"source": "family_and_diaspora", "amount": family, "label": label})
    external_eur = external / rate
    if external_eur <= MICRO_MAX_EUR:
        lines.append(_loan(FinancingSource.MICROCREDIT, external, rng.uniform(0.18, 0.24), 2, 0))
    elif external_eur <= MESO_MAX_EUR:
        source = FinancingSource.MESO_CREDIT if diaspora else FinancingSource.BANK_LOAN
        lines.append(_loan(source, external, rng.uniform(0.08, 0.11), 5, 1))
    else:
        equity = money(external / rate * 0.3)
        lines.append(_loan(FinancingSource.BANK_LOAN, external - equity, 0.075, 7, 1))
        lines.append({"source": FinancingSource.INVESTOR_EQUITY.value, "amount": equity})
    return lines


def _loan(source: FinancingSource, amount: float, rate: float, term: int, grace: int) -> Body:
    return {
        "source": source.value,
        "amount": amount,
        "interest_rate": round(rate, 3),
        "term_years": term,
        "grace_years": grace,
    }


def feasibility_study(idea: Idea, town: str, *, complete: bool, conclusion: str) -> Body:
    """The study's sections for the project in `town`: complete, or a draft under way."""
    texts = {
        FeasibilitySection.MARKET: f"Buyers met in {town}; prices compared with three "
        "competitors; demand holds through the year.",
        FeasibilitySection.TECHNICAL: f"Quotes from two suppliers for the "
        f"{idea.assets[0][0].lower()}; the site in {town} was visited by the advisor.",
        FeasibilitySection.ORGANISATION: "The project leader runs the business; the first "
        "hires are planned for year 1.",
        FeasibilitySection.LEGAL: "Registered as a sole proprietorship; the permits needed are "
        "listed with their cost.",
        FeasibilitySection.ENVIRONMENTAL_SOCIAL: "No significant effect on the environment; "
        "local jobs, women among them.",
        FeasibilitySection.FINANCIAL: "Drawn from the investment plan the entrepreneur wrote.",
        FeasibilitySection.RISKS: "Main risks: late payment by customers and the price of "
        "inputs; a cash reserve and two suppliers limit them.",
    }
    # A study under way: the first sections drafted, the rest still to write.
    drafted = len(texts) if complete else 3
    sections = {
        section.value: {
            "text": text if index < drafted else "",
            "status": "complete" if complete else ("draft" if index < drafted else "missing"),
        }
        for index, (section, text) in enumerate(texts.items())
    }
    return {"sections": sections, "conclusion": conclusion}
