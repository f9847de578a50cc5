"""Portfolio reports: the unit or the programme for managers, their caseload for advisors."""

import uuid
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from api.dependencies import ActorDep, SessionDep
from api.permissions import permit
from casework.actors import Action
from casework.figures_csv import figures_csv
from casework.manager_report import portfolio_pdf
from casework.services.portfolio import PortfolioFilter, portfolio
from casework.services.portfolio_scope import filter_for
from casework.settings import get_settings
from casework.vocabulary import Language, Sector

router = APIRouter(prefix="/reports", tags=["reports"])

Country = Annotated[str | None, Query(pattern="^[A-Z]{2}$", description="ISO 3166-1 alpha-2")]


def _filter(
    actor: ActorDep,
    session: SessionDep,
    opened_from: Annotated[date | None, Query(description="Cases opened on or after")] = None,
    opened_until: Annotated[date | None, Query(description="Cases opened on or before")] = None,
    advisor_id: Annotated[uuid.UUID | None, Query(description="One advisor's cases")] = None,
    country: Country = None,
    sector: Sector | None = None,
    origin_country: Country = None,
    unit: Annotated[
        str | None, Query(max_length=32, description="One unit's cases, by its code")
    ] = None,
) -> PortfolioFilter:
    """The cases the filters keep; an advisor's are their own caseload, whatever they ask,
    and a unit's staff's their unit's."""
    asked = PortfolioFilter(
        opened_from=opened_from,
        opened_until=opened_until,
        advisor_id=advisor_id,
        country=country,
        sector=sector,
        origin_country=origin_country,
    )
    return filter_for(actor, asked, unit, session=session)


Only = Annotated[PortfolioFilter, Depends(_filter)]


def _figures(only: Only, session: SessionDep) -> dict[str, Any]:
    return asdict(portfolio(session=session, only=only))


Figures = Annotated[dict[str, Any], Depends(_figures)]


@router.get("/portfolio", dependencies=[permit(Action.READ_REPORTS)])
def portfolio_report(figures: Figures) -> dict[str, Any]:
    """Pipeline, time in stage, conversion, who is served, money, support cost, outcomes
    and partners; `served` repeats them for each gender and for diaspora and local, and
    `by_unit` for each unit the report spans (the units compared, by their code).

    A unit's manager reads their unit (or what the filters keep); a manager with no unit,
    the whole programme or the unit `unit`; an advisor, their own caseload whatever
    `advisor_id` says.
    """
    return figures


@router.get(
    "/portfolio.csv",
    dependencies=[permit(Action.READ_REPORTS)],
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}, "description": "The figures as CSV."}},
)
def portfolio_csv(figures: Figures) -> Response:
    """The same figures as CSV: one line per figure, its dotted path and its value."""
    return Response(
        figures_csv(figures),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="portfolio.csv"'},
    )


@router.get(
    "/portfolio.pdf",
    dependencies=[permit(Action.READ_REPORTS)],
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}, "description": "The report as PDF."}},
)
def portfolio_pdf_report(
    only: Only,
    session: SessionDep,
    lang: Annotated[
        Language | None,
        Query(description="fr or en; by default the unit's language."),
    ] = None,
) -> Response:
    """The same figures as an A4 PDF: pipeline funnel, time in stage, women and men,
    diaspora and local, support cost against project size as charts; financing,
    outcomes and partners as tables; headed with the filters applied and the date.

    Printed in `lang`, by default the unit's language: its words, and its figures and
    dates as that language writes them.
    """
    language = lang or get_settings().language
    content = portfolio_pdf(
        portfolio(session=session, only=only), only, session=session, language=language
    )
    return Response(
        content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": 'attachment; filename="portfolio.pdf"',
            "Content-Language": language.value,
        },
    )
