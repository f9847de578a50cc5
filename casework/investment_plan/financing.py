"""Sources and uses of funds, the funding gap, and the funding band of the outside money.

Uses are every investment line (whatever its year) and the initial working capital (the level
needed in year 1). Replacements of worn-out assets are not uses: they are paid out of operations,
and the cash-flow plan shows whether operations can pay them.
"""

from dataclasses import dataclass

from pydantic import BaseModel

from casework.investment_plan.amounts import RESULT, money, ratio
from casework.investment_plan.lines import OWN_CIRCLE_SOURCES
from casework.investment_plan.plan import InvestmentPlan
from casework.investment_plan.policy import PlanPolicy
from casework.language import N_
from casework.vocabulary import FinancingSource, FundingBand

INITIAL_WORKING_CAPITAL = N_("Initial working capital")
NO_OWN_SHARE = N_("nothing is needed, so there is no share to measure")


class SourceLine(BaseModel):
    """One financing line, as a source of funds."""

    model_config = RESULT

    financing_line: int
    source: FinancingSource
    label: str | None
    year: int
    amount: float


class UseLine(BaseModel):
    """One thing the money is needed for."""

    model_config = RESULT

    label: str
    year: int
    amount: float


class SourcesAndUses(BaseModel):
    """Where the money comes from against what it is needed for."""

    model_config = RESULT

    sources: list[SourceLine]
    uses: list[UseLine]
    total_sources: float
    total_uses: float
    sources_minus_uses: float
    own_contribution: float
    own_share: float | None
    own_share_note: str | None


@dataclass(frozen=True, slots=True)
class Funding:
    """The unrounded funding figures of a plan."""

    total_investment: float
    total_sources: float
    total_uses: float
    own_contribution: float
    outside: float

    @property
    def gap(self) -> float:
        """What the uses need beyond the sources; never negative."""
        return max(0.0, self.total_uses - self.total_sources)

    @property
    def own_share(self) -> float | None:
        """The own circle's part of the uses, or None when nothing is needed."""
        return self.own_contribution / self.total_uses if self.total_uses > 0 else None


def funding_of(plan: InvestmentPlan) -> Funding:
    """The plan's uses, sources and who brings them."""
    total_investment = sum(line.amount for line in plan.investments)
    initial_working_capital = plan.working_capital[0] if plan.working_capital else 0.0
    return Funding(
        total_investment=total_investment,
        total_sources=sum(line.amount for line in plan.financing),
        total_uses=total_investment + initial_working_capital,
        own_contribution=sum(
            line.amount for line in plan.financing if line.source in OWN_CIRCLE_SOURCES
        ),
        outside=sum(
            line.amount for line in plan.financing if line.source not in OWN_CIRCLE_SOURCES
        ),
    )


def sources_and_uses(plan: InvestmentPlan, funding: Funding) -> SourcesAndUses:
    """The rounded sources-and-uses statement."""
    uses = [
        UseLine(label=line.label, year=line.year, amount=money(line.amount))
        for line in plan.investments
    ]
    if plan.working_capital and plan.working_capital[0] > 0:
        uses.append(
            UseLine(label=INITIAL_WORKING_CAPITAL, year=0, amount=money(plan.working_capital[0]))
        )
    share = funding.own_share
    return SourcesAndUses(
        sources=[
            SourceLine(
                financing_line=index,
                source=line.source,
                label=line.label,
                year=line.disbursed_in,
                amount=money(line.amount),
            )
            for index, line in enumerate(plan.financing)
        ],
        uses=uses,
        total_sources=money(funding.total_sources),
        total_uses=money(funding.total_uses),
        sources_minus_uses=money(funding.total_sources - funding.total_uses),
        own_contribution=money(funding.own_contribution),
        own_share=None if share is None else ratio(share),
        own_share_note=NO_OWN_SHARE if share is None else None,
    )


def external_financing_eur(funding: Funding, eur_rate: float) -> float:
    """Outside money plus the gap (which has to be found outside too), in EUR, to the cent."""
    return money((funding.outside + funding.gap) / eur_rate)


def funding_band(external_financing_eur: float, policy: PlanPolicy) -> FundingBand:
    """The band an amount of external financing (EUR) falls in; each bound is inclusive."""
    if external_financing_eur <= policy.micro_max_eur:
        return FundingBand.MICRO
    if external_financing_eur <= policy.meso_max_eur:
        return FundingBand.MESO
    return FundingBand.SME
