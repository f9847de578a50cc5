"""The portfolio: the managers' report (and an advisor's caseload) as a page, with the same
figures and SVG charts as the PDF report, its filters, and its CSV and PDF downloads."""

import uuid
from dataclasses import asdict
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import Field
from pydantic_extra_types.country import CountryAlpha2
from sqlmodel import Session

from api.console.forms import Filters, countries
from api.console.pages import reader_language
from api.console.session import ConsoleActor
from api.console.visit import ConsoleVisit
from api.dependencies import SessionDep
from casework.actors import Action, Actor, require
from casework.dossier.wording import wording
from casework.figures_csv import figures_csv
from casework.manager_report import portfolio_pdf
from casework.manager_report.pdf import portfolio_view
from casework.manager_report.report_charts import report_charts
from casework.services.cases import advisors_in_view
from casework.services.portfolio import PortfolioFilter, portfolio
from casework.services.portfolio_scope import filter_for
from casework.services.units import list_units
from casework.vocabulary import Role, Sector

router = APIRouter()


class PortfolioAsked(Filters):
    """The page's filters; an empty choice keeps every case."""

    opened_from: date | None = None
    opened_until: date | None = None
    advisor: uuid.UUID | None = None
    country: CountryAlpha2 | None = None
    sector: Sector | None = None
    origin_country: CountryAlpha2 | None = None
    unit: str | None = Field(default=None, max_length=32)

    def kept(self, actor: Actor, session: Session) -> PortfolioFilter:
        """The cases the report counts: an advisor's caseload, a unit's staff's unit."""
        asked = PortfolioFilter(
            opened_from=self.opened_from,
            opened_until=self.opened_until,
            advisor_id=self.advisor,
            country=self.country,
            sector=self.sector,
            origin_country=self.origin_country,
        )
        return filter_for(actor, asked, self.unit, session=session)


Asked = Annotated[PortfolioAsked, Query()]


@router.get("/portfolio")
def portfolio_page(asked: Asked, visit: ConsoleVisit) -> Response:
    """The report's figures and charts, filtered."""
    actor, session = visit.actor, visit.session
    require(Action.READ_REPORTS, actor)
    language = reader_language(visit.request)
    only = asked.kept(actor, session)
    report = portfolio_view(
        portfolio(session=session, only=only), only, session=session, language=language
    )
    query = urlencode(asked.model_dump(mode="json", exclude_none=True))
    context = {
        "report": report,
        "charts": report_charts(report, wording(language)),
        "asked": asked,
        "query": query,
        "countries": countries(language),
        "sectors": list(Sector),
        "advisors": advisors_in_view(actor, session=session) if actor.role == Role.MANAGER else [],
        "units": list_units(session=session) if actor.unit_id is None else [],
    }
    return visit.page("portfolio.html.j2", context, inline_styles=True)


@router.get("/portfolio.csv")
def portfolio_csv(asked: Asked, actor: ConsoleActor, session: SessionDep) -> Response:
    """The same figures as CSV, one line per figure."""
    require(Action.READ_REPORTS, actor)
    figures = asdict(portfolio(session=session, only=asked.kept(actor, session)))
    return Response(
        figures_csv(figures),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="portfolio.csv"'},
    )


@router.get("/portfolio.pdf")
def portfolio_report(
    request: Request, asked: Asked, actor: ConsoleActor, session: SessionDep
) -> Response:
    """The same report as the A4 PDF, in the reader's language."""
    require(Action.READ_REPORTS, actor)
    only = asked.kept(actor, session)
    language = reader_language(request)
    content = portfolio_pdf(
        portfolio(session=session, only=only), only, session=session, language=language
    )
    return Response(
        content,
        media_type="application/pdf",
        headers={"Content-Disposition": 'attachment; filename="portfolio.pdf"'},
    )
