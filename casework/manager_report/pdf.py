"""The managers' report of a portfolio, printed now: what `GET /reports/portfolio.pdf` answers."""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from casework.dossiers import UNIT_NAME
from casework.manager_report.filters import advisor_name, filters_applied
from casework.manager_report.render import render_manager_report
from casework.manager_report.view import manager_report
from casework.services.portfolio import Portfolio, PortfolioFilter
from casework.settings import get_settings


def portfolio_pdf(figures: Portfolio, only: PortfolioFilter, *, session: Session) -> bytes:
    """The PDF of `figures`, counted with `only`, dated now in the unit's time zone."""
    report = manager_report(
        figures,
        unit_name=UNIT_NAME,
        filters=filters_applied(only, advisor_name=advisor_name(only.advisor_id, session=session)),
        generated_at=datetime.now(ZoneInfo(get_settings().timezone)),
    )
    return render_manager_report(report)
