"""The yearly cash-flow plan as the dossier prints it: labelled lines in blocks of years.

A block holds as many year columns as the landscape page has room for at the widest
figure of the plan, so a plan in Guinean francs over fifteen years splits into more
blocks than one in euros over five; every figure stays inside its cell.
"""

from dataclasses import dataclass, replace
from itertools import accumulate

from casework.dossier.plan_context import PlanSummary
from casework.dossier.wording import Wording
from casework.language import N_

# Year columns per block of the cash-flow plan: what its landscape page holds at its small type.
MAX_YEAR_COLUMNS = 9
# In mm, at the plan's 7.5pt type (dossier.css): the room its landscape page leaves the year
# columns beside the labels, and what a figure takes there in bold, the widest it prints:
# a digit, any other mark (separator, sign), and the cell's padding.
YEAR_COLUMNS_ROOM = 201.0
DIGIT_WIDTH = 1.84
MARK_WIDTH = 1.1
CELL_PADDING = 3.0


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One line of the cash-flow plan: a value per year, None printed as a dash."""

    label: str
    values: list[float | None]
    kind: str = "amount"  # amount, total, memo, volume, ratio; or group: a heading, no values


@dataclass(frozen=True, slots=True)
class StatementBlock:
    """The cash-flow plan over a run of consecutive years, narrow enough for the page."""

    years: list[int]
    lines: list[StatementLine]


# Label, CashFlowRow field, sign as cash (outflows negative), kind. An "optional" line is left
# out when nil every year; what is left still adds up to each total below it.
_STATEMENT: tuple[tuple[str, str, int, str], ...] = (
    (N_("Operations"), "", 1, "group"),
    (N_("Revenues"), "revenues", 1, "amount"),
    (N_("Operating costs"), "operating_costs", -1, "amount"),
    (N_("EBITDA"), "ebitda", 1, "total"),
    (N_("Depreciation (not a cash flow)"), "depreciation", 1, "memo"),
    (N_("The project on total capital"), "", 1, "group"),
    (N_("Taxes on EBIT"), "taxes_on_ebit", -1, "amount"),
    (N_("Investments"), "investments", -1, "amount"),
    (N_("Replacements"), "replacements", -1, "optional"),
    (N_("Working-capital change"), "working_capital_change", 1, "amount"),
    (N_("Salvage value"), "salvage_value", 1, "amount"),
    (N_("Cash flow on total capital"), "cash_flow_total_capital", 1, "total"),
    (N_("Cumulative"), "cumulative_cash_flow", 1, "memo"),
    (N_("Financing: the owners' view"), "", 1, "group"),
    (N_("Loans received"), "debt_drawdown", 1, "optional"),
    (N_("Grants received"), "grants", 1, "optional"),
    (N_("Taxes on EBIT, added back"), "taxes_on_ebit", 1, "optional"),
    (N_("Taxes due after interest"), "taxes", -1, "optional"),
    (N_("Debt service"), "debt_service", -1, "amount"),
    (N_("of which interest"), "interest", -1, "memo"),
    (N_("Loans still owed, paid off at the end"), "debt_settled", -1, "optional"),
    (N_("Cash flow on equity"), "cash_flow_equity", 1, "total"),
    (N_("Cumulative"), "cumulative_cash_flow_equity", 1, "memo"),
    (N_("Debt service cover ratio (DSCR)"), "dscr", 1, "ratio"),
)


def cash_flow_plan(plan: PlanSummary | None, words: Wording) -> list[StatementBlock]:
    """The cash-flow plan in blocks of as many years as its widest figure lets the page hold."""
    if plan is None:
        return []
    lines = statement_lines(plan, words)
    count = len(plan.results.cash_flows)
    most = year_columns(lines, words)
    size = -(-count // -(-count // most))
    return [
        StatementBlock(
            list(range(start, min(start + size, count))),
            [replace(line, values=line.values[start : start + size]) for line in lines],
        )
        for start in range(0, count, size)
    ]


def year_columns(lines: list[StatementLine], words: Wording) -> int:
    """How many year columns fit the landscape page beside the labels, at most MAX_YEAR_COLUMNS."""
    printed = [words.figure(value, line.kind) for line in lines for value in line.values]
    widest = max(
        (sum(DIGIT_WIDTH if char.isdigit() else MARK_WIDTH for char in text) for text in printed),
        default=0.0,
    )
    return max(1, min(MAX_YEAR_COLUMNS, int(YEAR_COLUMNS_ROOM // (widest + CELL_PADDING))))


def statement_lines(plan: PlanSummary, words: Wording) -> list[StatementLine]:
    """Every line of the cash-flow plan over years 0..horizon, worded; outflows are negative."""
    lines = []
    if plan.revenue_lines:
        heading = words.gettext("Volumes sold (price in %(currency)s)", currency=plan.currency)
        lines.append(StatementLine(heading, [], "group"))
        lines.extend(
            StatementLine(
                words.gettext(
                    "%(product)s: %(unit)s at %(price)s",
                    product=line.label,
                    unit=line.unit,
                    price=words.price(line.unit_price),
                ),
                [None, *line.volumes],
                "volume",
            )
            for line in plan.revenue_lines
        )
    table = plan.results.cash_flow_table
    if not table:
        return lines + _saved_before_the_table(plan, words)
    for label, name, sign, kind in _STATEMENT:
        if kind == "group":
            lines.append(StatementLine(words.gettext(label), [], kind))
            continue
        values = [None if (v := getattr(row, name)) is None else sign * v for row in table]
        if kind == "optional" and all(abs(v or 0.0) < 0.005 for v in values):
            continue
        shown = "amount" if kind == "optional" else kind
        lines.append(StatementLine(words.gettext(label), values, shown))
    return lines


def _saved_before_the_table(plan: PlanSummary, words: Wording) -> list[StatementLine]:
    # Results saved before the yearly table existed: the totals the body and results hold.
    flows = plan.results.cash_flows
    lines = []
    if plan.revenues:
        lines.append(StatementLine(words.gettext("Revenues"), [None, *plan.revenues]))
    if plan.operating_costs:
        lines.append(
            StatementLine(
                words.gettext("Operating costs"), [None, *(-c for c in plan.operating_costs)]
            )
        )
    lines.append(StatementLine(words.gettext("Cash flow on total capital"), list(flows), "total"))
    lines.append(StatementLine(words.gettext("Cumulative"), list(accumulate(flows)), "memo"))
    return lines
