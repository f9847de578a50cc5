"""The managers' portfolio report as PDF: the figures of `GET /reports/portfolio`, charted.

`view` reads what the report shows from a `Portfolio` (rows in `lines`), `filters`
words the filters it was drawn with, `charts` draws SVG with pygal and
`report_charts` picks each chart's numbers; `render` lays it all out with the
template `document_templates/manager_report.html.j2` and its stylesheet; `pdf`
puts the pieces together for the route. Each is given the report's language (or its
`Wording`): its words come from the unit's catalogue, its figures and dates in that
language's style.
"""

from casework.manager_report.filters import advisor_name, filters_applied
from casework.manager_report.pdf import portfolio_pdf
from casework.manager_report.render import render_manager_report, render_manager_report_html
from casework.manager_report.view import ManagerReport, manager_report

__all__ = [
    "ManagerReport",
    "advisor_name",
    "filters_applied",
    "manager_report",
    "portfolio_pdf",
    "render_manager_report",
    "render_manager_report_html",
]
