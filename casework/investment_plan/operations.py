"""The project's own side, before any financing: operations, assets, working capital, taxes.

Every yearly sequence here is indexed by year, 0..horizon; year 0 has no operations.
"""

from dataclasses import dataclass, replace

from casework.investment_plan.plan import InvestmentPlan, ResidualValue


@dataclass(frozen=True, slots=True)
class Asset:
    """One investment line as plain numbers."""

    label: str
    year: int
    amount: float
    life: int | None
    salvage: float
    replace: bool


@dataclass(frozen=True, slots=True)
class Operations:
    """What the project earns, spends and owns each year, as plain numbers."""

    horizon: int
    revenues: tuple[float, ...]
    operating_costs: tuple[float, ...]
    # None when the plan gives its costs as yearly totals: then nobody knows which are fixed.
    fixed_costs: tuple[float, ...] | None
    assets: tuple[Asset, ...]
    working_capital: tuple[float, ...]
    tax_rate: float
    residual: ResidualValue

    def scaled(
        self, *, revenues: float = 1.0, costs: float = 1.0, investment: float = 1.0
    ) -> "Operations":
        """The same project with revenues, operating costs or asset prices multiplied."""
        return replace(
            self,
            revenues=tuple(value * revenues for value in self.revenues),
            operating_costs=tuple(value * costs for value in self.operating_costs),
            fixed_costs=(
                None
                if self.fixed_costs is None
                else tuple(value * costs for value in self.fixed_costs)
            ),
            assets=tuple(
                replace(asset, amount=asset.amount * investment, salvage=asset.salvage * investment)
                for asset in self.assets
            ),
        )

    def delayed(self) -> "Operations":
        """The same project one year later: year 0 stays, every later year moves one on."""

        def later(values: tuple[float, ...]) -> tuple[float, ...]:
            return (values[0], 0.0, *values[1:])

        return replace(
            self,
            horizon=self.horizon + 1,
            revenues=later(self.revenues),
            operating_costs=later(self.operating_costs),
            fixed_costs=None if self.fixed_costs is None else later(self.fixed_costs),
            assets=tuple(
                replace(asset, year=asset.year + 1) if asset.year > 0 else asset
                for asset in self.assets
            ),
            working_capital=later(self.working_capital),
        )


def operations_of(plan: InvestmentPlan) -> Operations:
    """The plan's operating side, with totals derived from price × volume lines where given."""
    horizon = plan.horizon_years
    if plan.revenue_lines is not None:
        revenues = [
            sum(line.unit_price * line.volumes[year] for line in plan.revenue_lines)
            for year in range(horizon)
        ]
    else:
        revenues = list(plan.revenues or [0.0] * horizon)
    fixed: list[float] | None = None
    if plan.operating_costs is not None:
        costs = list(plan.operating_costs)
    else:
        variable = [
            sum(line.unit_cost * line.volumes[year] for line in plan.variable_cost_lines or [])
            for year in range(horizon)
        ]
        fixed = [
            sum(line.amounts[year] for line in plan.fixed_cost_lines or [])
            for year in range(horizon)
        ]
        costs = [v + f for v, f in zip(variable, fixed, strict=True)]
    return Operations(
        horizon=horizon,
        revenues=(0.0, *revenues),
        operating_costs=(0.0, *costs),
        fixed_costs=None if fixed is None else (0.0, *fixed),
        assets=tuple(
            Asset(
                label=line.label,
                year=line.year,
                amount=line.amount,
                life=line.useful_life_years,
                salvage=line.salvage_value,
                replace=line.replace_at_end_of_life,
            )
            for line in plan.investments
        ),
        working_capital=(0.0, *(plan.working_capital or [0.0] * horizon)),
        tax_rate=plan.tax_rate,
        residual=plan.residual_value,
    )


@dataclass(frozen=True, slots=True)
class ProjectYears:
    """The project's yearly rows before financing, unrounded; index = year 0..horizon."""

    revenues: list[float]
    operating_costs: list[float]
    ebitda: list[float]
    depreciation: list[float]
    ebit: list[float]
    taxes_on_ebit: list[float]
    investments: list[float]
    replacements: list[float]
    salvage: list[float]
    working_capital_change: list[float]
    cash_flow: list[float]


def project_years(ops: Operations) -> ProjectYears:
    """Cash flow on total capital: operations less taxes on EBIT, assets, working capital."""
    years = range(ops.horizon + 1)
    depreciation, investments, replacements, salvage = _asset_rows(ops)
    ebitda = [ops.revenues[t] - ops.operating_costs[t] for t in years]
    ebit = [ebitda[t] - depreciation[t] for t in years]
    # Taxed as if financed by equity alone; the interest tax shield belongs to the equity view.
    # A loss year pays no tax and carries nothing forward.
    taxes = [ops.tax_rate * max(0.0, profit) for profit in ebit]
    working = _working_capital_change(ops)
    flows = [
        ebitda[t] - taxes[t] - investments[t] - replacements[t] + salvage[t] + working[t]
        for t in years
    ]
    return ProjectYears(
        revenues=list(ops.revenues),
        operating_costs=list(ops.operating_costs),
        ebitda=ebitda,
        depreciation=depreciation,
        ebit=ebit,
        taxes_on_ebit=taxes,
        investments=investments,
        replacements=replacements,
        salvage=salvage,
        working_capital_change=working,
        cash_flow=flows,
    )


def purchase_years(asset: Asset, horizon: int) -> list[int]:
    """The years the asset is bought: once, then again each time its life ends before the end."""
    years = [asset.year]
    if asset.replace and asset.life is not None:
        # A copy bought in the last year would earn nothing inside the plan: it is not bought.
        while years[-1] + asset.life < horizon:
            years.append(years[-1] + asset.life)
    return years


def _asset_rows(
    ops: Operations,
) -> tuple[list[float], list[float], list[float], list[float]]:
    horizon = ops.horizon
    depreciation = [0.0] * (horizon + 1)
    investments = [0.0] * (horizon + 1)
    replacements = [0.0] * (horizon + 1)
    salvage = [0.0] * (horizon + 1)
    for asset in ops.assets:
        bought = purchase_years(asset, horizon)
        for copy, year in enumerate(bought):
            (investments if copy == 0 else replacements)[year] += asset.amount
            worn = 0.0
            if asset.life is not None:
                annual = (asset.amount - asset.salvage) / asset.life
                # An asset starts wearing out the year after it is bought.
                for later in range(year + 1, min(year + asset.life, horizon) + 1):
                    depreciation[later] += annual
                    worn += annual
            if copy + 1 < len(bought):
                # Worn out when its successor arrives: sold for what it was declared to fetch.
                salvage[bought[copy + 1]] += asset.salvage
            elif ops.residual is ResidualValue.BOOK_VALUE:
                salvage[horizon] += asset.amount - worn
            else:
                salvage[horizon] += asset.salvage
    return depreciation, investments, replacements, salvage


def _working_capital_change(ops: Operations) -> list[float]:
    # The level needed in year t is in place by the end of year t-1; all of it comes back at the
    # end of the horizon. A negative figure is cash tied up.
    levels = ops.working_capital
    horizon = ops.horizon
    change = [-(levels[t + 1] - levels[t]) for t in range(horizon)]
    change.append(levels[horizon])
    return change
