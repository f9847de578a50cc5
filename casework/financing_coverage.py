"""Which of a plan's external financing lines are still uncovered, in sentences.

Pure rules over plain values. A line is external unless its source is the project
leader's own circle (own funds, family and diaspora). It is covered by accepted
referrals that asked for it, for the amount offered when one was given (an offer
spread over the lines it asked for, in their order) and in full otherwise, or when
the advisor records that it is financed outside the unit.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from casework.investment_plan.lines import OWN_CIRCLE_SOURCES
from casework.vocabulary import FinancingSource

# Below a hundredth of the currency, what remains is rounding.
_NOTHING = 0.005


@dataclass(frozen=True)
class PlanLine:
    """One line of the plan's financing, by its index in the plan."""

    index: int
    source: FinancingSource
    amount: float
    label: str | None = None


@dataclass(frozen=True)
class Cover:
    """An accepted referral: the lines it asked for, and the amount offered if one was."""

    lines: tuple[int, ...]
    offered: float | None = None


def plan_lines(financing: Iterable[Mapping[str, object]]) -> list[PlanLine]:
    """The plan body's `financing` as lines, each with its index."""
    return [
        PlanLine(
            index=index,
            source=FinancingSource(str(line["source"])),
            amount=float(str(line["amount"])),
            label=str(line["label"]) if line.get("label") else None,
        )
        for index, line in enumerate(financing)
    ]


def external(lines: Iterable[PlanLine]) -> list[PlanLine]:
    """The lines whose money comes from outside the project leader's own circle."""
    return [line for line in lines if line.source not in OWN_CIRCLE_SOURCES and line.amount > 0]


def financing_gaps(
    lines: Iterable[PlanLine],
    covers: Iterable[Cover],
    financed_outside: Iterable[int],
    currency: str,
) -> list[str]:
    """One sentence per external line not yet covered, saying by how much; empty when all are."""
    outside = set(financed_outside)
    remaining = {line.index: line.amount for line in external(lines) if line.index not in outside}
    for cover in covers:
        asked = [index for index in cover.lines if index in remaining]
        if cover.offered is None:
            remaining.update(dict.fromkeys(asked, 0.0))
            continue
        budget = cover.offered
        for index in asked:
            taken = min(budget, remaining[index])
            remaining[index] -= taken
            budget -= taken
    by_index = {line.index: line for line in lines}
    return [
        _gap_sentence(by_index[index], missing, currency)
        for index, missing in sorted(remaining.items())
        if missing > _NOTHING
    ]


def _gap_sentence(line: PlanLine, missing: float, currency: str) -> str:
    name = line.label or line.source.value.replace("_", " ")
    whole = f"{line.amount:,.0f} {currency}"
    if missing >= line.amount - _NOTHING:
        state = "no accepted referral covers it yet"
    else:
        state = f"{missing:,.0f} {currency} of it is not yet covered"
    return (
        f"Financing line {line.index} ({name}, {whole}): {state}. An accepted referral "
        "asking for it covers it, or the advisor can record that it is financed outside the unit."
    )
