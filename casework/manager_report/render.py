"""The managers' report as PDF: a Jinja2 template laid out by WeasyPrint, fetching locked.

The template is rendered in the dossiers' environment of its language
(`casework.dossier.render.environment`): the unit's catalogue for its words, the
language's `Wording` for its figures, dates and names.
"""

from casework.dossier.render import environment, html_to_pdf
from casework.dossier.wording import wording
from casework.manager_report.report_charts import report_charts
from casework.manager_report.view import ManagerReport
from casework.vocabulary import Language

TEMPLATE_NAME = "manager_report.html.j2"


def render_manager_report(report: ManagerReport, language: Language = Language.EN) -> bytes:
    """The report in `language` as PDF bytes; every resource it loads goes through the
    locked fetcher."""
    return html_to_pdf(render_manager_report_html(report, language))


def render_manager_report_html(report: ManagerReport, language: Language = Language.EN) -> str:
    """The report's HTML in `language`, every value autoescaped and each chart inline SVG."""
    return (
        environment(language)
        .get_template(TEMPLATE_NAME)
        .render(report=report, charts=report_charts(report, wording(language)))
    )
