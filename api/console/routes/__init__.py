"""The console's pages, one module per part of the unit's day."""

from fastapi import APIRouter

from api.console.routes import (
    account,
    assessment,
    case_details,
    case_list,
    case_page,
    dossiers,
    feasibility,
    follow_up,
    home,
    linkage,
    opening,
    partners,
    plan,
    portfolio,
    sign_in,
)

ROUTERS: tuple[APIRouter, ...] = (
    sign_in.router,
    home.router,
    opening.router,
    case_list.router,
    case_page.router,
    assessment.router,
    feasibility.router,
    plan.router,
    linkage.router,
    account.router,
    dossiers.router,
    follow_up.router,
    portfolio.router,
    partners.router,
    case_details.router,
)
