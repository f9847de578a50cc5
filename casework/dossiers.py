"""Case dossiers as PDF: a Jinja2 template laid out by WeasyPrint behind a locked fetcher."""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import accumulate

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from markupsafe import Markup
from weasyprint import HTML
from weasyprint.document import Document

from casework.cash_flow_chart import cash_flow_chart
from casework.countries import country_name
from casework.dossier_audience import copy_for, copy_title
from casework.dossier_context import DossierContext
from casework.dossier_fetcher import LockedFetcher, static_root, templates_root
from casework.dossier_plan_context import PlanSummary
from casework.number_style import (
    format_amount,
    format_measure,
    format_percent,
    format_price,
    format_rate,
    format_ratio,
    format_score,
    format_volume,
    format_year_count,
    format_years,
)
from casework.number_style import format_money as format_money  # the flows' summaries use it
from casework.stages import CLOSED_STATUSES
from casework.vocabulary import Audience

UNIT_NAME = "Reception unit for entrepreneurship projects"
TEMPLATE_NAME = "dossier.html.j2"

# Words the generic "snake_case to Sentence case" rule gets wrong.
_LABELS = {
    "sme": "SME",
    "agri_food": "Agri-food",
    "follow_up": "Follow-up",
    "environmental_social": "Environmental and social",
}


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
    ("Operations", "", 1, "group"),
    ("Revenues", "revenues", 1, "amount"),
    ("Operating costs", "operating_costs", -1, "amount"),
    ("EBITDA", "ebitda", 1, "total"),
    ("Depreciation (not a cash flow)", "depreciation", 1, "memo"),
    ("The project on total capital", "", 1, "group"),
    ("Taxes on EBIT", "taxes_on_ebit", -1, "amount"),
    ("Investments", "investments", -1, "amount"),
    ("Replacements", "replacements", -1, "optional"),
    ("Working-capital change", "working_capital_change", 1, "amount"),
    ("Salvage value", "salvage_value", 1, "amount"),
    ("Cash flow on total capital", "cash_flow_total_capital", 1, "total"),
    ("Cumulative", "cumulative_cash_flow", 1, "memo"),
    ("Financing: the owners' view", "", 1, "group"),
    ("Loans received", "debt_drawdown", 1, "optional"),
    ("Grants received", "grants", 1, "optional"),
    ("Taxes on EBIT, added back", "taxes_on_ebit", 1, "optional"),
    ("Taxes due after interest", "taxes", -1, "optional"),
    ("Debt service", "debt_service", -1, "amount"),
    ("of which interest", "interest", -1, "memo"),
    ("Loans still owed, paid off at the end", "debt_settled", -1, "optional"),
    ("Cash flow on equity", "cash_flow_equity", 1, "total"),
    ("Cumulative", "cumulative_cash_flow_equity", 1, "memo"),
    ("Debt service cover ratio (DSCR)", "dscr", 1, "ratio"),
)


def render_dossier(context: DossierContext, audience: Audience) -> bytes:
    """Render `audience`'s copy of the case dossier as PDF bytes."""
    return html_to_pdf(render_dossier_html(context, audience))


def render_dossier_html(context: DossierContext, audience: Audience) -> str:
    """Render `audience`'s copy of the dossier's HTML, every value autoescaped."""
    # The template only ever sees the copy: what the audience may not read is not in it.
    return _template().render(
        dossier=copy_for(context, audience),
        copy_title=copy_title(audience),
        closed=context.case.status in CLOSED_STATUSES,
        unit_name=UNIT_NAME,
        cash_flow_plan=cash_flow_plan(context.plan),
        chart=plan_chart(context.plan),
    )


def html_to_pdf(html: str) -> bytes:
    """Lay out dossier HTML as PDF; every resource goes through `LockedFetcher`."""
    pdf: bytes = lay_out(html).write_pdf()
    return pdf


def lay_out(html: str) -> Document:
    """Dossier HTML laid out in pages of boxes, its resources fetched by `LockedFetcher`."""
    return HTML(
        string=html,
        base_url=static_root().as_uri() + "/",
        url_fetcher=LockedFetcher(),
    ).render()


def plan_chart(plan: PlanSummary | None) -> Markup | None:
    """The plan's cash flows on total capital and their cumulative total, as inline SVG."""
    if plan is None:
        return None
    flows = plan.results.cash_flows
    svg = cash_flow_chart(flows, [str(year) for year in range(len(flows))])
    # Safe to print unescaped: the chart escapes its text and writes numbers as decimals only.
    return Markup(svg)  # noqa: S704


