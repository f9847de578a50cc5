"""The investment plan as the console's editor shows it, and back: one field per value, named
by its place in the plan (`investments.0.amount`, `revenues.2`), so the plan's own validation
names the field a problem is in. Rates are typed as percentages. What the editor does not show
(detailed revenue and cost lines, a start date, other rates) rides along unchanged in `rest`."""

import json
from collections.abc import Mapping
from typing import Any

# What the editor shows; the rest of a plan passes through untouched.
SHOWN = (
    "currency",
    "eur_rate",
    "horizon_years",
    "discount_rate",
    "tax_rate",
    "investments",
    "revenues",
    "operating_costs",
    "financing",
)
PERCENTS = ("discount_rate", "tax_rate")
INVESTMENT_FIELDS = ("label", "year", "amount", "useful_life_years", "salvage_value")
FINANCING_FIELDS = ("source", "amount", "interest_rate", "term_years", "grace_years")
ROW_PERCENTS = ("interest_rate",)
SPARE_ROWS = 2
LONGEST_HORIZON = 30
NEW_PLAN: dict[str, Any] = {
    "currency": "EUR",
    "eur_rate": 1,
    "horizon_years": 5,
    "discount_rate": 0.10,
    "tax_rate": 0.0,
    "investments": [],
    "revenues": [0] * 5,
    "operating_costs": [0] * 5,
    "financing": [],
}


def percent_of(value: object) -> object:
    """A fraction as the editor shows it (0.1 → 10); anything else as it is."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(value * 100, 6)
    return value


def _fraction(value: str) -> object:
    try:
        return float(value) / 100
    except ValueError:
        return value  # the plan's validation says what is wrong with it, at its place


def fields_of(plan: Mapping[str, Any]) -> dict[str, Any]:
    """The editor's values for `plan` (a plan's JSON body), by field name."""
    values: dict[str, Any] = {name: plan.get(name) for name in SHOWN[:5]}
    for name in PERCENTS:
        values[name] = percent_of(values[name])
    for index, line in enumerate(plan.get("investments") or []):
        for name in INVESTMENT_FIELDS:
            values[f"investments.{index}.{name}"] = line.get(name)
    for index, line in enumerate(plan.get("financing") or []):
        for name in FINANCING_FIELDS:
            value = line.get(name)
            values[f"financing.{index}.{name}"] = (
                percent_of(value) if name in ROW_PERCENTS else value
            )
    for name in ("revenues", "operating_costs"):
        for index, amount in enumerate(plan.get(name) or []):
            values[f"{name}.{index}"] = amount
    values["rest"] = json.dumps({k: v for k, v in plan.items() if k not in SHOWN}, sort_keys=True)
    return {name: _shown(value) for name, value in values.items()}


def _shown(value: object) -> object:
    """A value as typed: 6085000, not 6085000.0; nothing for none."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def rows(values: Mapping[str, Any], prefix: str) -> int:
    """How many rows of lines the editor shows: the plan's, and a few empty ones."""
    kept = {int(name.split(".")[1]) for name in values if name.startswith(f"{prefix}.")}
    return (max(kept) + 1 if kept else 0) + SPARE_ROWS


def horizon_of(values: Mapping[str, Any]) -> int:
    """The number of years the editor shows (the plan's horizon, within bounds)."""
    try:
        years = int(str(values.get("horizon_years", "")))
    except ValueError:
        return 5
    return min(max(years, 1), LONGEST_HORIZON)


def plan_of(form: Mapping[str, Any]) -> dict[str, Any]:
    """The plan body the editor's fields say (not validated yet: `InvestmentPlan` does that)."""
    values = {name: str(form.get(name, "")).strip() for name in form}
    plan = _rest(values.get("rest", ""))
    for name in SHOWN[:5]:
        if values.get(name):
            plan[name] = _fraction(values[name]) if name in PERCENTS else values[name]
    plan["investments"] = _lines(values, "investments", INVESTMENT_FIELDS)
    plan["financing"] = _lines(values, "financing", FINANCING_FIELDS)
    years = horizon_of(values)
    if "revenue_lines" not in plan:
        plan["revenues"] = [values.get(f"revenues.{y}", "") or "0" for y in range(years)]
    if "variable_cost_lines" not in plan and "fixed_cost_lines" not in plan:
        plan["operating_costs"] = [
            values.get(f"operating_costs.{y}", "") or "0" for y in range(years)
        ]
    return plan


def _rest(text: str) -> dict[str, Any]:
    try:
        rest = json.loads(text) if text else {}
    except ValueError:
        return {}
    return {k: v for k, v in rest.items() if k not in SHOWN} if isinstance(rest, dict) else {}


def _lines(values: Mapping[str, str], prefix: str, names: tuple[str, ...]) -> list[dict[str, Any]]:
    lines = []
    for index in range(rows(values, prefix)):
        given = {name: values.get(f"{prefix}.{index}.{name}", "") for name in names}
        if not any(given.values()):
            continue  # an empty row is no line
        lines.append(
            {
                name: _fraction(value) if name in ROW_PERCENTS else value
                for name, value in given.items()
                if value
            }
        )
    return lines
