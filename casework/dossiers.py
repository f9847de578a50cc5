"""Case dossiers as PDF: a Jinja2 template laid out by WeasyPrint behind a locked fetcher."""

import gc
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template
from weasyprint import HTML

from casework.dossier_context import DossierContext, PlanSummary
from casework.dossier_fetcher import LockedFetcher, static_root, templates_root

UNIT_NAME = "Reception unit for entrepreneurship projects"
TEMPLATE_NAME = "dossier.html.j2"

# Words the generic "snake_case to Sentence case" rule gets wrong.
_LABELS = {
    "sme": "SME",
    "follow_up": "Follow-up",
    "environmental_social": "Environmental and social",
}


@dataclass(frozen=True, slots=True)
class YearRow:
    """One line of the yearly cash-flow table."""

    year: int
    revenue: float | None  # None in year 0: operations have not started
    operating_cost: float | None
    investment: float
    other: float  # taxes and salvage: what makes the row add up to its cash flow
    cash_flow: float


def render_dossier(context: DossierContext) -> bytes:
    """Render the case dossier as PDF bytes."""
    return html_to_pdf(render_dossier_html(context))


def render_dossier_html(context: DossierContext) -> str:
    """Render the case dossier's HTML, every value autoescaped."""
    return _template().render(
        dossier=context, unit_name=UNIT_NAME, year_rows=year_rows(context.plan)
    )


def html_to_pdf(html: str) -> bytes:
    """Lay out dossier HTML as PDF; every resource goes through `LockedFetcher`."""
    try:
        pdf: bytes = HTML(
            string=html,
            base_url=static_root().as_uri() + "/",
            url_fetcher=LockedFetcher(),
        ).write_pdf()
        return pdf
    finally:
        # WeasyPrint leaves large reference cycles; a long-lived worker slows down
        # by ~10 % if they wait for the cyclic collector.
        gc.collect()


def year_rows(plan: PlanSummary | None) -> list[YearRow]:
    """Split each year's cash flow into revenues, costs, investments and the rest."""
    if plan is None:
        return []
    rows = []
    for year, cash_flow in enumerate(plan.results.cash_flows):
        revenue = _year_value(plan.revenues, year)
        cost = _year_value(plan.operating_costs, year)
        investment = sum(item.amount for item in plan.investments if item.year == year)
        operating = (revenue or 0.0) - (cost or 0.0) - investment
        rows.append(YearRow(year, revenue, cost, investment, cash_flow - operating, cash_flow))
    return rows


def _year_value(values: list[float], year: int) -> float | None:
    # values[t-1] belongs to year t; year 0 is before operations start.
    return values[year - 1] if 1 <= year <= len(values) else None


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
        percent=format_percent,
        rate=format_rate,
        years=format_years,
        score=format_score,
        iso=format_date,
        stamp=format_stamp,
        label=format_label,
        yes_no=format_yes_no,
        dots=format_dots,
    )
    return environment.get_template(TEMPLATE_NAME)


def format_amount(value: float) -> str:
    """A whole amount with thousands separators: 12,500,000."""
    # round() to an int first, so tiny float residues never print as "-0".
    return f"{round(value):,}"


def format_money(value: float, currency: str) -> str:
    """A whole amount and its currency: 8,762,082 XOF."""
    return f"{format_amount(value)} {currency}"


def format_percent(value: float) -> str:
    """A rate as a percentage with at most two decimals: 0.09 -> 9%, 0.1234 -> 12.34%."""
    return f"{value * 100:.2f}".rstrip("0").rstrip(".") + "%"


def format_rate(value: float) -> str:
    """An exchange rate, precise to a thousandth: 655.957."""
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def format_years(value: float) -> str:
    """A duration in years: 1 year, 3.2 years."""
    shown = f"{value:.1f}".removesuffix(".0")
    return f"{shown} year" if shown == "1" else f"{shown} years"


def format_score(value: float) -> str:
    """A partner-match score with two decimals."""
    return f"{value:.2f}"


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


def format_yes_no(value: bool | None) -> str:
    """Yes, No, or Not stated when the person did not say."""
    if value is None:
        return "Not stated"
    return "Yes" if value else "No"


def format_dots(value: int) -> str:
    """A 0-5 score as filled and empty dots."""
    filled = max(0, min(5, value))
    return "●" * filled + "○" * (5 - filled)
