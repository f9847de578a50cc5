"""The managers' report as PDF: a Jinja2 template laid out by WeasyPrint, fetching locked."""

from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, Template

from casework.dossier_fetcher import templates_root
from casework.dossiers import html_to_pdf
from casework.manager_report.formats import (
    format_count,
    format_days,
    format_eur,
    format_hours,
    format_moment,
    format_name,
    format_share,
)
from casework.manager_report.report_charts import report_charts
from casework.manager_report.view import ManagerReport

TEMPLATE_NAME = "manager_report.html.j2"


def render_manager_report(report: ManagerReport) -> bytes:
    """The report as PDF bytes; every resource it loads goes through the locked fetcher."""
    return html_to_pdf(render_manager_report_html(report))


def render_manager_report_html(report: ManagerReport) -> str:
    """The report's HTML, every value autoescaped and each chart inline SVG."""
    return _template().render(report=report, charts=report_charts(report))


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
        eur=format_eur,
        share=format_share,
        days=format_days,
        hours=format_hours,
        count=format_count,
        name=format_name,
        moment=format_moment,
    )
    return environment.get_template(TEMPLATE_NAME)
