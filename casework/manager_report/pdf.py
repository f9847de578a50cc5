"""The managers' report of a portfolio, printed now: what `GET /reports/portfolio.pdf` answers,
and what the console's portfolio page shows."""

from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from casework.dossier.render import UNIT_NAME
from casework.dossier.wording import wording
from casework.manager_report.filters import advisor_name, filters_applied
from casework.manager_report.render import render_manager_report
from casework.manager_report.view import ManagerReport, manager_report
from casework.models import Unit
from casework.services.portfolio import Portfolio, PortfolioFilter
from casework.services.units import list_units
from casework.settings import get_settings
from casework.vocabulary import Language


def portfolio_pdf(
    figures: Portfolio, only: PortfolioFilter, *, session: Session, language: Language
) -> bytes:
    """The PDF of `figures`, counted with `only`, in `language`, dated now in the unit's
    time zone."""
    report = portfolio_view(figures, only, session=session, language=language)
    return render_manager_report(report, language)


def portfolio_view(
    figures: Portfolio, only: PortfolioFilter, *, session: Session, language: Language
) -> ManagerReport:
    """The report of `figures`, counted with `only`, as the PDF and the console show it."""
    words = wording(language)
    # A report kept to one of several units is headed with its name; else, as ever.
    several = len(list_units(session=session)) > 1
    unit = session.get(Unit, only.unit_id) if only.unit_id and several else None
    return manager_report(
        figures,
        words=words,
        unit_name=unit.name if unit else words.gettext(UNIT_NAME),
        filters=filters_applied(
            only, words, advisor_name=advisor_name(only.advisor_id, session=session)
        ),
        generated_at=datetime.now(ZoneInfo(get_settings().timezone)),
    )