def cash_flow_plan(plan: PlanSummary | None) -> list[StatementBlock]:
    """The cash-flow plan in blocks of as many years as its widest figure lets the page hold."""
    if plan is None:
        return []
    lines = statement_lines(plan)
    count = len(plan.results.cash_flows)
    most = year_columns(lines)
    size = -(-count // -(-count // most))
    return [
        StatementBlock(
            list(range(start, min(start + size, count))),
            [replace(line, values=line.values[start : start + size]) for line in lines],
        )
        for start in range(0, count, size)
    ]


def year_columns(lines: list[StatementLine]) -> int:
    """How many year columns fit the landscape page beside the labels, at most MAX_YEAR_COLUMNS."""
    printed = [format_figure(value, line.kind) for line in lines for value in line.values]
    widest = max(
        (sum(DIGIT_WIDTH if char.isdigit() else MARK_WIDTH for char in text) for text in printed),
        default=0.0,
    )
    return max(1, min(MAX_YEAR_COLUMNS, int(YEAR_COLUMNS_ROOM // (widest + CELL_PADDING))))


def format_figure(value: float | None, kind: str) -> str:
    """A figure of the cash-flow plan in the style of its line's kind; a dash when it has none."""
    if value is None:
        return "—"
    if kind == "volume":
        return format_volume(value)
    return format_ratio(value) if kind == "ratio" else format_amount(value)


def statement_lines(plan: PlanSummary) -> list[StatementLine]:
    """Every line of the cash-flow plan over years 0..horizon; outflows are negative."""
    lines = []
    if plan.revenue_lines:
        lines.append(StatementLine(f"Volumes sold (price in {plan.currency})", [], "group"))
        lines.extend(
            StatementLine(
                f"{line.label}: {line.unit} at {format_price(line.unit_price)}",
                [None, *line.volumes],
                "volume",
            )
            for line in plan.revenue_lines
        )
    table = plan.results.cash_flow_table
    if not table:
        return lines + _saved_before_the_table(plan)
    for label, name, sign, kind in _STATEMENT:
        if kind == "group":
            lines.append(StatementLine(label, [], kind))
            continue
        values = [None if (v := getattr(row, name)) is None else sign * v for row in table]
        if kind == "optional" and all(abs(v or 0.0) < 0.005 for v in values):
            continue
        lines.append(StatementLine(label, values, "amount" if kind == "optional" else kind))
    return lines


def _saved_before_the_table(plan: PlanSummary) -> list[StatementLine]:
    # Results saved before the yearly table existed: the totals the body and results hold.
    flows = plan.results.cash_flows
    lines = []
    if plan.revenues:
        lines.append(StatementLine("Revenues", [None, *plan.revenues]))
    if plan.operating_costs:
        lines.append(StatementLine("Operating costs", [None, *(-c for c in plan.operating_costs)]))
    lines.append(StatementLine("Cash flow on total capital", list(flows), "total"))
    lines.append(StatementLine("Cumulative", list(accumulate(flows)), "memo"))
    return lines


@lru_cache(maxsize=1)
def _template() -> Template:
    environment = Environment(
        loader=FileSystemLoader(templates_root()),
        # select_autoescape() decides by suffix and misses .j2: force it for every template.
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        amount=format_amount,
        money=format_money,
        price=format_price,
        volume=format_volume,
        ratio=format_ratio,
        shown=format_measure,
        percent=format_percent,
        rate=format_rate,
        years=format_years,
        year_count=format_year_count,
        score=format_score,
        figure=format_figure,
        country=country_name,
        iso=format_date,
        stamp=format_stamp,
        label=format_label,
        sentence=format_sentence,
        yes_no=format_yes_no,
        dots=format_dots,
    )
    return environment.get_template(TEMPLATE_NAME)


def format_date(value: date) -> str:
    """A date in ISO form: 2026-03-14."""
    return value.isoformat() if not isinstance(value, datetime) else value.date().isoformat()


def format_stamp(value: datetime) -> str:
    """A moment as ISO date and minutes, with its UTC offset: 2026-03-14 09:30 UTC."""
    offset = value.utcoffset()
    if offset is None:
        return value.strftime("%Y-%m-%d %H:%M")
    if offset == timedelta(0):
        return value.strftime("%Y-%m-%d %H:%M UTC")
    return value.strftime("%Y-%m-%d %H:%M UTC%z")


def format_label(value: str) -> str:
    """A stored value in the unit's words: meso_credit -> Meso credit."""
    text = str(value)
    return _LABELS.get(text, text.replace("_", " ").capitalize())


def format_sentence(value: str) -> str:
    """A note as a sentence: its first letter capitalised, nothing else touched."""
    return value[:1].upper() + value[1:]


def format_yes_no(value: bool | None) -> str:
    """Yes, No, or Not stated when the person did not say."""
    if value is None:
        return "Not stated"
    return "Yes" if value else "No"


def format_dots(value: int) -> str:
    """A 0-5 score as filled and empty dots."""
    filled = max(0, min(5, value))
    return "●" * filled + "○" * (5 - filled)
