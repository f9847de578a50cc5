"""The console's pages, one module per part of the unit's day."""

from fastapi import APIRouter

from api.console.routes import (
    assessment,
    case_list,
    case_page,
    feasibility,
    home,
    opening,
    plan,
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
)
